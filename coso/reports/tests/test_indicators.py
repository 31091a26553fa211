"""Every indicator, maintained as records change, equals a hand-written SQL count over
the raw records: after creates, status changes and deletes, for a commune, its province
and the nation, in the periods under way and in a past one (a back-dated petition)."""

import datetime as dt
import io

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from coso import rules
from coso.accounts.models import Role, RoleAssignment, User
from coso.concerns.models import Topic
from coso.consultations import services as consultations
from coso.core import indicators
from coso.decisions import services as decisions
from coso.decisions.models import OnlineOptIn
from coso.dialogues import services as dialogues
from coso.disclosures import catalogues
from coso.disclosures.services import DisclosureData, disclosure_publish, disclosure_take_down
from coso.emulation.models import Grade
from coso.exemplars import services as exemplars
from coso.followups import services as followups
from coso.followups.models import FollowUp
from coso.followups.services import Promise
from coso.oversight import services as oversight
from coso.people.models import Household
from coso.people.tests.factories import adult, child, make_household
from coso.petitions import reception
from coso.petitions import services as petitions
from coso.ratings.tests.factories import SCORES, rate
from coso.reports import periods
from coso.reports.selectors import figures
from coso.rules.calendar import working_days_in
from coso.support import services as support
from coso.surveys import services as surveys
from coso.surveys.models import Element
from coso.surveys.tests.factories import answers as survey_form
from coso.surveys.tests.factories import make_survey
from coso.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
PAST = dt.date(2026, 8, 14)

U = "SELECT id FROM units_unit WHERE path LIKE %(prefix)s"
DECIDED = f"FROM decisions_matter m WHERE m.unit_id IN ({U}) AND m.status IN ('counted', 'published') AND m.counted_on BETWEEN %(start)s AND %(end)s"
PETITIONS = f"FROM petitions_petition p WHERE p.unit_id IN ({U})"
OPEN = "p.received_on <= %(as_of)s AND (p.closed_on IS NULL OR p.closed_on > %(as_of)s)"
OVERDUE = (
    f"{OPEN} AND (((p.accepted_on IS NULL OR p.accepted_on > %(as_of)s) AND p.accept_due < %(as_of)s)"
    " OR (p.accepted_on <= %(as_of)s AND p.due_on < %(as_of)s))"
)


def _passed() -> str:
    if connection.vendor == "postgresql":
        return "(m.outcome->>'passed')::boolean"
    return "json_extract(m.outcome, '$.passed') = 1"


def _present() -> str:
    """A round's households present (or ballots returned), as its outcome records it."""
    if connection.vendor == "postgresql":
        return "(m.outcome->>'present')::int"
    return "json_extract(m.outcome, '$.present')"


def _trunc(per: str) -> str:
    if connection.vendor == "postgresql":
        return f"date_trunc('{per}', s.date)"
    return "strftime('%%Y-%%W', s.date)" if per == "week" else "strftime('%%Y-%%m', s.date)"


EXISTING = (
    "u.path LIKE %(prefix)s AND (u.valid_from IS NULL OR u.valid_from <= %(end)s)"
    " AND (u.valid_to IS NULL OR u.valid_to > %(start)s)"
)


def _held(kind: str, per: str, start: str = "start", end: str = "end", days: int = 1) -> str:
    """Weeks (months) of [start, end] in which a unit of `kind` held `days` different
    reception days."""
    return (
        f"(SELECT COUNT(*) FROM (SELECT s.unit_id, {_trunc(per)} AS t"
        " FROM petitions_receptionsession s JOIN units_unit u ON u.id = s.unit_id"
        f" WHERE u.kind = '{kind}' AND u.path LIKE %(prefix)s"
        f" AND s.date BETWEEN %({start})s AND %({end})s GROUP BY s.unit_id, t"
        f" HAVING COUNT(DISTINCT s.date) >= {days}) held)"
    )


# Law 136/2025/QH15 (art. 1(7)): from this day a commune's chair receives citizens at
# least two days a month instead of one day a week.
MONTHLY_FROM = dt.date(2026, 7, 1)


def _reception_due(start: dt.date, end: dt.date) -> tuple[int, int]:
    """What a commune and a province owe, begun by today: a commune the weeks (with a
    working day in the period) until 30/6/2026 and the months from 1/7/2026, a province
    the months."""
    limit = min(end, TODAY)
    weekly_end = min(end, MONTHLY_FROM - dt.timedelta(days=1))
    mondays = {d - dt.timedelta(days=d.weekday()) for d in working_days_in(start, weekly_end)}
    weeks = sum(1 for m in mondays if max(m, start) <= limit)
    months = {d.replace(day=1) for d in (start + dt.timedelta(days=i) for i in range(366))}
    monthly = sum(1 for m in months if max(start, MONTHLY_FROM) <= m <= limit)
    return weeks + monthly, sum(1 for m in months if start <= m <= limit)


