"""Every list costs the same number of queries on its first page and on a deep one,
and its counts come from the rows of the page, not from the whole unit."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.consultations import selectors as consultations
from coso.consultations.models import Consultation, Opinion
from coso.core.pagination import count_up_to, dated_page
from coso.decisions import selectors as matters
from coso.decisions.models import Matter
from coso.dialogues import selectors as dialogues
from coso.dialogues.models import Item, Meeting
from coso.disclosures import selectors as disclosures
from coso.disclosures.models import Disclosure
from coso.followups import selectors as followups
from coso.followups.models import FollowUp
from coso.oversight import selectors as projects
from coso.oversight.models import Project
from coso.people import selectors as people
from coso.people.models import Household
from coso.people.tests.factories import adult, child, make_household
from coso.petitions import selectors as petitions
from coso.petitions.models import Petition

TODAY = dt.date(2026, 3, 2)


def _day(n):
    return TODAY - dt.timedelta(days=n)


def _seed(tree):
    """Five records of each list in commune A, each with something to count."""
    for n in range(5):
        make_household(tree.village_a, f"L{n}", members=[adult(), *[child()] * n])
        petition = Petition.objects.create(
            tracking_code=f"T{n:08d}", kind="feedback", subject="Đơn", description="x",
            unit=tree.a, province=tree.province, channel="portal", received_on=_day(9),
            accept_due=_day(-5), due_on=_day(-n), next_due=_day(-n), status="accepted",
        )  # fmt: skip
        meeting = Meeting.objects.create(
            kind="dialogue", unit=tree.a, date=_day(n), place="Nhà văn hoá", chair="Chủ tịch"
        )
        Item.objects.bulk_create(
            Item(meeting=meeting, number=k, text="Hỏi") for k in range(1, n + 2)
        )
        FollowUp.objects.create(
            text="Làm đường", unit=tree.a, owner_name="Chủ tịch", opened_on=_day(9),
            due_on=_day(-n), origin_type=ContentType.objects.get_for_model(Petition),
            origin_id=petition.pk, origin_label="Đơn",
        )  # fmt: skip
        consultation = Consultation.objects.create(
            unit=tree.a, category="other", title="Dự thảo", opened_on=_day(n), closes_on=TODAY
        )
        Opinion.objects.bulk_create(
            Opinion(consultation=consultation, text="Ý kiến", source="meeting", received_on=TODAY)
            for _ in range(n)
        )
        Matter.objects.create(
            unit=tree.a, province=tree.province, matter_type="other", title=f"Việc {n}"
        )
        Project.objects.create(
            commune=tree.a, name=f"Đường {n}", budget=10**9, sources="Ngân sách",
            starts_on=_day(n), ends_on=TODAY,
        )  # fmt: skip
        Disclosure.objects.create(
            unit=tree.a, province=tree.province, catalogue="budget", category="budget",
            title="Công khai", posted_on=_day(n),
        )  # fmt: skip


LISTS = {
    "households": lambda user, tree, after: people.households_page(
        user=user, under=tree.a, after=after, size=2
    ),
    "household search": lambda user, tree, after: people.households_page(
        user=user, under=tree.a, after=after, size=2, query="L"
    ),
    "petitions": lambda user, tree, after: petitions.worklist(
        user=user, unit=tree.a, after=after or "", size=2
    ),
    "follow-ups": lambda user, tree, after: followups.worklist(
        user=user, unit=tree.a, after=after or "", size=2
    ),
    "dialogues": lambda user, tree, after: dialogues.meetings(
        user=user, unit=tree.a, after=after or "", size=2
    ),
    "consultations": lambda user, tree, after: consultations.consultations(
        unit=tree.a, user=user, after=after or "", size=2
    ),
    "disclosures": lambda user, tree, after: disclosures.unit_disclosures_page(
        user=user, unit=tree.a, after=after, size=2
    ),
    "matters": lambda user, tree, after: matters.matters_page(
        user=user, unit=tree.a, after=after, size=2
    ),
    "projects": lambda user, tree, after: projects.projects_page(
        commune=tree.a, after=after or "", size=2
    ),
}


def _next(page):
    return page[1] if isinstance(page, tuple) else page.next_after


@pytest.mark.parametrize("name", LISTS)
def test_deep_page_runs_the_queries_of_the_first(name, tree, official_a, django_assert_num_queries):
    _seed(tree)
    listed = LISTS[name]
    listed(official_a, tree, None)  # the user's roles, read once per request
    with CaptureQueriesContext(connection) as first:
        page = listed(official_a, tree, None)
    deep = _next(listed(official_a, tree, _next(page)))
    assert deep, "a third page exists"
    with django_assert_num_queries(len(first)):
        last = listed(official_a, tree, deep)
    assert _next(last) is None


def test_page_counts_are_those_of_each_row(tree, official_a):
    _seed(tree)
    page = people.households_page(user=official_a, under=tree.a, after=None, size=50)
    assert [h.member_count for h in page.items] == [1, 2, 3, 4, 5]
    meetings = dialogues.meetings(user=official_a, unit=tree.a, size=50).items
    assert sorted(m.questions for m in meetings) == [1, 2, 3, 4, 5]
    rows, _ = consultations.consultations(unit=tree.a, user=official_a, size=50)
    assert sorted(c.opinion_count for c in rows) == [0, 1, 2, 3, 4]


def test_search_ignores_diacritics_and_case(tree, official_a):
    make_household(tree.village_a, "N-1", members=[adult("Nguyễn Văn Đức")])
    make_household(tree.village_a, "T-1", members=[adult("Trần Thị Ngát")])
    for typed in ("nguyen", "NGUYỄN", "van duc", "Đức"):
        page = people.households_page(
            user=official_a, under=tree.a, after=None, size=50, query=typed
        )
        assert [h.code for h in page.items] == ["N-1"], typed
    codes = people.households_page(user=official_a, under=tree.a, after=None, size=50, query="t-")
    assert [h.code for h in codes.items] == ["T-1"]


def test_search_keeps_to_the_unit(tree, official_a):
    make_household(tree.village_b, "B-9", members=[adult("Nguyễn Văn Đức")])
    page = people.households_page(user=official_a, under=tree.a, after=None, size=50, query="duc")
    assert page.items == []


def test_count_stops_at_the_cap(tree, settings):
    settings.COSO_LIST_COUNT_CAP = 3
    for n in range(4):
        make_household(tree.village_a, f"C{n}")
    assert count_up_to(Household.objects.all()) == (3, True)
    assert count_up_to(Household.objects.filter(code__in=["C0", "C1", "C2"])) == (3, False)


@pytest.mark.parametrize("pk", [10**30, -(10**30)])
def test_a_dated_key_past_any_id_pages_by_its_date(tree, pk):
    for n in range(3):
        Consultation.objects.create(
            unit=tree.a, category="other", title="Dự thảo", opened_on=_day(n), closes_on=TODAY
        )
    qs = Consultation.objects.all()
    key = f"{_day(1).isoformat()}_{pk}"
    later, _ = dated_page(qs, field="opened_on", after=key, size=5)
    earlier, _ = dated_page(qs, field="opened_on", after=key, size=5, descending=True)
    beyond = pk > 0  # every id of that day is before the key (ascending), or after it
    assert [c.opened_on for c in later] == ([_day(0)] if beyond else [_day(1), _day(0)])
    assert [c.opened_on for c in earlier] == ([_day(1), _day(2)] if beyond else [_day(2)])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search indexes: PostgreSQL")
def test_indexes_serve_name_and_code_search(tree, official_a):
    """The search's SQL is the one its indexes were made for (people migrations 0004
    and 0005, the codes' trigrams of 0003): with scans that read a whole table or index
    off, each read can only be a bitmap from the index whose expression it matches."""
    with CaptureQueriesContext(connection) as search:
        people.households_page(user=official_a, under=tree.a, after=None, size=2, query="van h")
    with connection.cursor() as cursor:
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute("EXPLAIN " + search.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'resident_search_name_start'"
        )
        (start,) = cursor.fetchone()
    for index in ("resident_search_name_start", "people_name_suffix"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    # The names found past their start lead to their residents by the names' start.
    assert plan.count("Bitmap Index Scan on resident_search_name_start") == 2, plan
    assert "Bitmap Index Scan on household_code_trgm" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert "= ANY ($" in plan, plan  # the page read in key order from the matches
    # The names' start holds the household: that read never leaves the index.
    assert start.endswith("INCLUDE (household_id)"), start


def test_work_lists_say_more_than_the_cap(client, tree, official_a, settings):
    settings.COSO_LIST_COUNT_CAP = 3
    _seed(tree)
    client.force_login(official_a)
    petitions_page = client.get(reverse("petitions:worklist", args=[tree.a.code]))
    followups_page = client.get(reverse("followups:worklist", args=[tree.a.code]))
    assert '<p class="sub" id="list-count">hơn 3 đơn' in petitions_page.content.decode()
    assert '<p id="list-count">hơn 3 việc' in followups_page.content.decode()
    settings.COSO_LIST_COUNT_CAP = 5
    cache.clear()  # a setting changed, not a record: the cached page would not know
    exact = client.get(reverse("petitions:worklist", args=[tree.a.code])).content.decode()
    assert '<p class="sub" id="list-count">5 đơn' in exact
