"""The daily reminder: each owner of follow-ups due soon or overdue gets one message
listing them — through the outbox, keyed by address and day, so a second run on the
same day sends nothing."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso.accounts.selectors import RoleAssignment
from coso.core.dates import vn_date
from coso.core.permissions import roles_for
from coso.followups.models import OPEN_STATUSES, FollowUp
from coso.notices.services import notify


def _line(followup: FollowUp, today: dt.date) -> str:
    late = _(", QUÁ HẠN") if followup.due_on < today else ""
    return f"- {followup.text[:120]} ({_('hạn')} {vn_date(followup.due_on)}{late})"


def remind(*, today: dt.date | None = None) -> tuple[int, int]:
    """Queue today's reminders. Returns (addresses written to, follow-ups listed);
    addresses already reminded today are skipped. A follow-up with a named owner who
    has an e-mail address (and an active account) reminds that owner; otherwise its
    unit's officials."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.COSO_FOLLOWUP_SOON_DAYS)
    due = list(
        FollowUp.objects.filter(status__in=OPEN_STATUSES, due_on__lte=soon)
        .select_related("owner")
        .only("id", "text", "due_on", "unit_id", "owner__email", "owner__is_active")
        .order_by("due_on", "id")
    )
    by_unit: dict[int, list[FollowUp]] = defaultdict(list)
    by_address: dict[str, list[FollowUp]] = defaultdict(list)
    for followup in due:
        owner = followup.owner
        email = owner.email if owner is not None and owner.is_active else ""
        if email:
            by_address[email].append(followup)
        else:
            by_unit[followup.unit_id].append(followup)
    officials = (
        RoleAssignment.objects.filter(unit_id__in=by_unit, role__in=roles_for("followups.write"))
        .filter(user__is_active=True)
        .exclude(user__email="")
    )
    for unit_id, email in officials.values_list("unit_id", "user__email").distinct():
        by_address[email].extend(by_unit[unit_id])
    written = 0
    with transaction.atomic():
        for email, items in sorted(by_address.items()):
            late = sum(1 for f in items if f.due_on < today)
            queued = notify(
                key=f"followup-remind:{email}:{today.isoformat()}",
                to=email,
                subject=_("[Coso] %(n)s việc sắp đến hạn hoặc quá hạn (%(late)s quá hạn)")
                % {"n": len(items), "late": late},
                body="\n".join(_line(f, today) for f in items),
            )
            written += queued is not None
    return written, len(due)