def hand_sql() -> dict[str, str]:
    """One hand-written count per indicator, over the raw tables."""
    sql = {
        "people.households": f"SELECT COUNT(*) FROM people_household h WHERE h.village_id IN ({U}) AND h.created_at < %(cutoff)s",
        "people.residents": f"SELECT COUNT(*) FROM people_resident r JOIN people_household h ON h.id = r.household_id WHERE h.village_id IN ({U}) AND r.created_at < %(cutoff)s",
        "disclosures.made": f"SELECT COUNT(*) FROM disclosures_disclosure d WHERE d.unit_id IN ({U}) AND d.version = 1 AND d.posted_on BETWEEN %(start)s AND %(end)s",
        "disclosures.late": f"SELECT COUNT(*) FROM disclosures_disclosure d WHERE d.unit_id IN ({U}) AND d.version = 1 AND d.is_late AND d.posted_on BETWEEN %(start)s AND %(end)s",
        "disclosures.taken_down_early": f"SELECT COUNT(*) FROM disclosures_disclosure d WHERE d.unit_id IN ({U}) AND d.is_current AND d.taken_down_early AND d.taken_down_on BETWEEN %(start)s AND %(end)s",
        "disclosures.categories_covered": (
            "SELECT COUNT(*) FROM (SELECT DISTINCT d.unit_id, d.category FROM disclosures_disclosure d"
            " JOIN units_unit u ON u.id = d.unit_id WHERE u.kind = 'commune' AND u.path LIKE %(prefix)s"
            " AND d.is_current AND d.posted_on <= %(end)s"
            " AND (d.taken_down_on IS NULL OR d.taken_down_on >= %(start)s) AND d.category IN %(keys)s) t"
        ),
        "disclosures.categories_missing": (
            "SELECT COALESCE(SUM(%(mandatory)s - (SELECT COUNT(DISTINCT d.category) FROM disclosures_disclosure d"
            " WHERE d.unit_id = u.id AND d.is_current AND d.posted_on <= %(end)s"
            " AND (d.taken_down_on IS NULL OR d.taken_down_on >= %(start)s) AND d.category IN %(keys)s)), 0)"
            f" FROM units_unit u WHERE u.kind = 'commune' AND {EXISTING}"
        ),
        "decisions.decided": f"SELECT COUNT(*) {DECIDED}",
        "decisions.passed": f"SELECT COUNT(*) {DECIDED} AND {_passed()}",
        "decisions.by_meeting": f"SELECT COUNT(*) {DECIDED} AND m.method = 'meeting'",
        "decisions.by_ballot": f"SELECT COUNT(*) {DECIDED} AND m.method <> 'meeting'",
        "decisions.fallbacks": f"SELECT COUNT(*) FROM decisions_matter m WHERE m.unit_id IN ({U}) AND m.fallback_of_id IS NOT NULL AND m.opened_on BETWEEN %(start)s AND %(end)s",
        "decisions.households_eligible": f"SELECT COALESCE(SUM(m.eligible), 0) {DECIDED} AND m.electorate = 'households'",
        "decisions.quorum_missing": (
            f"SELECT COUNT(*) {DECIDED} AND m.electorate = 'households' AND (m.eligible IS NULL"
            f" OR m.eligible = 0 OR {_present()} IS NULL OR {_present()} = 0)"
        ),
        "decisions.households_took_part": f"SELECT COUNT(*) FROM decisions_participation x JOIN decisions_matter m ON m.id = x.matter_id WHERE m.unit_id IN ({U}) AND m.status IN ('counted', 'published') AND m.counted_on BETWEEN %(start)s AND %(end)s AND m.electorate = 'households'",
        "petitions.received": f"SELECT COUNT(*) {PETITIONS} AND p.received_on BETWEEN %(start)s AND %(end)s",
        "petitions.accepted": f"SELECT COUNT(*) {PETITIONS} AND p.accepted_on BETWEEN %(start)s AND %(end)s",
        "petitions.refused": f"SELECT COUNT(*) {PETITIONS} AND p.status = 'refused' AND p.closed_on BETWEEN %(start)s AND %(end)s",
        "petitions.resolved": f"SELECT COUNT(*) {PETITIONS} AND p.status = 'resolved' AND p.closed_on BETWEEN %(start)s AND %(end)s",
        "petitions.resolved_on_time": f"SELECT COUNT(*) {PETITIONS} AND p.status = 'resolved' AND p.on_time AND p.closed_on BETWEEN %(start)s AND %(end)s",
        "petitions.open": f"SELECT COUNT(*) {PETITIONS} AND {OPEN}",
        "petitions.overdue": f"SELECT COUNT(*) {PETITIONS} AND {OVERDUE}",
        "reception.sessions": f"SELECT COUNT(*) FROM petitions_receptionsession s WHERE s.unit_id IN ({U}) AND s.date BETWEEN %(start)s AND %(end)s",
        "reception.periods_held": (
            f"SELECT {_held('commune', 'week', end='weekly_end')}"
            f" + {_held('commune', 'month', start='monthly_start', days=2)}"
            f" + {_held('province', 'month')}"
        ),
        "reception.periods_required": (
            f"SELECT (SELECT COUNT(*) FROM units_unit u WHERE u.kind = 'commune' AND {EXISTING})"
            f" * %(commune_periods)s + (SELECT COUNT(*) FROM units_unit u WHERE u.kind = 'province'"
            f" AND {EXISTING}) * %(months)s"
        ),
    }
    sql.update(mobilisation_sql())
    for kind in ("feedback", "complaint", "denunciation"):
        sql[f"petitions.received.{kind}"] = f"{sql['petitions.received']} AND p.kind = '{kind}'"
    for key in range(1, 7):
        sql[f"decisions.decided.type{key}"] = (
            f"{sql['decisions.decided']} AND m.matter_type = '{key}'"
        )
    return sql


