"""Reads for a household's own pages and the village head's sign-in slips: the
household's name as people say it (its head's, `head_name` from the people app), and
what the household can do now."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coso.consultations import selectors as consultations
from coso.decisions import selectors as decisions
from coso.followups import selectors as followups
from coso.petitions import selectors as petitions
from coso.surveys import selectors as surveys


def display_name(access: Any) -> str:
    """The household as people name it: "Hộ <head's name>", else its number."""
    name = getattr(access, "head_name", "") or access.household.code
    return _("Hộ %(name)s") % {"name": name}


def household_page(*, household: Any) -> dict[str, Any]:
    """Everything the household's page shows, in a fixed number of queries whatever
    the lengths: what it can do now (open rounds it holds a form in, drafts open in its
    village or commune, follow-ups waiting for its confirmation, surveys it is asked to
    answer), then its petitions and
    the follow-ups it raised."""
    online = decisions.online_chosen(household=household)
    rounds = decisions.household_rounds(household=household)
    for row in rounds:
        row["signed_in_vote"] = online and row["matter__online_allowed"]
    return {
        "online": online,
        "rounds": rounds,
        "consultations": list(
            consultations.open_for_village(village=household.village, today=timezone.localdate())[
                :20
            ]
        ),
        "to_confirm": list(followups.awaiting_confirmation(household=household)[:20]),
        "surveys": list(surveys.open_for_household(household=household)[:20]),
        "petitions": list(petitions.of_household(household=household)[:50]),
        "followups": list(followups.raised_by(household=household)[:50]),
    }
