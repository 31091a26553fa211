"""What support to households counts as (coso.core.indicators): programmes, households
supported and value handed, objections and those answered within the posting period."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from coso.core.counting import count_per_unit
from coso.core.indicators import Indicator, Source, register
from coso.support.models import Objection, Recipient

BY = "programme__unit_id"  # a programme's records count at its unit
BASIS = _("Luật Thực hiện dân chủ ở cơ sở, điều 5, 7, 11 khoản 7 (dân thụ hưởng)")


def compute(
    unit_ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> dict[int, dict[str, int]]:
    """Per commune: programmes handed in the period with their households and value (one
    query), objections received and answered in time (one query)."""
    recipients = Recipient.objects.filter(programme__handed_on__range=(start, end))
    handed = {
        "support.programmes": Count("programme_id", distinct=True),
        "support.value": Sum("value"),
    }
    households = {"support.households": Q()}
    found = count_per_unit(recipients, households, unit_ids=unit_ids, by=BY, totals=handed)
    objections = Objection.objects.filter(
        Q(received_on__range=(start, end)) | Q(answered_on__range=(start, end))
    )
    asked = {
        "support.objections": Q(received_on__range=(start, end)),
        "support.objections_answered_in_time": Q(
            answered_on__range=(start, end), answered_in_time=True
        ),
    }
    return count_per_unit(objections, asked, unit_ids=unit_ids, by=BY, into=found)


register(
    Source(
        name="support",
        indicators=(
            Indicator(
                "support.programmes",
                _("Đợt hỗ trợ hộ gia đình"),
                _("Đợt hỗ trợ có ngày trao trong kỳ và có ít nhất một hộ."),
                _("đợt"),
                "support programmes",
                BASIS,
            ),
            Indicator(
                "support.households",
                _("Lượt hộ được hỗ trợ"),
                _("Hộ trong danh sách các đợt hỗ trợ có ngày trao trong kỳ (mỗi đợt một lượt)."),
                _("hộ"),
                "support recipients",
                BASIS,
            ),
            Indicator(
                "support.value",
                _("Giá trị hỗ trợ đã trao"),
                _("Tổng giá trị hỗ trợ cho các hộ trong các đợt có ngày trao trong kỳ."),
                _("đồng"),
                "support recipients",
                BASIS,
            ),
            Indicator(
                "support.objections",
                _("Ý kiến về danh sách hỗ trợ"),
                _("Ý kiến người dân về danh sách niêm yết, nhận trong kỳ."),
                _("ý kiến"),
                "support objections",
                BASIS,
            ),
            Indicator(
                "support.objections_answered_in_time",
                _("Ý kiến được trả lời trong thời gian niêm yết"),
                _("Ý kiến trả lời trong kỳ, không muộn hơn ngày cuối niêm yết."),
                _("ý kiến"),
                "support objections",
                BASIS,
            ),
        ),
        compute=compute,
    )
)
