"""The legal rules Coso applies, as loaded into the rulebook by its data migrations.

Each entry names the article it implements. This list is the *initial* content of each
rule: later changes are new rule versions (admin or a new data migration), never an edit
of an entry, so that a database built from scratch matches one that has lived. The
rules are grouped by duty; `texts` names the laws and shapes the values; `revisions`
lists the later versions (the law as it stands since 1 July 2026).
"""

from coso.rules.catalogue.concerns import HOTSPOTS, WARNINGS
from coso.rules.catalogue.decide import DECIDE
from coso.rules.catalogue.disclosure import DISCLOSURE
from coso.rules.catalogue.measure import MEASURE
from coso.rules.catalogue.oversight import OVERSIGHT
from coso.rules.catalogue.petitions import PETITIONS
from coso.rules.catalogue.revisions import REVISIONS, Revision
from coso.rules.catalogue.texts import GDL, LAW_97_UNREAD, MIN, NONE, PERMANENT, Rule
from coso.rules.catalogue.workplace import WORKPLACE


def _law_97_status(rule: Rule) -> Rule:
    """Every rule citing the GDL says whether Law 97/2025/QH15 changed its article."""
    code, title, kind, unit, value, citation, effective_from, note = rule
    if GDL not in citation:
        return rule
    return (
        code,
        title,
        kind,
        unit,
        value,
        citation,
        effective_from,
        f"{note} {LAW_97_UNREAD}".strip(),
    )


RULES: list[Rule] = [
    _law_97_status(rule)
    for rule in (
        *DISCLOSURE,
        *DECIDE,
        *OVERSIGHT,
        *WORKPLACE,
        *PETITIONS,
        *MEASURE,
        *HOTSPOTS,
        *WARNINGS,
    )
]

# Periods that are minimum durations or count back from an event: they are not moved
# to the next working day (that is only for a deadline falling on a day off).
NOT_ROLLED = {
    "disclosure.posting.min_days",
    "disclosure.broadcast.min_days",
    "disclosure.agency.min_days",
    "consultation.min_days",
    "vote.convention.comment_days",
    "vote.meeting.notice_days",
    "village.annual_conference",
    "oversight.cisb.notice_days",
    "vote.village_head.timeline",
    "vote.initiative.support_valid_days",
}

__all__ = ["MIN", "NONE", "NOT_ROLLED", "PERMANENT", "REVISIONS", "RULES", "Revision"]
