"""A meeting's record and its minutes: start time, venue, chair and secretary are kept
when the result is published and shown on the meeting's page; the minutes print them,
keep the two signatures together on one page, and reconcile every vote with the
attendance (households, present, absent, and those present who did not vote, named)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from docx import Document
from docx.oxml.ns import qn

from coso.decisions import services
from coso.decisions.models import Matter
from coso.people.models import Household
from coso.people.tests.factories import make_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(tree, village_head):
    for i in range(10):
        make_household(tree.village_a, f"M{i:02d}")
    matter = services.matter_create(
        actor=village_head, unit=tree.village_a, matter_type="6", title="Làm đường bê tông"
    )
    services.matter_open(actor=village_head, matter=matter)
    ids = list(Household.objects.filter(village=tree.village_a).values_list("pk", flat=True))
    services.attendance_record(actor=village_head, matter=matter, household_ids=ids[:7])
    services.tally_record(actor=village_head, matter=matter, counts={"yes": 4, "no": 1})
    return services.matter_count(actor=village_head, matter=matter)


def _publish(client, matter, **extra):
    data = {"chair": "Lò Văn Tiến", "secretary": "Tòng Thị Mai", **extra}
    return client.post(reverse("decisions:publish", args=[matter.pk]), data)


def test_the_meeting_record_is_kept_and_shown(client, counted, village_head):
    client.force_login(village_head)
    page = client.get(reverse("decisions:matter", args=[counted.pk])).content.decode()
    assert 'name="starts_at"' in page and 'name="venue"' in page
    _publish(client, counted, starts_at="19:30", venue="Nhà văn hóa bản")
    matter = Matter.objects.get(pk=counted.pk)
    assert (f"{matter.starts_at:%H:%M}", matter.venue) == ("19:30", "Nhà văn hóa bản")
    page = client.get(reverse("decisions:matter", args=[counted.pk])).content.decode()
    assert "19:30" in page and "Nhà văn hóa bản" in page and "Tòng Thị Mai" in page


def test_a_start_time_is_read_on_a_24_hour_clock(client, counted, village_head):
    """7g30 is half past seven; a time that is none (7:30 PM, 25:00) is refused with
    what to type, the form shown again as typed, and nothing published."""
    client.force_login(village_head)
    response = _publish(client, counted, starts_at="25:00", venue="Nhà văn hóa bản")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhập giờ theo dạng giờ:phút trên đồng hồ 24 giờ, ví dụ 07:30 hoặc 19:05." in page
    assert 'value="Nhà văn hóa bản"' in page and 'aria-invalid="true"' in page
    assert Matter.objects.get(pk=counted.pk).status == "counted"
    _publish(client, counted, starts_at="7g30")
    assert Matter.objects.get(pk=counted.pk).starts_at == dt.time(7, 30)


def test_the_minutes_print_the_record_and_reconcile_the_votes(client, counted, village_head):
    client.force_login(village_head)
    _publish(client, counted, starts_at="19:30", venue="Nhà văn hóa bản")
    response = client.get(reverse("decisions:minutes", args=[counted.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Thời gian: bắt đầu lúc 19 giờ 30" in text and "Địa điểm: Nhà văn hóa bản." in text
    assert "Chủ trì: Lò Văn Tiến. Thư ký: Tòng Thị Mai." in text
    # The issuing body: the village under its commune's People's Committee.
    head = document.tables[0].rows[0].cells[0].text
    assert "UBND XÃ TAM ĐƯỜNG" in head and "BẢN NÀ LUÔNG" in head
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["Tổng số hộ", "10"] in rows and ["Có mặt", "7"] in rows and ["Vắng mặt", "3"] in rows
    assert ["Trong đó: Dự họp", "7"] in rows
    assert (
        ["Đồng ý", "4"] in rows and ["Không đồng ý", "1"] in rows and ["Ý kiến khác", "0"] in rows
    )
    # 4 + 1 + 0 answered, 2 present who did not vote: 7, the number present, named.
    assert ["Không biểu quyết (có mặt, không chọn)", "2"] in rows
    assert ["Cộng (bằng số có mặt)", "7"] in rows
    assert "7 hộ có mặt: 5 biểu quyết, 0 phiếu không hợp lệ, 2 không biểu quyết." in text
    signatures = document.tables[-1]
    assert len(signatures.rows) == 1
    assert signatures.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    names = {r.text: r.bold for c in signatures.rows[0].cells for p in c.paragraphs for r in p.runs}
    assert names["THƯ KÝ"] and names["NGƯỜI CHỦ TRÌ"]
    assert names["Tòng Thị Mai"] and names["Lò Văn Tiến"]


def test_a_ballot_round_has_no_time_or_venue_to_fill(client, tree, village_head):
    for i in range(3):
        make_household(tree.village_a, f"B{i:02d}")
    matter = services.matter_create(
        actor=village_head,
        unit=tree.village_a,
        matter_type="6",
        title="Quỹ khuyến học",
        method="ballot",
    )
    services.matter_open(actor=village_head, matter=matter)
    services.matter_count(actor=village_head, matter=matter)
    client.force_login(village_head)
    page = client.get(reverse("decisions:matter", args=[matter.pk])).content.decode()
    assert 'name="chair"' in page and 'name="venue"' not in page


def test_the_printed_minutes_are_the_same_document(client, counted, village_head):
    """The page printed from the browser says what the DOCX says: every paragraph of the
    DOCX's body, every table cell, and the signers, in the same order."""
    client.force_login(village_head)
    _publish(client, counted, starts_at="19:30", venue="Nhà văn hóa bản")
    docx = Document(io.BytesIO(client.get(reverse("decisions:minutes", args=[counted.pk])).content))
    page = client.get(reverse("decisions:minutes_print", args=[counted.pk])).content.decode()
    said = [p.text for p in docx.paragraphs if p.text.strip()]
    cells = [c.text for t in docx.tables[1:-1] for row in t.rows for c in row.cells]
    signers = [c.text for c in docx.tables[-1].rows[0].cells]
    for part in (said, cells, signers):  # each in its order (DOCX keeps tables apart)
        at = 0
        for line in (ln.strip() for text in part for ln in text.split("\n")):
            found = page.find(escape(line), at)
            assert found >= 0, line
            at = found
