"""Reads for a household's own pages and the village head's sign-in slips: the
household's name as people say it (its head's, `head_name` from the people app), and
what the household can do now."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coso.consultations import selectors as consultations
from coso.decisions import selectors as decisions
from coso.followups import selectors as followups
from coso.notices.services import masked_address, resident_choice, resident_choices
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
    answer), then its petitions, the follow-ups it raised and how it is told."""
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
        "notices": notices(household=household),
    }


def recipient(household: Any) -> str:
    """Who the household is to the outbox, for its choice of notices."""
    return f"household:{household.pk}"


def notices(*, household: Any) -> dict[str, Any]:
    """How the household is told: its choice, what it may choose (SMS and Zalo to the
    phone on the household list, or no notices) and that phone, masked."""
    phone = household.phone
    return {
        "choice": resident_choice(recipient(household), phone=phone),
        "choices": resident_choices(phone=phone),
        "phone": masked_address(phone) if phone else "",
    }
