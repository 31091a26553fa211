"""Dân bàn và quyết định: matters put to households or staff, meetings and ballots."""

from coso.core.grants import write
from coso.core.manifests import CODES, Action, Manifest, Seed
from coso.core.roles import ORGANISERS

MANIFEST = Manifest(
    summary=(
        "*dân bàn và quyết định*: meetings, household ballots, elections, encrypted secret rounds"
    ),
    urls="coso.decisions.urls",
    actions=(
        Action(
            "codes.read",
            CODES,
            "A ballot round's one-time household voting codes, to print the forms; "
            "each view is written to the audit log.",
            ORGANISERS,
        ),
        write(
            "decisions.write",
            "Put matters to households or staff, run meetings and ballots, count, "
            "publish, correct.",
            ORGANISERS,
        ),
    ),
    indicators="coso.decisions.indicators",
    seeds=(Seed("coso.decisions.seed.seed_demo", order=20),),
)