FOLLOWUPS = f"SELECT COUNT(*) FROM followups_followup f WHERE f.unit_id IN ({U})"
F_OPEN = "f.opened_on <= %(as_of)s AND (f.closed_on IS NULL OR f.closed_on > %(as_of)s)"
MEETINGS = f"SELECT COUNT(*) FROM dialogues_meeting m WHERE m.unit_id IN ({U}) AND m.date BETWEEN %(start)s AND %(end)s"
ITEMS = f"SELECT COUNT(*) FROM dialogues_item i JOIN dialogues_meeting m ON m.id = i.meeting_id WHERE m.unit_id IN ({U}) AND m.date BETWEEN %(start)s AND %(end)s"
ASKED = "m.kind IN ('dialogue', 'voters')"


EXEMPLARS = f"SELECT COUNT(*) FROM exemplars_exemplar e WHERE e.unit_id IN ({U})"
RUNNING = "e.started_on <= %(as_of)s AND (e.ended_on IS NULL OR e.ended_on > %(as_of)s)"


def mobilisation_sql() -> dict[str, str]:
    """Follow-ups, meetings and "Dân vận khéo" models, counted by hand."""
    exemplars = {
        "exemplars.started": f"{EXEMPLARS} AND e.started_on BETWEEN %(start)s AND %(end)s",
        "exemplars.replicated": f"{EXEMPLARS} AND e.origin_id IS NOT NULL AND e.started_on BETWEEN %(start)s AND %(end)s",
        "exemplars.running": f"{EXEMPLARS} AND {RUNNING}",
    }
    for field in ("economy", "culture", "defence", "politics"):
        exemplars[f"exemplars.running.{field}"] = (
            f"{EXEMPLARS} AND {RUNNING} AND e.field = '{field}'"
        )
    for level in ("commune", "province", "central"):
        exemplars[f"exemplars.recognised.{level}"] = (
            "SELECT COUNT(*) FROM exemplars_recognition r JOIN exemplars_exemplar e ON e.id = r.exemplar_id"
            f" WHERE e.unit_id IN ({U}) AND r.level = '{level}' AND r.decided_on BETWEEN %(start)s AND %(end)s"
        )
    support = {
        "support.programmes": f"SELECT COUNT(*) FROM support_programme p WHERE p.unit_id IN ({U}) AND p.handed_on BETWEEN %(start)s AND %(end)s AND EXISTS (SELECT 1 FROM support_recipient r WHERE r.programme_id = p.id)",
        "support.households": f"SELECT COUNT(*) FROM support_recipient r JOIN support_programme p ON p.id = r.programme_id WHERE p.unit_id IN ({U}) AND p.handed_on BETWEEN %(start)s AND %(end)s",
        "support.value": f"SELECT COALESCE(SUM(r.value), 0) FROM support_recipient r JOIN support_programme p ON p.id = r.programme_id WHERE p.unit_id IN ({U}) AND p.handed_on BETWEEN %(start)s AND %(end)s",
        "support.objections": f"SELECT COUNT(*) FROM support_objection o JOIN support_programme p ON p.id = o.programme_id WHERE p.unit_id IN ({U}) AND o.received_on BETWEEN %(start)s AND %(end)s",
        "support.objections_answered_in_time": f"SELECT COUNT(*) FROM support_objection o JOIN support_programme p ON p.id = o.programme_id WHERE p.unit_id IN ({U}) AND o.answered_in_time AND o.answered_on BETWEEN %(start)s AND %(end)s",
    }
    consultations = {
        "consultations.held": f"SELECT COUNT(*) FROM consultations_consultation c WHERE c.unit_id IN ({U}) AND c.opened_on BETWEEN %(start)s AND %(end)s",
        "consultations.opinions": f"SELECT COUNT(*) FROM consultations_opinion o JOIN consultations_consultation c ON c.id = o.consultation_id WHERE c.unit_id IN ({U}) AND o.received_on BETWEEN %(start)s AND %(end)s",
        "consultations.answered": f"SELECT COUNT(*) FROM consultations_opinion o JOIN consultations_consultation c ON c.id = o.consultation_id WHERE c.unit_id IN ({U}) AND c.published_on BETWEEN %(start)s AND %(end)s",
        "consultations.accepted": f"SELECT COUNT(*) FROM consultations_opinion o JOIN consultations_consultation c ON c.id = o.consultation_id WHERE c.unit_id IN ({U}) AND c.published_on BETWEEN %(start)s AND %(end)s AND o.outcome IN ('accepted', 'partly')",
    }
    for key in range(1, 10):
        consultations[f"consultations.held.{key}"] = (
            f"{consultations['consultations.held']} AND c.category = '{key}'"
        )
    recommended = (
        "FROM followups_followup f JOIN django_content_type t ON t.id = f.origin_type_id"
        f" WHERE t.app_label = 'oversight' AND t.model = 'plan' AND f.unit_id IN ({U})"
    )
    project = f"FROM oversight_project p WHERE p.commune_id IN ({U})"
    money = "JOIN oversight_project p ON p.id = x.project_id WHERE p.commune_id IN (" + U + ")"
    pib = {
        "pib.inspections": f"SELECT COUNT(*) FROM oversight_plan p WHERE p.commune_id IN ({U}) AND p.starts_on BETWEEN %(start)s AND %(end)s",
        "pib.requests": f"SELECT COUNT(*) FROM oversight_request r WHERE r.commune_id IN ({U}) AND r.received_on BETWEEN %(start)s AND %(end)s",
        "pib.recommendations": f"SELECT COUNT(*) {recommended} AND f.opened_on BETWEEN %(start)s AND %(end)s",
        "pib.answered": f"SELECT COUNT(*) {recommended} AND f.status = 'done' AND f.closed_on BETWEEN %(start)s AND %(end)s",
        "pib.answered_on_time": f"SELECT COUNT(*) {recommended} AND f.status = 'done' AND f.on_time AND f.closed_on BETWEEN %(start)s AND %(end)s",
        "pib.overdue": f"SELECT COUNT(*) {recommended} AND {F_OPEN} AND f.due_on < %(as_of)s",
    }
    visited = recommended.replace("t.model = 'plan'", "t.model = 'visit'")
    pib.update(
        {
            "cisb.recommendations": f"SELECT COUNT(*) {visited} AND f.opened_on BETWEEN %(start)s AND %(end)s",
            "cisb.answered_on_time": f"SELECT COUNT(*) {visited} AND f.status = 'done' AND f.on_time AND f.closed_on BETWEEN %(start)s AND %(end)s",
            "cisb.projects": f"SELECT COUNT(*) {project} AND p.starts_on BETWEEN %(start)s AND %(end)s",
            "cisb.visits": f"SELECT COUNT(*) FROM oversight_visit x {money} AND x.visited_on BETWEEN %(start)s AND %(end)s",
            "cisb.collected": f"SELECT COALESCE(SUM(x.amount), 0) FROM oversight_payment x {money} AND x.paid_on BETWEEN %(start)s AND %(end)s",
            "cisb.spent": f"SELECT COALESCE(SUM(x.amount), 0) FROM oversight_spending x {money} AND x.spent_on BETWEEN %(start)s AND %(end)s",
        }
    )
    warned = "FROM alerts_warning w WHERE w.unit_id IN (" + U + ")"
    pib.update(
        {
            "warnings.opened": f"SELECT COUNT(*) {warned} AND w.opened_on BETWEEN %(start)s AND %(end)s",
            "warnings.open": f"SELECT COUNT(*) {warned} AND w.opened_on <= %(as_of)s AND (w.closed_on IS NULL OR w.closed_on > %(as_of)s)",
        }
    )
    return {
        **pib,
        **consultations,
        **support,
        **exemplars,
        **ratings_sql(),
        **surveys_sql(),
        **emulation_sql(),
        **concerns_sql(),
        "followups.made": f"{FOLLOWUPS} AND f.opened_on BETWEEN %(start)s AND %(end)s",
        "followups.done": f"{FOLLOWUPS} AND f.status = 'done' AND f.closed_on BETWEEN %(start)s AND %(end)s",
        "followups.done_on_time": f"{FOLLOWUPS} AND f.status = 'done' AND f.on_time AND f.closed_on BETWEEN %(start)s AND %(end)s",
        "followups.cannot": f"{FOLLOWUPS} AND f.status = 'cannot' AND f.closed_on BETWEEN %(start)s AND %(end)s",
        "followups.confirmed": f"{FOLLOWUPS} AND f.status = 'done' AND f.response = 'confirmed' AND f.responded_on BETWEEN %(start)s AND %(end)s",
        "followups.open": f"{FOLLOWUPS} AND {F_OPEN}",
        "followups.overdue": f"{FOLLOWUPS} AND {F_OPEN} AND f.due_on < %(as_of)s",
        "hotspots.opened": f"SELECT COUNT(*) FROM concerns_hotspot h WHERE h.commune_id IN ({U}) AND h.opened_on BETWEEN %(start)s AND %(end)s",
        "hotspots.open": f"SELECT COUNT(*) FROM concerns_hotspot h WHERE h.commune_id IN ({U}) AND h.opened_on <= %(as_of)s AND (h.closed_on IS NULL OR h.closed_on > %(as_of)s)",
        "dialogues.held": f"{MEETINGS} AND m.kind = 'dialogue'",
        "dialogues.workplace_held": f"{MEETINGS} AND m.kind = 'workplace'",
        "voters.meetings": f"{MEETINGS} AND m.kind = 'voters'",
        "visits.held": f"{MEETINGS} AND m.kind = 'visit'",
        "meetings.questions": f"{ITEMS} AND {ASKED}",
        "meetings.answered": f"{ITEMS} AND {ASKED} AND i.answer <> ''",
        "meetings.forwarded": f"{ITEMS} AND {ASKED} AND i.forwarded_to_id IS NOT NULL",
        "visits.conclusions": f"{ITEMS} AND m.kind = 'visit' AND i.followup_id IS NOT NULL",
        "dialogues.communes_required": f"SELECT COUNT(*) FROM units_unit u WHERE u.kind = 'commune' AND {EXISTING}",
        "dialogues.communes_met": (
            f"SELECT COUNT(*) FROM units_unit u WHERE u.kind = 'commune' AND {EXISTING}"
            " AND (SELECT COUNT(*) FROM dialogues_meeting m WHERE m.unit_id = u.id"
            " AND m.kind = 'dialogue' AND m.date BETWEEN %(year_start)s AND %(as_of)s) >= %(dialogue_min)s"
        ),
    }


