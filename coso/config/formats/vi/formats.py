"""Dates as Vietnamese write them, day first (Django's own Vietnamese formats name no
input format, so its default would read 05/06/2026 as the 6th of May). The ISO form
(2026-06-05) stays accepted for scripts and the API."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
