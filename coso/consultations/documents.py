"""The published synthesis as an official report (Decree 30/2020/NĐ-CP layout, through
the one builder in `coso.core.documents`): every opinion with its outcome and
explanation, clause by clause (GDL art. 28)."""

from django.utils import translation
from django.utils.translation import gettext as _

from coso.consultations.models import Consultation
from coso.core.dates import vn_date
from coso.core.documents import (
    ARCHIVE,
    OfficialDocument,
    Signer,
    issuer_of,
    place_of,
    unit_title,
)


def synthesis_docx(consultation: Consultation) -> bytes:
    with translation.override("vi"):
        return _synthesis(consultation)


def _synthesis(consultation: Consultation) -> bytes:
    unit = consultation.unit
    parent, issuing, suffix = issuer_of(unit)
    document = OfficialDocument(
        parent_body=parent,
        issuing_body=issuing,
        symbol=f"BC-{suffix}" if suffix else "BC",
        place=place_of(unit),
        date=consultation.published_on or consultation.closed_on,
        kind_title=_("BÁO CÁO"),
        summary=_("Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân về %(title)s")
        % {"title": consultation.title},
    )
    document.paragraph(
        _("Đơn vị: %(unit)s. Lấy ý kiến từ %(a)s đến %(b)s.")
        % {
            "unit": unit.name,
            "a": vn_date(consultation.opened_on),
            "b": vn_date(consultation.closes_on),
        }
    )
    for line in consultation.synthesis.splitlines():
        document.paragraph(line)
    rows = []
    groups = [(str(c.number), list(c.opinions.all())) for c in consultation.clauses.all()]
    groups.append((_("Chung"), list(consultation.general)))  # type: ignore[attr-defined]
    for label, opinions in groups:
        for opinion in opinions:
            rows.append([label, opinion.text, opinion.get_outcome_display(), opinion.explanation])
    document.table(
        [_("Điều, khoản"), _("Ý kiến"), _("Kết quả"), _("Giải trình")],
        rows,
        widths=[1, 3, 1.4, 3],
    )
    front = _("Ủy ban Mặt trận Tổ quốc Việt Nam %(unit)s") % {"unit": unit_title(unit)}
    document.closing(
        recipients=[front, ARCHIVE],
        signers=[Signer(authority=_("TM. Ủy ban nhân dân") if suffix else "", title=_("Chủ tịch"))],
    )
    return document.to_bytes()
