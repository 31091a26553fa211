"""The notices app's part of the permission test (tests/test_permissions.py): the
gateways' delivery-report addresses, public, with the test settings' secret."""

from django.conf import settings

PAGES = {
    "notices:esms_callback": lambda w, u: ({"secret": settings.COSO_NOTICE_CALLBACK_SECRET}, None),
    "notices:zalo_callback": lambda w, u: ({"secret": settings.COSO_NOTICE_CALLBACK_SECRET}, None),
}
