"""Residents give opinions on a draft: households online clause by clause, officials key
in the rest with their source; the consultation cannot close before the rulebook's
minimum; every opinion gets its outcome; the synthesis is published on the web and as
DOCX with the same opinions, and the final text stands beside the draft."""

import datetime as dt
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso import rules
from coso.consultations import services
from coso.consultations.models import Opinion
from coso.core.errors import DomainError
from coso.people.tests.factories import make_household
from coso.residents.services import issue_codes

pytestmark = pytest.mark.django_db
OPENED = dt.date(2026, 10, 1)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 3, tzinfo=dt.UTC), tick=False)
    return time_machine


def draft(official, unit, closes=dt.date(2026, 10, 21), opened=None):
    return services.consultation_publish(
        actor=official,
        unit=unit,
        draft=services.Draft(
            category="7",
            title="Dự thảo Quy chế dân chủ xã",
            clauses=["Điều 1. Phạm vi áp dụng cho toàn xã.", "Điều 2. Họp thôn mỗi quý một lần."],
            forms=["meeting", "box"],
            closes_on=closes,
            opened_on=opened,
        ),
    )


def test_the_closing_day_respects_the_rulebooks_minimum(tree, official_a, now):
    earliest = OPENED + dt.timedelta(days=rules.value("consultation.min_days", on=OPENED))
    with pytest.raises(DomainError, match="sớm nhất là 21/10/2026"):
        draft(official_a, tree.a, closes=earliest - dt.timedelta(days=1))
    consultation = draft(official_a, tree.a, closes=earliest)
    now.move_to(dt.datetime(2026, 10, 21, 3, tzinfo=dt.UTC), tick=False)
    with pytest.raises(DomainError, match="Chưa thể kết thúc"):
        services.consultation_close(actor=official_a, consultation=consultation)
    services.consultation_close(
        actor=official_a, consultation=consultation, on=dt.date(2026, 10, 22)
    )
    assert consultation.status == "closed"


def test_from_opinions_to_the_published_synthesis(client, tree, official_a, village_head, now):
    household = make_household(tree.village_a, "NL-1")
    sheet = issue_codes(actor=village_head, village=tree.village_a)
    consultation = draft(official_a, tree.a)
    first, second = consultation.clauses.all()
    client.post(
        reverse("residents:sign_in"), {"login": sheet[0]["login"], "secret": sheet[0]["code"]}
    )
    page = reverse("consultations:public_detail", args=[consultation.pk])
    for clause, text in ((first, "Cần nêu rõ tổ dân phố"), (second, "Họp thôn mỗi tháng")):
        assert client.post(page, {"clause": clause.pk, "text": text}).status_code == 302
    services.opinion_record(
        actor=official_a,
        consultation=consultation,
        clause=None,
        text="Đề nghị công khai biên bản họp",
        source="box",
        contributor="Ông Hòm Thư",
    )
    with pytest.raises(DomainError, match="hình thức của đợt"):
        services.opinion_record(
            actor=official_a, consultation=consultation, clause=first, text="x", source="portal"
        )
    assert Opinion.objects.filter(household=household).count() == 2
    now.move_to(dt.datetime(2026, 10, 22, 3, tzinfo=dt.UTC), tick=False)
    services.consultation_close(actor=official_a, consultation=consultation)
    opinions = list(consultation.opinions.order_by("id"))
    with pytest.raises(DomainError, match="cần giải trình"):
        services.opinion_answer(
            actor=official_a, opinion=opinions[1], outcome="not_accepted", explanation=""
        )
    with pytest.raises(DomainError, match="Còn 3 ý kiến"):
        services.consultation_result(
            actor=official_a, consultation=consultation, synthesis="x", finals={}
        )
    services.opinion_answer(
        actor=official_a, opinion=opinions[0], outcome="accepted", explanation=""
    )
    services.opinion_answer(
        actor=official_a,
        opinion=opinions[1],
        outcome="not_accepted",
        explanation="Quy chế mẫu quy định mỗi quý.",
    )
    services.opinion_answer(
        actor=official_a, opinion=opinions[2], outcome="partly", explanation="Công khai tóm tắt."
    )
    services.consultation_result(
        actor=official_a,
        consultation=consultation,
        synthesis="Nhận 3 ý kiến; tiếp thu 1, tiếp thu một phần 1, không tiếp thu 1.",
        finals={first.pk: "Điều 1. Phạm vi áp dụng cho toàn xã, các thôn và tổ dân phố."},
    )
    client.post(reverse("residents:sign_out"))
    body = client.get(page).content.decode()
    for o in opinions:
        assert o.text in body
    assert body.count('class="outcome"') == 3 and "Quy chế mẫu quy định mỗi quý" in body
    assert "<del>xã.</del> <ins>xã, các thôn và tổ dân phố.</ins>" in body
    assert "Ông Hòm Thư" not in body
    document = docx.Document(
        io.BytesIO(client.get(reverse("consultations:docx", args=[consultation.pk])).content)
    )
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Điều, khoản")
    rows = table.rows[1:]
    assert len(rows) == len(opinions) == 3
    assert {r.cells[2].text for r in rows} == {"Tiếp thu", "Không tiếp thu", "Tiếp thu một phần"}


def test_a_household_comments_only_on_its_communes_open_drafts(
    client, tree, official_b, village_head, now
):
    make_household(tree.village_a, "NL-1")
    sheet = issue_codes(actor=village_head, village=tree.village_a)
    elsewhere = draft(official_b, tree.b)
    client.post(
        reverse("residents:sign_in"), {"login": sheet[0]["login"], "secret": sheet[0]["code"]}
    )
    client.post(
        reverse("consultations:public_detail", args=[elsewhere.pk]),
        {"clause": elsewhere.clauses.first().pk, "text": "x"},
    )
    assert not Opinion.objects.exists()


def test_another_communes_consultations_answer_404(client, tree, official_a, official_b, now):
    consultation = draft(official_a, tree.a)
    client.force_login(official_b)
    assert client.get(reverse("consultations:detail", args=[consultation.pk])).status_code == 404
    for name in ("record", "close", "result"):
        url = reverse(f"consultations:{name}", args=[consultation.pk])
        assert client.post(url, {"text": "x", "source": "box"}).status_code == 404
    assert consultation.opinions.count() == 0


def test_pages_run_a_fixed_number_of_queries(
    client, tree, official_a, now, django_assert_num_queries
):
    client.force_login(official_a)
    consultation = draft(official_a, tree.a)
    urls = [
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:public_detail", args=[consultation.pk]),
        reverse("consultations:list", args=[tree.a.code]),
        reverse("consultations:public_list", args=[tree.a.code]),
    ]

    def add(n):
        for i in range(n):
            for clause in [*consultation.clauses.all(), None]:
                services.opinion_record(
                    actor=official_a,
                    consultation=consultation,
                    clause=clause,
                    text=f"ý kiến {i}",
                    source="box",
                )
            draft(official_a, tree.a)

    add(1)
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as seen:
            client.get(url)
        counts.append(len(seen))
    add(6)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
