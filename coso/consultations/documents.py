"""The published synthesis as a Word document (Decree 30/2020/NĐ-CP layout): every
opinion with its outcome and explanation, clause by clause."""

import io

from django.utils.translation import gettext as _

from coso.consultations.models import Consultation
from coso.core.dates import vn_date
from coso.core.documents import centered, national_title, state_document


def synthesis_docx(consultation: Consultation) -> bytes:
    document = state_document()
    national_title(document)
    centered(document, _("BÁO CÁO TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN NHÂN DÂN"), bold=True)
    centered(document, consultation.title, bold=True)
    document.add_paragraph(
        _("Đơn vị: %(unit)s. Lấy ý kiến từ %(a)s đến %(b)s.")
        % {
            "unit": consultation.unit.name,
            "a": vn_date(consultation.opened_on),
            "b": vn_date(consultation.closes_on),
        }
    )
    document.add_paragraph(consultation.synthesis)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        [_("Điều, khoản"), _("Ý kiến"), _("Kết quả"), _("Giải trình")],
        strict=True,
    ):
        cell.text = text
    groups = [(str(c.number), list(c.opinions.all())) for c in consultation.clauses.all()]
    groups.append((_("Chung"), list(consultation.general)))  # type: ignore[attr-defined]
    for label, opinions in groups:
        for opinion in opinions:
            row = table.add_row().cells
            row[0].text, row[1].text = label, opinion.text
            row[2].text, row[3].text = opinion.get_outcome_display(), opinion.explanation
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
