"""Writes of the reports app: the maintained figures (`figures`, refreshed after a
change by the worker of `touches`) and periodic reports (`reports`)."""

from coso.reports.services.figures import periods_between, refresh, roll_up
from coso.reports.services.reports import (
    report_draft,
    report_quote,
    report_reopen,
    report_review,
    report_save,
    report_submit,
)
from coso.reports.services.touches import oldest_touch_age, touch_record, touches_work

__all__ = [
    "oldest_touch_age",
    "periods_between",
    "refresh",
    "report_draft",
    "report_quote",
    "report_reopen",
    "report_review",
    "report_save",
    "report_submit",
    "roll_up",
    "touch_record",
    "touches_work",
]
