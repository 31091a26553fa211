"""A meeting's topics and a question's topic come from the catalogue (coso.concerns):
a subtopic is accepted, a retired topic refused, and pages show the topic's label; a
follow-up checks its topic against the catalogue too (through coso.core.hooks)."""

import pytest
from django.urls import reverse

from coso.concerns import topics
from coso.core.errors import DomainError
from coso.dialogues import services
from coso.dialogues.tests.test_dialogues import DAY, dialogue, promise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(DAY, tick=False)


def ask(actor, meeting, topic, **kw):
    return services.item_add(
        actor=actor, meeting=meeting, data=services.ItemData(text="Đền bù chậm", topic=topic, **kw)
    )


def test_a_question_on_a_subtopic_is_shown_by_its_label(client, tree, official_a):
    meeting = dialogue(official_a, tree.a)
    item = ask(official_a, meeting, "land.compensation")
    assert item.topic == "land.compensation"
    page = client.get(reverse("dialogues:public_detail", args=[meeting.pk])).content.decode()
    assert "Đất đai, xây dựng › Bồi thường, giải phóng mặt bằng" in page
    client.force_login(official_a)
    page = client.get(reverse("dialogues:detail", args=[meeting.pk])).content.decode()
    assert "Đất đai, xây dựng, Đường sá, cầu cống" in page  # the meeting's topics


def test_retired_and_unknown_topics_are_refused(tree, official_a, administrator):
    meeting = dialogue(official_a, tree.a)
    topics.topic_retire(actor=administrator, code="land")
    for bad in ("land", "land.compensation", "nonsense"):
        with pytest.raises(DomainError) as refused:
            ask(official_a, meeting, bad)
        assert refused.value.field == "topic"
    with pytest.raises(DomainError) as refused:
        dialogue(official_a, tree.a)  # its topics are roads and land
    assert refused.value.field == "topics"


def test_a_followup_takes_a_topic_of_the_catalogue(client, tree, official_a):
    meeting = dialogue(official_a, tree.a)
    with pytest.raises(DomainError) as refused:
        services.commitment_add(
            actor=official_a, meeting=meeting, promise=promise(tree.a, topic="nonsense")
        )
    assert refused.value.field == "topic"
    followup = services.commitment_add(
        actor=official_a, meeting=meeting, promise=promise(tree.a, topic="roads.damaged")
    )
    client.force_login(official_a)
    page = client.get(reverse("followups:detail", args=[followup.pk])).content.decode()
    assert "Đường sá, cầu cống › Đường hư hỏng, xuống cấp" in page
