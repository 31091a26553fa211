"""The People's Inspection Board's activity report for a quarter or a year as an
official document (Decree 30/2020/NĐ-CP layout, through the one builder): issued by the
board under the commune's Fatherland Front committee, which guides it (GDL art. 36),
with the board's figures and members, to the Front and the commune's People's
Committee."""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coso.core.documents import (
    ARCHIVE,
    OfficialDocument,
    Signer,
    figure,
    percent,
    place_of,
    unit_title,
)
from coso.oversight.models import Member, MemberRole
from coso.reports import Period
from coso.units.selectors import Unit


def board_report_docx(
    *, commune: Unit, period: Period, figures: Sequence[Any], members: Sequence[Member]
) -> bytes:
    with translation.override("vi"):
        return _board_report(commune, period, figures, members)


def _board_report(
    commune: Unit, period: Period, figures: Sequence[Any], members: Sequence[Member]
) -> bytes:
    front = _("Ủy ban Mặt trận Tổ quốc Việt Nam %(unit)s") % {"unit": unit_title(commune)}
    document = OfficialDocument(
        parent_body=_("UBMTTQ Việt Nam %(unit)s") % {"unit": unit_title(commune)},
        issuing_body=_("Ban Thanh tra nhân dân"),
        symbol="BC-BTTND",
        place=place_of(commune),
        date=timezone.localdate(),
        kind_title=_("Báo cáo"),
        summary=_("Hoạt động của Ban Thanh tra nhân dân, %(period)s") % {"period": period.label},
    )
    document.heading(_("I. KẾT QUẢ HOẠT ĐỘNG"))
    rows = [[f.label, percent(f.value) if f.measure == "%" else figure(f.value)] for f in figures]
    document.table([_("Chỉ tiêu"), _("Số liệu")], rows, widths=[4, 1])
    document.heading(_("II. THÀNH VIÊN BAN THANH TRA NHÂN DÂN"))
    document.table(
        [_("Họ tên"), _("Chức danh"), _("Thôn, tổ dân phố")],
        [[m.name, m.get_role_display(), m.village.name if m.village else ""] for m in members],
        widths=[2, 1.4, 2],
    )
    head = next((m.name for m in members if m.role == MemberRole.HEAD), "")
    document.closing(
        recipients=[front, _("Ủy ban nhân dân %(unit)s") % {"unit": unit_title(commune)}, ARCHIVE],
        signers=[
            Signer(authority=_("TM. Ban Thanh tra nhân dân"), title=_("Trưởng ban"), name=head)
        ],
    )
    return document.to_bytes()