CONCERNS = (
    "SELECT COUNT(DISTINCT ct.household_id)"
    " + COUNT(DISTINCT CASE WHEN ct.household_id IS NULL THEN ct.concern_id END)"
    " AS households, COUNT(DISTINCT ct.concern_id) AS records"
    f" FROM concerns_concerntopic ct WHERE ct.commune_id IN ({U})"
    " AND ct.raised_on BETWEEN %(start)s AND %(end)s"
)


def concerns_sql() -> dict[str, str]:
    """Households (a household once, a record with no known household once) and records
    raising each topic — a first-level topic through any of its subtopics — and any."""
    found = {}
    for code in Topic.objects.values_list("code", flat=True):
        column = "topic_id" if "." in code else "top_id"
        of_topic = (
            f"{CONCERNS} AND ct.{column} = (SELECT id FROM concerns_topic WHERE code = '{code}')"
        )
        found[f"concerns.households.{code}"] = f"SELECT households FROM ({of_topic}) c"
        found[f"concerns.records.{code}"] = f"SELECT records FROM ({of_topic}) c"
    found["concerns.households"] = f"SELECT households FROM ({CONCERNS}) c"
    found["concerns.records"] = f"SELECT records FROM ({CONCERNS}) c"
    return found


RATINGS = (
    f"FROM ratings_rating r WHERE r.unit_id IN ({U}) AND r.rated_on BETWEEN %(start)s AND %(end)s"
)


