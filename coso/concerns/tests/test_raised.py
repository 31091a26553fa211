"""Every channel records what residents raised in the transaction that creates the
record; the rules' suggestion, the sender's pick and the official's confirmation are all
kept; the same household through two channels is linked and counted once; the backfill
gives old records theirs once; the officials' widget is scoped like the record."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coso.concerns import counting, hotspots, precision, services
from coso.concerns.models import Concern, ConcernTopic
from coso.consultations import services as consultations
from coso.core.audit import AuditEntry
from coso.core.errors import DomainError
from coso.dialogues import services as dialogues
from coso.oversight import services as oversight
from coso.petitions import reception
from coso.petitions import services as petitions
from coso.petitions.models import Petition
from coso.surveys import services as surveys
from coso.surveys.tests.factories import answers, make_survey

pytestmark = pytest.mark.django_db
LAND = "đền bù giải phóng mặt bằng chưa thỏa đáng"


def petition(unit, text=LAND, *, household=None, category="other", **extra):
    data = petitions.Submission(
        kind="feedback",
        subject="Kiến nghị",
        description=text,
        category=category,
        household=household,
        **extra,
    )
    return petitions.petition_submit(actor=None, unit=unit, data=data)


def concern_of(record):
    return Concern.objects.get(record_type=record._meta.label_lower, record_id=str(record.pk))


def consultation(official, unit):
    return consultations.consultation_publish(
        actor=official,
        unit=unit,
        draft=consultations.Draft(
            category="7",
            title="Dự thảo phương án bồi thường",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=timezone.localdate() + dt.timedelta(days=30),
        ),
    )


class TestMatchingAndCorrection:
    @pytest.mark.parametrize("text", [LAND, "den bu giai phong mat bang chua thoa dang"])
    def test_a_petition_gets_the_land_compensation_topic(self, tree, text):
        concern = concern_of(petition(tree.a, text))
        assert concern.suggested == ["land.compensation"] and concern.picked == []
        row = ConcernTopic.objects.get(concern=concern)
        assert (row.topic.code, row.top.code, row.commune_id) == (
            "land.compensation",
            "land",
            tree.a.pk,
        )

    def test_a_text_matching_no_rule_gets_none(self, tree):
        concern = concern_of(petition(tree.a, "Xin cảm ơn cán bộ xã"))
        assert concern.suggested == [] and not concern.topics.exists()

    def test_the_senders_pick_counts_beside_the_suggestion_other_is_no_pick(self, tree):
        concern = concern_of(petition(tree.a, category="roads"))
        assert concern.picked == ["roads"]
        codes = set(concern.topics.values_list("topic__code", flat=True))
        assert codes == {"land.compensation", "roads"}

    def test_the_officials_correction_is_kept_beside_the_suggestion(self, tree, official_a):
        concern = concern_of(petition(tree.a, category="roads"))
        services.classify(actor=official_a, concern=concern, topics=["land.disputes"])
        concern.refresh_from_db()
        assert concern.suggested == ["land.compensation"] and concern.picked == ["roads"]
        assert concern.confirmed == ["land.disputes"] and concern.confirmed_by == official_a
        assert list(concern.topics.values_list("topic__code", flat=True)) == ["land.disputes"]
        entry = AuditEntry.objects.get(model="concerns.concern", object_pk=str(concern.pk))
        assert entry.changes["confirmed"] == [None, ["land.disputes"]]
        assert precision.measures() == [
            precision.Measure("land.compensation", 1, 0, 0),
            precision.Measure("land.disputes", 0, 1, 0),
        ]

    def test_an_unknown_or_empty_choice_is_refused_in_vietnamese(self, tree, official_a):
        concern = concern_of(petition(tree.a))
        for topics in ([], ["nope"]):
            with pytest.raises(DomainError, match="chủ đề|Chủ đề"):
                services.classify(actor=official_a, concern=concern, topics=topics)
        with pytest.raises(DomainError, match="quyền"):
            other = concern_of(petition(tree.b))
            services.classify(actor=official_a, concern=other, topics=["land"])


class TestSameHousehold:
    def test_a_petition_and_an_opinion_count_one_household(self, tree, households, official_a):
        first = concern_of(petition(tree.a, household=households.a))
        draft = consultation(official_a, tree.a)
        opinion = consultations.opinion_send(
            household=households.a, consultation=draft, clause=None, text=LAND
        )
        second = concern_of(opinion)
        assert second.channel == "opinion" and second.household_id == households.a.pk
        rows = ConcernTopic.objects.filter(top__code="land", commune=tree.a)
        figures = rows.aggregate(households=counting.households(), records=counting.records())
        assert figures == {"households": 1, "records": 2}
        assert second.topics.get().repeat_of == first.topics.get()
        assert first.topics.get().repeat_of is None

    def test_linking_a_household_later_links_the_repeat(self, tree, households, official_a):
        first = concern_of(petition(tree.a, household=households.a))
        second = concern_of(petition(tree.a))
        services.classify(
            actor=official_a,
            concern=second,
            topics=["land.compensation"],
            household=services.household_in_commune(concern=second, code="A-1"),
        )
        assert second.topics.get().repeat_of == first.topics.get()
        with pytest.raises(DomainError, match="Không có hộ"):
            services.household_in_commune(concern=second, code="B-1")


class TestEveryChannel:
    def test_petitions_portal_reception_and_open311(self, client, tree, official_a):
        assert concern_of(petition(tree.a)).channel == "petition"
        session = reception.session_create(
            actor=official_a, unit=tree.a, date=timezone.localdate(), leader="Chủ tịch"
        )
        visit = reception.visit_record(
            actor=official_a,
            session=session,
            visitor="Lò Văn Pọm",
            kind="denunciation",
            subject="Tố cáo",
            description=LAND,
        )
        assert concern_of(visit).channel == "reception"
        assert LAND not in concern_of(visit).label  # a label, never the text
        posted = client.post(
            "/open311/v2/requests.json",
            {
                "service_code": "roads",
                "jurisdiction_id": tree.a.code,
                "address_string": "Bản Nà Luông",
                "description": "Ổ gà",
            },
        )
        assert posted.status_code == 201
        latest = Concern.objects.latest("pk")
        assert latest.record_type == "petitions.petition" and latest.picked == ["roads"]

    def test_questions_of_a_dialogue_not_a_work_visits_conclusions(self, tree, official_a):
        today = timezone.localdate()
        talk = dialogues.meeting_create(
            actor=official_a,
            unit=tree.a,
            data=dialogues.MeetingData(kind="dialogue", date=today, place="UBND", chair="CT"),
        )
        item = dialogues.item_add(
            actor=official_a, meeting=talk, data=dialogues.ItemData(text=LAND, topic="land")
        )
        concern = concern_of(item)
        assert (concern.channel, concern.picked, concern.raised_on) == ("question", ["land"], today)
        assert concern.url.endswith(f"#item-{item.number}")

    def test_requests_to_the_inspection_board(self, tree):
        request = oversight.request_receive(commune=tree.a, text=LAND, sender="Lò Văn Pọm")
        concern = concern_of(request)
        assert (concern.channel, concern.commune_id, concern.suggested) == (
            "inspection",
            tree.a.pk,
            ["land.compensation"],
        )

    def test_survey_comments_when_the_survey_closes_no_household_if_anonymous(
        self, tree, official_a, households
    ):
        survey = make_survey(official_a, tree.a)
        surveys.survey_draw(actor=official_a, survey=survey)
        surveys.answer_signed_in(
            household=households.a, survey=survey, answers=answers("4", comment=LAND)
        )
        assert not Concern.objects.filter(channel="survey").exists()  # sealed until closing
        surveys.survey_close(actor=official_a, survey=survey)
        concern = Concern.objects.get(channel="survey")
        assert concern.household_id is None and concern.suggested == ["land.compensation"]

    def test_a_refused_record_leaves_no_concern(self, tree):
        with pytest.raises(DomainError):
            petition(tree.a, "")
        assert not Concern.objects.exists()

    def test_a_concern_is_written_in_the_records_own_transaction(self, tree, monkeypatch):
        def broken(rows):
            raise RuntimeError("hotspots down")

        monkeypatch.setattr(hotspots, "attach", broken)
        with pytest.raises(RuntimeError):
            petition(tree.a)
        assert not Petition.objects.exists() and not Concern.objects.exists()


class TestBackfill:
    def test_old_records_get_theirs_once_in_fixed_queries_per_batch(self, tree, households):
        for n in range(6):
            petition(tree.a, household=households.a if n % 2 else None)
        oversight.request_receive(commune=tree.a, text=LAND)
        Concern.objects.all().delete()
        made = services.backfill()
        assert made["petitions.petition"] == 6 and made["oversight.request"] == 1
        assert Concern.objects.count() == 7
        linked = ConcernTopic.objects.filter(repeat_of__isnull=False).count()
        assert linked == 2  # households.a's second and third petitions
        assert sum(services.backfill().values()) == 0

        def queries(batch):
            Concern.objects.all().delete()
            with CaptureQueriesContext(connection) as seen:
                services.backfill(batch=batch)
            return len(seen)

        # Two batches of one petition each, then two batches of three: the same queries.
        Petition.objects.filter(pk__gt=Petition.objects.order_by("pk")[1].pk).delete()
        two = queries(1)
        for _ in range(4):
            petition(tree.a)
        assert queries(3) == two

    def test_the_command(self, tree):
        petition(tree.a)
        Concern.objects.all().delete()
        out = io.StringIO()
        call_command("concerns", "backfill", stdout=out)
        assert "petitions.petition: 1" in out.getvalue()
        call_command("concerns", "precision", "--since", "2020-01-01", stdout=out)
        assert "precision" in out.getvalue()


class TestWidget:
    def url(self, concern):
        return reverse("concerns:classify", args=[concern.pk])

    def test_the_official_confirms_from_the_petitions_page(self, client, tree, official_a):
        p = petition(tree.a)
        concern = concern_of(p)
        client.force_login(official_a)
        page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
        assert f'id="concern-{concern.pk}"' in page and "Bồi thường" in page
        done = client.post(self.url(concern), {"topics": ["land.compensation", "roads"]})
        assert done.status_code == 302 and done["Location"] == concern.url
        concern.refresh_from_db()
        assert concern.confirmed == ["land.compensation", "roads"]

    def test_htmx_swaps_the_widget_and_shows_a_refusal(self, client, tree, official_a):
        concern = concern_of(petition(tree.a))
        client.force_login(official_a)
        answer = client.post(self.url(concern), {"topics": [""]}, HTTP_HX_REQUEST="true")
        assert (
            answer.status_code == 200 and "Hãy chọn ít nhất một chủ đề" in answer.content.decode()
        )
        answer = client.post(
            self.url(concern), {"topics": ["land"], "household": "A-9"}, HTTP_HX_REQUEST="true"
        )
        assert "Không có hộ" in answer.content.decode()
        concern.refresh_from_db()
        assert concern.confirmed is None

    def test_another_communes_official_gets_404(self, client, tree, official_b):
        concern = concern_of(petition(tree.a))
        client.force_login(official_b)
        assert client.get(self.url(concern)).status_code == 404
        assert client.post(self.url(concern), {"topics": ["land"]}).status_code == 404
        concern.refresh_from_db()
        assert concern.confirmed is None

    @pytest.mark.parametrize("role", ["province_viewer", "central_viewer"])
    def test_monitoring_roles_get_403(self, client, tree, request, role):
        concern = concern_of(petition(tree.a))
        client.force_login(request.getfixturevalue(role))
        assert client.get(self.url(concern)).status_code == 403
        assert client.post(self.url(concern), {"topics": ["land"]}).status_code == 403

    def test_a_meetings_page_runs_a_fixed_number_of_queries(self, client, tree, official_a):
        talk = dialogues.meeting_create(
            actor=official_a,
            unit=tree.a,
            data=dialogues.MeetingData(
                kind="dialogue", date=timezone.localdate(), place="UBND", chair="CT"
            ),
        )
        client.force_login(official_a)
        client.get(reverse("dialogues:detail", args=[talk.pk]))  # the session, caches warm

        def count():
            dialogues.item_add(actor=official_a, meeting=talk, data=dialogues.ItemData(text=LAND))
            with CaptureQueriesContext(connection) as seen:
                page = client.get(reverse("dialogues:detail", args=[talk.pk]))
            assert page.status_code == 200
            return len(seen), page.content.decode().count('class="classify"')

        one, shown_one = count()
        for _ in range(3):
            dialogues.item_add(actor=official_a, meeting=talk, data=dialogues.ItemData(text=LAND))
        five, shown_five = count()
        assert (shown_one, shown_five) == (1, 5) and one == five
