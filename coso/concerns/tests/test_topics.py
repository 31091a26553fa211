"""The topic catalogue: its reads (cached per revision), the administrator's changes
(versioned, audited, codes stable, retired never deleted), the matching acceptance
tests and the administrator's pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from coso.concerns import selectors, topics
from coso.concerns.models import Topic, TopicRevision
from coso.concerns.topics import TopicData
from coso.core.errors import DomainError
from coso.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def data(label="Chợ dân sinh", label_en="Local markets", keywords=("chợ dân sinh",), **kw):
    return TopicData(label=label, label_en=label_en, keywords=list(keywords), **kw)


def audit_of(topic):
    return list(
        AuditEntry.objects.filter(model="concerns.topic", object_pk=str(topic.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )


class TestMatching:
    """The issue's acceptance: a petition's text suggests land › compensation, with or
    without its diacritics; a text that matches no rule gets none."""

    @pytest.mark.parametrize(
        "text",
        [
            "đền bù giải phóng mặt bằng chưa thỏa đáng",
            "den bu giai phong mat bang chua thoa dang",
            "ĐỀN BÙ GIẢI PHÓNG MẶT BẰNG CHƯA THỎA ĐÁNG!",
        ],
    )
    def test_land_compensation(self, text):
        codes, revision = selectors.suggest(text)
        assert codes == ["land.compensation"]
        assert revision == TopicRevision.objects.order_by("-id").first().pk

    def test_no_rule_no_topic(self):
        assert selectors.suggest("Xin cảm ơn cán bộ xã đã nhiệt tình")[0] == []

    def test_a_new_topics_phrases_suggest_it_and_a_retired_ones_do_not(self, administrator):
        text = "Chợ dân sinh lụp xụp, mái dột"
        assert selectors.suggest(text)[0] == []
        topics.topic_create(actor=administrator, code="markets", data=data())
        assert selectors.suggest(text)[0] == ["markets"]
        topics.topic_retire(actor=administrator, code="markets")
        assert selectors.suggest(text)[0] == []


class TestReads:
    def test_labels_in_the_request_language(self):
        assert selectors.label("land.compensation") == "Bồi thường, giải phóng mặt bằng"
        assert selectors.full_label("land.compensation") == (
            "Đất đai, xây dựng › Bồi thường, giải phóng mặt bằng"
        )
        with translation.override("en"):
            assert selectors.label("land") == "Land and building"
        assert selectors.label("no.such") == "no.such"

    def test_choices_by_level(self):
        firsts = dict(selectors.choices(level=1))
        subs = dict(selectors.choices(level=2))
        both = [code for code, _ in selectors.choices()]
        assert "land" in firsts and "land.compensation" not in firsts
        assert subs["land.compensation"].startswith("Đất đai, xây dựng › ")
        # Each first-level topic followed by its subtopics.
        assert both.index("land") < both.index("land.compensation") < both.index("security")

    def test_top_and_is_topic(self):
        assert selectors.top_of("land.compensation") == "land"
        assert selectors.top_of("land") == "land"
        assert selectors.is_topic("other") and not selectors.is_topic("nonsense")

    def test_one_query_per_request_two_when_the_revision_changed(
        self, administrator, django_assert_num_queries
    ):
        selectors.catalogue()
        with django_assert_num_queries(0):
            for _ in range(20):
                selectors.label("land")
        topics._new_request()  # what request_started calls (sent here, it would close the DB)
        with django_assert_num_queries(1):  # the revision, unchanged
            for _ in range(20):
                selectors.label("land")
        TopicRevision.objects.create(topic=Topic.objects.get(code="land"), version=99, snapshot={})
        topics._new_request()  # what request_started calls (sent here, it would close the DB)
        with django_assert_num_queries(2):  # the revision, then the catalogue
            selectors.label("land")


class TestChanges:
    def test_create_a_subtopic(self, administrator):
        before = selectors.revision()
        topic = topics.topic_create(
            actor=administrator, code="land.markets", data=data(note="Theo đề nghị của tỉnh")
        )
        assert topic.parent.code == "land" and topic.version == 1
        revision = topic.revisions.get()
        assert (
            revision.snapshot["parent"] == "land" and revision.snapshot["label"] == "Chợ dân sinh"
        )
        assert revision.note == "Theo đề nghị của tỉnh" and revision.changed_by == administrator
        assert selectors.revision() == revision.pk > before
        assert audit_of(topic) == ["create"]
        assert ("land.markets", "Đất đai, xây dựng › Chợ dân sinh") in selectors.choices()

    def test_change_keeps_the_code_and_makes_a_revision(self, administrator):
        topic = topics.topic_change(
            actor=administrator,
            code="roads.lighting",
            data=data(label="Đèn đường", label_en="Street lights", keywords=["đèn đường"]),
            version=1,
        )
        assert (topic.code, topic.version, topic.label) == ("roads.lighting", 2, "Đèn đường")
        assert list(topic.revisions.values_list("version", flat=True).order_by("version")) == [1, 2]
        assert audit_of(topic) == ["update"]
        assert selectors.label("roads.lighting") == "Đèn đường"
        # The same page sent again (version 1) is refused: someone changed it since.
        with pytest.raises(DomainError, match="vừa được người khác sửa"):
            topics.topic_change(actor=administrator, code="roads.lighting", data=data(), version=1)

    def test_a_change_that_changes_nothing_makes_no_revision(self, administrator):
        topic = Topic.objects.get(code="security")
        same = TopicData(label=topic.label, label_en=topic.label_en, keywords=topic.keywords)
        topics.topic_change(actor=administrator, code="security", data=same)
        assert Topic.objects.get(code="security").version == 1

    @pytest.mark.parametrize(
        ("code", "message"),
        [
            ("Markets", "Mã chủ đề chỉ gồm chữ thường không dấu"),
            ("chợ", "Mã chủ đề chỉ gồm chữ thường không dấu"),
            ("land.markets.fish", "Mã chủ đề chỉ gồm chữ thường không dấu"),
            ("1land", "Mã chủ đề chỉ gồm chữ thường không dấu"),
            ("x" * 41, "tối đa 40 ký tự"),
            ("roads", "Mã “roads” đã có trong danh mục"),
            ("markets.fish", "Chủ đề cha “markets” không có hoặc đã ngừng dùng"),
        ],
    )
    def test_bad_codes_are_refused_in_vietnamese(self, administrator, code, message):
        revision = selectors.revision()
        with pytest.raises(DomainError, match=message) as refused:
            topics.topic_create(actor=administrator, code=code, data=data())
        assert refused.value.field == "code"
        assert selectors.revision() == revision

    def test_bad_labels_and_phrases_are_refused(self, administrator):
        with pytest.raises(DomainError, match="Cần ghi tên chủ đề"):
            topics.topic_create(actor=administrator, code="markets", data=data(label="  "))
        with pytest.raises(DomainError, match="không hợp lệ"):
            topics.topic_create(actor=administrator, code="markets", data=data(keywords=["…"]))

    def test_retire_a_topic_and_its_subtopics(self, administrator, monkeypatch):
        rebuilt = []
        monkeypatch.setattr(topics.indicators, "families_changed", lambda: rebuilt.append(1))
        topic = topics.topic_retire(actor=administrator, code="roads", note="Gộp chủ đề")
        assert topic.retired_on is not None and topic.version == 2
        children = Topic.objects.filter(parent=topic)
        assert children.exists() and all(c.retired_on for c in children)
        assert not selectors.is_topic("roads") and not selectors.is_topic("roads.damaged")
        assert selectors.is_topic("roads", retired=True)
        assert "roads" not in dict(selectors.choices())
        assert "roads.damaged" not in dict(selectors.active())
        # Never deleted: a record that carries it still shows its label.
        assert selectors.label("roads.damaged") == "Đường hư hỏng, xuống cấp"
        assert audit_of(topic) == ["update"]
        assert topic.revisions.latest("version").snapshot["retired_on"] is not None
        with pytest.raises(DomainError, match="đã ngừng dùng"):
            topics.topic_retire(actor=administrator, code="roads")
        with pytest.raises(DomainError, match="không có hoặc đã ngừng dùng"):
            topics.topic_create(actor=administrator, code="roads.potholes", data=data())

    def test_other_is_never_retired(self, administrator):
        with pytest.raises(DomainError, match="mặc định"):
            topics.topic_retire(actor=administrator, code="other")


class TestPages:
    def test_only_the_administrator(self, client, official_a, province_viewer, administrator):
        url = reverse("concerns:topics")
        assert client.get(url).status_code == 302  # sign in first
        for user in (official_a, province_viewer):
            client.force_login(user)
            assert client.get(url).status_code == 403
            assert client.post(reverse("concerns:topic_retire", args=["roads"])).status_code == 403
        assert selectors.is_topic("roads")
        client.force_login(administrator)
        assert client.get(url).status_code == 200
        assert client.get(reverse("concerns:topic_edit", args=["no.such"])).status_code == 404

    def test_list_two_levels_search_and_retired_marked(self, client, administrator):
        topics.topic_retire(actor=administrator, code="roads.lighting")
        client.force_login(administrator)
        page = client.get(reverse("concerns:topics")).content.decode()
        assert page.index('id="topic-land"') < page.index('id="topic-land.compensation"')
        assert 'class="topic-row retired" id="topic-roads.lighting"' in page
        found = client.get(reverse("concerns:topics"), {"q": "den bu"}).content.decode()
        assert 'id="topic-land.compensation"' in found and 'id="topic-roads"' not in found

    def test_list_runs_fixed_queries(self, client, administrator, django_assert_num_queries):
        client.force_login(administrator)
        url = reverse("concerns:topics")
        client.get(url)
        for n in range(30):
            topics.topic_create(actor=administrator, code=f"extra{n}", data=data())
        client.get(url)  # the new revision read once

        def queries():
            with django_assert_num_queries(3) as captured:  # session, user, revision
                response = client.get(url)
            assert response.status_code == 200
            return len(captured)

        assert queries() == queries()

    def test_new_edit_retire_and_revisions(self, client, administrator):
        client.force_login(administrator)
        response = client.post(
            reverse("concerns:topic_new"),
            {"code": "land.markets", "label": "Chợ", "label_en": "Markets", "keywords": "chợ\n\n"},
        )
        assert response.status_code == 302
        assert Topic.objects.get(code="land.markets").keywords == ["chợ"]
        refused = client.post(
            reverse("concerns:topic_new"), {"code": "Land", "label": "x", "label_en": "x"}
        )
        assert "Mã chủ đề chỉ gồm chữ thường không dấu" in refused.content.decode()
        edit = reverse("concerns:topic_edit", args=["land.markets"])
        assert client.get(edit).status_code == 200
        client.post(edit, {"label": "Chợ dân sinh", "label_en": "Markets", "version": 1})
        client.post(reverse("concerns:topic_retire", args=["land.markets"]), {"reason": "Gộp"})
        topic = Topic.objects.get(code="land.markets")
        assert (topic.label, topic.version, topic.retired_on is not None) == (
            "Chợ dân sinh",
            3,
            True,
        )
        history = client.get(reverse("concerns:topic_revisions", args=["land.markets"]))
        assert history.content.decode().count("Phiên bản ") >= 3

    def test_try_the_rules(self, client, administrator):
        client.force_login(administrator)
        text = {"text": "Gia đình tôi bị thu hồi đất, đền bù chưa thỏa đáng"}
        page = client.post(reverse("concerns:topic_try"), text).content.decode()
        assert 'id="suggested-topics"' in page and "Bồi thường, giải phóng mặt bằng" in page
        partial = client.post(reverse("concerns:topic_try"), text, HTTP_HX_REQUEST="true")
        assert partial.content.decode().startswith('<div id="suggested"')
        none = client.post(reverse("concerns:topic_try"), {"text": "Trời hôm nay đẹp"})
        assert 'id="suggested-none"' in none.content.decode()