def ratings_sql() -> dict[str, str]:
    """Ratings received and satisfied (overall), and satisfied on each criterion."""
    scored = (
        "SELECT COUNT(*) FROM ratings_score s JOIN ratings_rating r ON r.id = s.rating_id"
        f" WHERE r.unit_id IN ({U}) AND r.rated_on BETWEEN %(start)s AND %(end)s AND s.satisfied"
    )
    criteria = [c["key"] for c in rules.as_shipped("rating.criteria")["items"]]
    return {
        "ratings.received": f"SELECT COUNT(*) {RATINGS}",
        "ratings.satisfied": f"SELECT COUNT(*) {RATINGS} AND r.satisfied",
        **{f"ratings.satisfied.{c}": f"{scored} AND s.criterion = '{c}'" for c in criteria},
    }


CLOSED = (
    f"FROM surveys_survey s WHERE s.unit_id IN ({U}) AND s.status = 'closed'"
    " AND s.closes_on BETWEEN %(start)s AND %(end)s"
)


def surveys_sql() -> dict[str, str]:
    """Respondents of the surveys closed in the period, and per element those who
    answered its question and those satisfied."""
    results = f"FROM surveys_elementresult r WHERE r.survey_id IN (SELECT s.id {CLOSED})"
    return {
        "surveys.respondents": f"SELECT COALESCE(SUM(s.respondents), 0) {CLOSED}",
        **{
            f"surveys.{kind}.{e}": f"SELECT COALESCE(SUM(r.{kind}), 0) {results} AND r.element = '{e}'"
            for e in Element.values
            for kind in ("answered", "satisfied")
        },
    }


def emulation_sql() -> dict[str, str]:
    """The units' results of the final emulation runs ending in the period, by class."""
    final = (
        "SELECT COUNT(*) FROM emulation_result r JOIN emulation_run n ON n.id = r.run_id"
        f" WHERE r.unit_id IN ({U}) AND n.status = 'final'"
        " AND n.period_end BETWEEN %(start)s AND %(end)s"
    )
    return {
        "emulation.units_assessed": final,
        **{f"emulation.class.{g}": f"{final} AND r.grade = '{g}'" for g in Grade.values},
    }


def by_hand(code: str, unit: Unit | None, period: periods.Period) -> int:
    as_of = min(period.end, TODAY)
    keys = catalogues.mandatory_keys(Unit(kind=UnitKind.COMMUNE), on=period.end)
    params = {
        "prefix": f"{unit.path}%" if unit else "%",
        "start": period.start,
        "end": period.end,
        "as_of": as_of,
        "cutoff": dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
        - dt.timedelta(hours=7),  # the Vietnamese midnight ending the day
        "mandatory": len(keys),
        "year_start": dt.date(period.end.year, 1, 1),
        "dialogue_min": rules.value("dialogue.commune.min_per_year", on=period.end)["times"],
    }
    params["commune_periods"], params["months"] = _reception_due(period.start, period.end)
    params["weekly_end"] = min(period.end, MONTHLY_FROM - dt.timedelta(days=1))
    params["monthly_start"] = max(period.start, MONTHLY_FROM)
    # Catalogue keys are short digit strings: written into the SQL as a literal list.
    statement = hand_sql()[code].replace("%(keys)s", "(" + ", ".join(f"'{k}'" for k in keys) + ")")
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return int(cursor.fetchone()[0] or 0)


