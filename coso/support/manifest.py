"""Support handed to households (gifts, aid), its posted lists and their objections."""

from coso.core.manifests import Manifest, Seed

# Its writes are the Front's and the organisations' mobilisation work
# (`mobilisation.write`, declared by the dialogues app).
MANIFEST = Manifest(
    summary="support handed to households",
    urls="coso.support.urls",
    api="coso.support.api.router",
    api_prefix="/support",
    indicators="coso.support.indicators",
    seeds=(Seed("coso.support.seed.seed_demo", order=60),),
)
