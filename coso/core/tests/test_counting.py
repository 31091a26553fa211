"""The per-unit conditional count the indicator sources are made of: one GROUP BY, the
same numbers as counting by hand, limited to the units asked for."""

from collections import Counter

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Q, Sum

from coso.core.counting import count_per_unit

pytestmark = pytest.mark.django_db


def test_counts_per_unit_in_one_query_as_by_hand(django_assert_num_queries):
    rows = list(Permission.objects.values_list("content_type_id", "codename"))
    chosen = sorted({ct for ct, _ in rows})[:3]
    counted = {"all": Q(), "adds": Q(codename__startswith="add_")}
    nothing = {"none": Sum("id", filter=Q(pk__lt=0))}
    found = {0: {"kept": 1}}
    with django_assert_num_queries(1):
        got = count_per_unit(
            Permission.objects.all(),
            counted,
            unit_ids=chosen,
            by="content_type_id",
            totals=nothing,
            into=found,
        )
    assert got is found and found.pop(0) == {"kept": 1}
    every = Counter(ct for ct, _ in rows if ct in chosen)
    adds = Counter(ct for ct, name in rows if ct in chosen and name.startswith("add_"))
    assert found == {ct: {"all": every[ct], "adds": adds[ct], "none": 0} for ct in chosen}


def test_every_unit_when_none_is_named():
    got = count_per_unit(
        Permission.objects.all(), {"all": Q()}, unit_ids=None, by="content_type_id"
    )
    assert sum(v["all"] for v in got.values()) == Permission.objects.count()