def mobilisation_records(tree, official) -> tuple[FollowUp, FollowUp, FollowUp]:
    """A dialogue in August (3 questions: one answered with a promise kept later, one
    forwarded to the province, one promise overdue), a voter meeting now, and the
    province's work visit with a conclusion for the commune."""
    talk = dialogues.meeting_create(
        actor=official,
        unit=tree.a,
        data=dialogues.MeetingData(kind="dialogue", date=PAST, place="x", chair="y"),
    )
    promise = lambda text, due, unit=tree.a: Promise(  # noqa: E731
        text, unit, "Chủ tịch", due, PAST, raised_by_resident=True
    )
    add = lambda meeting, **kw: dialogues.item_add(  # noqa: E731
        actor=official, meeting=meeting, data=dialogues.ItemData(**kw)
    )
    kept = add(talk, text="a", answer="sẽ sửa", commitment=promise("sửa", TODAY)).followup
    forwarded = add(
        talk,
        text="b",
        forwarded_to=tree.province,
        commitment=promise("b", dt.date(2026, 12, 1), tree.province),
    ).followup
    overdue = add(talk, text="c", commitment=promise("c", dt.date(2026, 9, 30))).followup
    voters = dialogues.meeting_create(
        actor=official,
        unit=tree.a,
        data=dialogues.MeetingData(kind="voters", date=TODAY, place="x", chair="y"),
    )
    add(voters, text="d", answer="đã rõ")
    committee = User.objects.create_user("committee")
    RoleAssignment.objects.create(user=committee, unit=tree.province, role=Role.PROVINCE_VIEWER)
    visit = dialogues.meeting_create(
        actor=committee,
        unit=tree.a,
        data=dialogues.MeetingData(kind="visit", date=dt.date(2026, 11, 3), place="x", chair="y"),
    )
    dialogues.item_add(
        actor=committee,
        meeting=visit,
        data=dialogues.ItemData(
            text="e",
            commitment=Promise("e", tree.a, "Chủ tịch", TODAY, dt.date(2026, 11, 3)),
        ),
    )
    dialogues.item_add(actor=committee, meeting=visit, data=dialogues.ItemData(text="f"))
    assert overdue.is_open
    model = lambda unit, started, origin=None: exemplars.exemplar_register(  # noqa: E731
        actor=User.objects.create_superuser(f"root-{unit.pk}-{started}"),
        unit=unit,
        origin=origin,
        data=exemplars.ExemplarData(
            name="m", field="culture", sponsor="youth", started_on=started, description="d"
        ),
    )
    first = model(tree.a, dt.date(2025, 5, 1))
    model(tree.b, PAST, first)
    model(tree.province, TODAY, first)
    exemplars.exemplar_recognise(
        actor=committee,
        exemplar=first,
        level="province",
        decision_number="1/QĐ",
        decided_on=dt.date(2026, 11, 20),
        issuer="UBND tỉnh",
    )
    for n in range(2):
        make_household(tree.village_a, f"S-{n}")
    for handed, codes in ((PAST, ["S-0"]), (TODAY, ["S-0", "S-1"])):
        programme = support.programme_create(
            actor=official,
            unit=tree.a,
            data=support.ProgrammeData("q", "gift", "quỹ", 300_000, handed),
        )
        support.recipients_add(
            actor=official, programme=programme, village=tree.village_a, codes=codes
        )
    support.programme_post(actor=official, programme=programme)
    objection = support.objection_submit(programme=programme, text="x")
    support.objection_submit(programme=programme, text="y")
    support.objection_answer(actor=official, objection=objection, answer="z")
    support.programme_create(
        actor=official,
        unit=tree.a,
        data=support.ProgrammeData("empty", "gift", "quỹ", 300_000, TODAY),
    )
    talk_draft = consultations.consultation_publish(
        actor=official,
        unit=tree.a,
        draft=consultations.Draft(
            category="5",
            title="d",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=dt.date(2026, 9, 10),
            opened_on=PAST,
        ),
    )
    for day in (PAST, dt.date(2026, 8, 20)):
        consultations.opinion_record(
            actor=official,
            consultation=talk_draft,
            clause=None,
            text="y",
            source="box",
            received_on=day,
        )
    consultations.consultation_close(actor=official, consultation=talk_draft, on=TODAY)
    first_opinion, second_opinion = talk_draft.opinions.order_by("id")
    consultations.opinion_answer(
        actor=official, opinion=first_opinion, outcome="accepted", explanation=""
    )
    consultations.opinion_answer(
        actor=official, opinion=second_opinion, outcome="not_accepted", explanation="z"
    )
    consultations.consultation_result(
        actor=official, consultation=talk_draft, synthesis="s", finals={}
    )
    board = User.objects.create_user("ttnd")
    RoleAssignment.objects.create(user=board, unit=tree.a, role=Role.INSPECTION_MEMBER)
    plan = oversight.plan_create(
        actor=board,
        commune=tree.a,
        subject="p",
        starts_on=dt.date(2026, 11, 2),
        notified_on=dt.date(2026, 10, 20),
    )
    oversight.request_receive(commune=tree.a, text="r")
    asked = oversight.recommend(
        actor=board, plan=plan, text="k", owner_name="", on=dt.date(2026, 11, 3)
    )
    oversight.recommend(actor=board, plan=plan, text="k2", owner_name="", on=dt.date(2026, 11, 4))
    followups.followup_move(actor=official, followup=asked, status="done", note="đã sửa")
    work = oversight.project_create(
        actor=official,
        commune=tree.a,
        data=oversight.ProjectData(
            "đường", 9_000_000, "dân", PAST, TODAY, due_per_household=300_000
        ),
    )
    for amount, day in ((100_000, PAST), (200_000, TODAY), (50_000, dt.date(2026, 11, 3))):
        oversight.payment_record(
            actor=official, project=work, code="S-1", amount=amount, paid_on=day
        )
    oversight.spending_record(
        actor=official, project=work, what="cát", amount=70_000, spent_on=TODAY
    )
    oversight.visit_record(
        actor=board, project=work, findings="ổn", recommendation="đo lại", on=dt.date(2026, 11, 2)
    )
    measured = work.commune.followups.get(text="đo lại")
    followups.followup_move(actor=official, followup=measured, status="done", note="đã đo")
    return kept, overdue, forwarded


@pytest.fixture
def committing(figures_work):
    """Run a change, then the worker that refreshes the figures it left stale."""

    def run(action):
        done = action()
        figures_work()
        return done

    return run


@pytest.fixture
def rebuilt(tree, time_machine):
    """The figures as an installation starts them: rebuilt from the records, so that
    every commune owes the disclosure catalogue in every period so far."""
    from django.core.management import call_command

    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())
    return tree


