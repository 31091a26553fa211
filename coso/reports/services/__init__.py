"""Writes of the reports app: the maintained figures (`figures`) and periodic reports
(`reports`)."""

from coso.reports.services.figures import periods_between, refresh, refresh_touched, roll_up
from coso.reports.services.reports import (
    report_draft,
    report_quote,
    report_reopen,
    report_review,
    report_save,
    report_submit,
)

__all__ = [
    "periods_between",
    "refresh",
    "refresh_touched",
    "report_draft",
    "report_quote",
    "report_reopen",
    "report_review",
    "report_save",
    "report_submit",
    "roll_up",
]
