from coso.core.manifests import DemoPlace

# The places the demo's step was called with (check_sample_app.py reads it).
SEEDED: list[DemoPlace] = []


def seed_demo(place: DemoPlace) -> None:
    SEEDED.append(place)