def check_every_indicator(tree, where: str) -> int:
    wrong, checked = [], 0
    every = {**hand_sql()}
    assert set(every) == set(indicators.indicators()), "an indicator has no hand count"
    for period in [*periods.containing(TODAY), *periods.containing(PAST)]:
        for unit in (tree.a, tree.province, None):
            kept = figures(unit=unit, period=period)
            for code in every:
                expected, got = by_hand(code, unit, period), kept.get(code, 0)
                checked += 1
                if expected != got:
                    name = unit.name if unit else "cả nước"
                    wrong.append(f"{where}: {code} {period.code} {name}: {got}, SQL {expected}")
    assert not wrong, "\n".join(wrong)
    return checked


def test_maintained_figures_equal_counts_over_the_records(
    rebuilt, tree, official_a, village_head, committing, time_machine
):
    # --- creates
    for i in range(3):
        household = committing(
            lambda i=i: make_household(tree.village_a, f"A-{i}", members=[adult(), child()])
        )
        OnlineOptIn.objects.create(unit=tree.village_a, household=household)
    committing(lambda: make_household(tree.village_b, "B-1"))
    ids = list(Household.objects.filter(village=tree.village_a).values_list("id", flat=True))
    meeting = committing(
        lambda: decisions.matter_create(
            actor=village_head, unit=tree.village_a, matter_type="1", title="Đường"
        )
    )
    committing(lambda: decisions.matter_open(actor=village_head, matter=meeting))
    committing(
        lambda: decisions.attendance_record(
            actor=village_head, matter=meeting, household_ids=ids[:1]
        )
    )
    committing(
        lambda: decisions.tally_record(actor=village_head, matter=meeting, counts={"yes": 1})
    )
    committing(lambda: decisions.matter_count(actor=village_head, matter=meeting))  # + fallback
    general = committing(
        lambda: decisions.matter_create(
            actor=village_head, unit=tree.village_a, matter_type="6", title="Ngày hội"
        )
    )
    committing(lambda: decisions.matter_open(actor=village_head, matter=general))
    committing(
        lambda: decisions.attendance_record(actor=village_head, matter=general, household_ids=ids)
    )
    committing(
        lambda: decisions.tally_record(actor=village_head, matter=general, counts={"yes": 3})
    )
    committing(lambda: decisions.matter_count(actor=village_head, matter=general))
    publish = lambda category, **kw: committing(  # noqa: E731
        lambda: disclosure_publish(
            actor=official_a,
            unit=tree.a,
            data=DisclosureData(category=category, title="x", channels=["notice_board"], **kw),
        )
    )
    publish("1", posted_on=TODAY)
    late = publish("2", decided_on=dt.date(2026, 10, 1), posted_on=dt.date(2026, 11, 20))
    early = publish("5", posted_on=dt.date(2026, 11, 2))
    publish("3", posted_on=PAST)
    submit = lambda kind, received, **kw: committing(  # noqa: E731
        lambda: petitions.petition_submit(
            actor=official_a,
            unit=tree.a,
            data=petitions.Submission(
                kind=kind, subject="x", description="y", received_on=received, **kw
            ),
        )
    )
    feedback = submit("feedback", TODAY)
    complaint = submit("complaint", dt.date(2026, 11, 2))
    denunciation = submit("denunciation", dt.date(2026, 11, 10), sender_name="A")
    backdated = submit("complaint", PAST)  # entered today, received in August
    committing(lambda: make_household(tree.village_a, "A-9"))  # took part in nothing
    # Reception days: a week held under the weekly rule (30/6), July short of the two
    # days a month (2/7), August and November held (two days or more).
    for day in (
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 2),
        dt.date(2026, 8, 10),
        dt.date(2026, 8, 11),
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 4),
        dt.date(2026, 11, 17),
    ):
        committing(
            lambda day=day: reception.session_create(
                actor=official_a, unit=tree.a, date=day, leader="Chủ tịch"
            )
        )
    promises = committing(lambda: mobilisation_records(tree, official_a))
    created = check_every_indicator(tree, "after creates")

    # --- status changes
    committing(lambda: petitions.petition_accept(actor=official_a, petition=complaint))
    committing(
        lambda: petitions.petition_resolve(actor=official_a, petition=complaint, resolution="z")
    )
    committing(lambda: petitions.petition_refuse(actor=official_a, petition=feedback, reason="r"))
    committing(lambda: petitions.petition_accept(actor=official_a, petition=denunciation))
    committing(
        lambda: petitions.petition_transfer(actor=official_a, petition=backdated, to_unit=tree.b)
    )
    committing(lambda: disclosure_take_down(actor=official_a, disclosure=early, reason="thay"))
    committing(
        lambda: decisions.matter_publish(
            actor=village_head, matter=general, chair="A", secretary="B"
        )
    )
    assert late.is_late
    kept, impossible, forwarded = promises
    committing(
        lambda: followups.followup_move(actor=official_a, followup=kept, status="done", note="x")
    )
    committing(lambda: followups.followup_respond(code=kept.confirm_code, confirmed=True))
    committing(lambda: rate(kept.confirm_code, {**SCORES, "overall": 2, "clarity": 3}))
    committing(lambda: rate(complaint.tracking_code, comment="x"))
    survey = committing(lambda: make_survey(official_a, tree.a))
    committing(lambda: surveys.survey_draw(actor=official_a, survey=survey))
    for code, overall in (("A-0", "5"), ("A-1", "2")):
        committing(
            lambda code=code, overall=overall: surveys.answer_key_in(
                actor=official_a, survey=survey, household_code=code, answers=survey_form(overall)
            )
        )
    committing(lambda: surveys.survey_close(actor=official_a, survey=survey))
    committing(
        lambda: followups.followup_move(
            actor=official_a, followup=impossible, status="cannot", note="không đủ kinh phí"
        )
    )
    committing(lambda: followups.followup_respond(code=impossible.confirm_code, confirmed=True))
    committing(
        lambda: followups.followup_move(
            actor=User.objects.create_superuser("root"),
            followup=forwarded,
            status="in_progress",
            note="đang xem xét",
        )
    )
    check_every_indicator(tree, "after status changes")

    # --- deletes (through the admin, the only way a household is removed)
    household_admin = admin.site._registry[Household]
    request = RequestFactory().post("/")
    request.user = official_a
    committing(lambda: household_admin.delete_model(request, Household.objects.get(code="A-9")))
    check_every_indicator(tree, "after deletes")
    assert created == 3 * len(hand_sql()) * 8


