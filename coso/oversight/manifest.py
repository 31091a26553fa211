"""Dân kiểm tra, giám sát: the People's Inspection Board, community investment
supervision and community-funded projects."""

from coso.core.grants import write
from coso.core.manifests import Manifest, Seed
from coso.core.roles import Role

R = Role

MANIFEST = Manifest(
    summary=("the People's Inspection Board, community investment supervision and projects"),
    urls="coso.oversight.urls",
    actions=(
        write(
            "projects.write",
            "Record a community-funded public work: its budget, households' dues and "
            "payments, spending, progress and its supervision board.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL},
        ),
        write(
            "oversight.write",
            "The People's Inspection Board's (and a community investment supervision "
            "board's) own records: plans, visits, findings, recommendations to the commune.",
            {R.ADMINISTRATOR, R.INSPECTION_MEMBER},
        ),
        write(
            "boards.write",
            "Assign the head and deputies of the People's Inspection Board and of a "
            "community investment supervision board among their elected members (GDL art. "
            "37): the commune or the Fatherland Front.",
            {R.ADMINISTRATOR, R.COMMUNE_OFFICIAL, R.FRONT_OFFICER},
        ),
    ),
    indicators="coso.oversight.indicators",
    raises=("oversight.Request.text",),
    seeds=(Seed("coso.oversight.seed.seed_demo", order=70),),
)
