"""Indicators kept per reporting unit and period, dashboards and periodic reports.

Other apps read the figures through `coso.reports.selectors` and name reporting periods
from here, never from `reports.periods`.
"""

from coso.reports.periods import QUARTER, YEAR, Period
from coso.reports.periods import of_kind as period_of_kind
from coso.reports.periods import parse as period_parse

__all__ = ["QUARTER", "YEAR", "Period", "period_of_kind", "period_parse"]