def test_open_figures_by_api_and_on_the_portal(client, tree, official_a, committing, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)
    for received in (TODAY, dt.date(2026, 11, 3)):
        committing(
            lambda received=received: petitions.petition_submit(
                actor=None,
                unit=tree.a,
                data=petitions.Submission(
                    kind="feedback", subject="x", description="y", received_on=received
                ),
            )
        )
    response = client.get("/api/indicators", {"unit": tree.province.code, "period": "2026"})
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    items = {i["code"]: i for i in response.json()["items"]}
    kept = figures(unit=tree.province, period=periods.parse("2026"))
    assert items["petitions.received"]["value"] == kept["petitions.received"] == 2
    assert items["petitions.on_time_share"]["value"] is None  # nothing resolved yet
    assert response.json()["period_label"] == "Năm 2026"
    bad = client.get("/api/indicators", {"unit": tree.province.code, "period": "2026-13"})
    assert bad.status_code == 400 and bad.json()["field"] == "period"
    page = client.get(f"/units/{tree.province.code}/").content.decode()
    assert 'id="figures"' in page and "Đơn nhận được" in page


def test_refresh_rebuilds_the_same_figures(rebuilt, tree, official_a, committing):
    from django.core.management import call_command

    from coso.reports.models import IndicatorTotal, IndicatorValue

    committing(lambda: make_household(tree.village_a, "A-1"))
    committing(
        lambda: reception.session_create(
            actor=official_a, unit=tree.a, date=TODAY, leader="Chủ tịch"
        )
    )

    def state():
        values = IndicatorValue.objects.values_list("unit_id", "period", "indicator", "value")
        totals = IndicatorTotal.objects.values_list("province_id", "period", "indicator", "value")
        return sorted(values), sorted(totals, key=str)

    kept = state()
    assert kept[1], "the provinces' and the nation's totals are maintained too"
    IndicatorValue.objects.all().delete()
    IndicatorTotal.objects.all().delete()
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())
    assert state() == kept
    call_command("indicators", "refresh", "--since", "2026", stdout=io.StringIO())  # idempotent
    assert state() == kept


def test_a_change_costs_the_same_whatever_the_size_of_the_nation(
    tree, official_a, committing, time_machine, django_assert_num_queries
):
    from django.test.utils import CaptureQueriesContext

    from coso.reports.services import touch_record, touches_work
    from coso.units.tests.factories import commune, province

    time_machine.move_to(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False)

    def petition(unit):
        return committing(
            lambda: petitions.petition_submit(
                actor=None,
                unit=unit,
                data=petitions.Submission(kind="feedback", subject="x", description="y"),
            )
        )

    petition(tree.a)
    touch_record("petitions", tree.a.pk, {TODAY})
    with CaptureQueriesContext(connection) as small:
        assert touches_work() == len(periods.containing(TODAY))
    for p in range(3):
        other = province(f"Tỉnh {p}")
        for c in range(10):
            petition(commune(other, f"Xã {p}-{c}"))
    touch_record("petitions", tree.a.pk, {TODAY})
    with django_assert_num_queries(len(small)):
        touches_work()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_refreshes_committed_together_keep_the_nations_totals(tree):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database takes one writer; this runs on PostgreSQL")
    import threading

    from django.utils import timezone

    from coso.core.indicators import deferred, sources
    from coso.reports.models import IndicatorTotal
    from coso.reports.services import refresh
    from coso.units.tests.factories import commune, province

    far = commune(province("Điện Biên", code="11"), "Xã Mường Phăng")
    today = timezone.localdate()
    with deferred():
        for n, unit in enumerate((tree.a, far)):
            for _i in range(n + 2):
                petitions.petition_submit(
                    actor=None,
                    unit=unit,
                    data=petitions.Submission(
                        kind="feedback", subject="x", description="y", received_on=today
                    ),
                )
    source = next(s for s in sources() if s.name == "petitions")
    period = periods.of_kind(periods.YEAR, today)
    errors: list[Exception] = []
    for _round in range(5):
        barrier = threading.Barrier(2)

        def run(unit_id: int, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                refresh(source=source, period=period, unit_ids=[unit_id])
            except Exception as error:  # noqa: BLE001 - what the race raises is the finding
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(u.pk,)) for u in (tree.a, far)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors, errors
    nation = IndicatorTotal.objects.get(
        province=None, period=period.code, indicator="petitions.received"
    )
    assert nation.value == 5
