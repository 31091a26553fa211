"""Per-case ratings: the person who raised a petition or a promise rates its answer."""

from coso.core.manifests import Manifest, Seed

MANIFEST = Manifest(
    summary="residents rate the answer to their petition or follow-up",
    urls="coso.ratings.urls",
    api="coso.ratings.api.router",
    api_prefix="/ratings",
    indicators="coso.ratings.indicators",
    # After the petitions (30) and the dialogues' follow-ups (40) it rates.
    seeds=(Seed("coso.ratings.seed.seed_demo", order=45),),
)
