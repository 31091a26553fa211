"""Run by tests/test_adding_an_app.py in a process of its own, with the sample app
installed (`--ds tests.sample_app.settings`): everything the app declares in its
manifest.py is found, though no central file names it."""

import pytest

from coso.core import indicators
from coso.core.manifests import seed_steps
from coso.core.permissions import markdown, roles_for
from tests.sample_app.seed import seed_demo
from tests.test_permissions import (
    PAGES,
    api_against_matrix,
    api_operations,
    coso_patterns,
    pages_against_matrix,
    world,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.django_db


def test_its_action_is_in_the_one_matrix_and_its_document():
    assert roles_for("sample.read") == {"administrator", "commune_official", "village_head"}
    assert "| `sample.read` | records | Read the sample app's page of a unit. |" in markdown()


def test_its_page_is_routed_and_answers_as_the_matrix_says(world):  # noqa: F811
    assert coso_patterns()["sample:unit_page"].coso_action == "sample.read"
    assert "sample:unit_page" in PAGES  # its example, from its own tests/matrix.py
    wrong, cases = pages_against_matrix(world, ["sample:unit_page"])
    assert cases == len(world.personas) and not wrong, wrong


def test_its_api_operation_is_routed_and_answers_as_the_matrix_says(world):  # noqa: F811
    assert api_operations()["GET /api/sample"] == "sample.read"
    wrong, cases = api_against_matrix(world, ["GET /api/sample"])
    assert cases == len(world.personas) and not wrong, wrong


def test_its_indicator_is_counted():
    assert "sample.things" in indicators.indicators()
    assert [s.name for s in indicators.sources()][-1] == "sample"


def test_its_seed_is_a_step_of_the_demo_after_the_others():
    assert seed_steps(after_figures=False)[-1] is seed_demo
    assert seed_demo not in seed_steps(after_figures=True)
