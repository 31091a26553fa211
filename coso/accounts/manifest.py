"""The accounts app: users and the roles binding them to units; the reads every app
shares (figures, records, personal data), granted by role."""

from coso.core.grants import write
from coso.core.manifests import AGGREGATES, PERSONAL, RECORDS, Action, Manifest
from coso.core.roles import OFFICIALS, Role

R = Role

MANIFEST = Manifest(
    summary="users, the roles binding them to units, the reads every app shares",
    urls="coso.accounts.urls",
    url_prefix="accounts/",
    actions=(
        Action(
            "aggregates.read",
            AGGREGATES,
            "Counts, shares and rankings rolled up from records (roll-ups, compliance).",
            OFFICIALS,
        ),
        Action(
            "records.read",
            RECORDS,
            "Records without people's personal data: petitions' subjects and steps, "
            "matters and their outcome, disclosures, reception days, households by code.",
            OFFICIALS,
        ),
        Action(
            "personal.read",
            PERSONAL,
            "Residents' names, birth dates, relations and contacts; a petition's sender; "
            "visitors at reception. Citizen ID numbers are masked to their last 3 digits.",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.VILLAGE_HEAD}),
        ),
        Action(
            "citizen_id.read",
            PERSONAL,
            "Whole citizen ID numbers (the commune keeps the household register).",
            frozenset({R.ADMINISTRATOR, R.COMMUNE_OFFICIAL}),
        ),
        write(
            "accounts.manage",
            "Create accounts and bind them to units with roles.",
            {R.ADMINISTRATOR},
        ),
        write(
            "account.self",
            "One's own sign-in: second factor, password, personal API tokens.",
            OFFICIALS,
        ),
    ),
)
