"""Telling households that a round opened: each household the round calls (its unit's,
or in a village-by-village round those of the villages still to decide) that has a
phone is told what is decided, how to take part and where the result will be published,
on the channel it chose (`coso.notices.services.notify_residents`), none if it stopped
notices. The rows are written in the opening's transaction, read and written in a fixed
number of queries whatever the number of households; they are sent later, so a gateway
that is down never holds up or undoes the opening."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from coso.core.dates import vn_date
from coso.decisions.models import Electorate, Matter, Method
from coso.decisions.services.ballots import households_called
from coso.notices.services import notify_residents
from coso.people.selectors import phones_of


def _link(name: str, pk: int) -> str:
    return settings.COSO_SITE_URL + reverse(name, args=[pk])


def _when(matter: Matter) -> str:
    """The meeting's day, and its hour and place when the round knows them."""
    when = vn_date(matter.opened_on)  # type: ignore[arg-type]
    if matter.starts_at:
        when += _(" lúc %(time)s") % {"time": f"{matter.starts_at:%H:%M}"}
    if matter.venue:
        when += _(", tại %(venue)s") % {"venue": matter.venue}
    return when


def opened_text(matter: Matter) -> str:
    """The text of the notice: short enough for a text message (the title, last, is
    what the SMS channel cuts when a long one does not fit), the links before it."""
    values = {
        "unit": matter.unit.name,
        "day": vn_date(matter.opened_on),  # type: ignore[arg-type]
        "result": _link("decisions:public_result", matter.pk),
        "vote": _link("decisions:vote_signed_in", matter.pk),
    }
    if matter.method == Method.MEETING:
        head = _("[Coso] %(unit)s mời đại diện hộ họp biểu quyết ngày %(when)s.") % {
            **values,
            "when": _when(matter),
        }
    elif matter.online_allowed:
        head = (
            _("[Coso] %(unit)s lấy ý kiến hộ bằng phiếu từ %(day)s, hoặc trực tuyến: %(vote)s")
            % values
        )
    else:
        head = _("[Coso] %(unit)s phát phiếu lấy ý kiến hộ từ %(day)s.") % values
    tail = _("Kết quả: %(result)s\nNội dung: %(title)s") % {**values, "title": matter.title}
    return f"{head}\n{tail}"


def households_tell_opened(matter: Matter) -> None:
    """In the opening's transaction: queue the notice to each household the round calls
    (a staff conference calls none), once per household and round — a second call, or
    the round's households read again, queues nothing twice."""
    if matter.electorate != Electorate.HOUSEHOLDS:
        return
    phones = phones_of(households=households_called(matter))
    notify_residents(
        [
            (f"household:{pk}", f"decisions.opened:{matter.pk}:{pk}", phone, "")
            for pk, phone in phones
        ],
        subject=_("[Coso] Biểu quyết: %(title)s") % {"title": matter.title},
        body=opened_text(matter),
    )
