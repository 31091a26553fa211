"""What residents raise, whatever the channel, and where trouble starts.

- `Topic`: the catalogue of topics, two levels (land › compensation and site
  clearance), with Vietnamese and English labels and the phrases that suggest it. Codes
  never change (Open311 service codes and existing records resolve by them); a topic is
  retired, never deleted; every change is a new `TopicRevision`.
- `Concern`: one record in which residents raised something (a petition, a reception
  visit, a question at a dialogue or voter meeting, a consultation opinion, a request
  to the People's Inspection Board, a survey comment), with the topics the rules
  suggested, the one the sender picked, and those the official who handles it
  confirmed. The record itself stays in its own app; a concern names it by its model's
  label and primary key.
- `ConcernTopic`: one of a concern's topics as it counts now (the confirmed ones, or
  until then the suggested and picked ones), copied with the commune, household and day
  so that counts and hotspot checks are indexed reads. A household that raised the
  same topic in the same commune earlier (through any channel) is linked there
  (`repeat_of`) and is not counted twice.
- `Hotspot`: many households (or records) on one topic in one commune within a few days,
  or a crowd petition: opened once, tracked as a follow-up until closed with its
  outcome; later records on the topic attach to it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import (
    optional_link,
    optional_one_to_one,
    province_field,
    unique_where,
    unit_field,
    user_field,
)
from coso.core.models import TimeStampedModel


class Topic(models.Model):
    """One topic of the catalogue. `code` is stable: a subtopic's is its parent's code, a
    dot and its own ("land.compensation")."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    parent = optional_link("self", related_name="children", verbose_name=_("thuộc chủ đề"))
    label = models.CharField(_("tên (tiếng Việt)"), max_length=200)
    label_en = models.CharField(_("tên (tiếng Anh)"), max_length=200)
    # Words and phrases that suggest the topic, matched in a text regardless of case and
    # diacritics (coso/concerns/matching.py).
    keywords = models.JSONField(_("từ khóa, cụm từ nhận diện"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    retired_on = models.DateField(_("ngừng dùng từ ngày"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("danh mục chủ đề")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.code


class TopicRevision(models.Model):
    """A topic as one change left it (the catalogue's history): the catalogue's
    revision is the newest of these, and a suggestion records the one it used."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_by = user_field()
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("lý do thay đổi"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "version"], name="topic_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} v{self.version}"


class Channel(models.TextChoices):
    PETITION = "petition", _("Đơn thư, phản ánh, kiến nghị")
    RECEPTION = "reception", _("Tiếp công dân")
    QUESTION = "question", _("Ý kiến tại đối thoại, tiếp xúc cử tri")
    OPINION = "opinion", _("Góp ý dự thảo")
    INSPECTION = "inspection", _("Kiến nghị gửi Ban Thanh tra nhân dân")
    SURVEY = "survey", _("Ý kiến trong phiếu khảo sát")


class Concern(models.Model):
    """One record in which residents raised something (see the module's docstring).
    `label` and `url` name the record on officials' lists without its text or sender;
    the text is read from the record itself, for those allowed to read it."""

    channel = models.CharField(_("kênh"), max_length=12, choices=Channel.choices)
    record_type = models.CharField(max_length=60)  # "petitions.petition"
    record_id = models.CharField(max_length=40)
    label = models.CharField(_("hồ sơ"), max_length=200)
    url = models.CharField(max_length=200, blank=True)
    unit = unit_field("concerns", _("đơn vị tiếp nhận"))
    # The reporting unit (a village's record counts for its commune) and its province.
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    province = province_field()
    village = optional_link(
        "units.Unit", verbose_name=_("thôn, tổ dân phố"), on_delete=models.SET_NULL
    )
    household = optional_link("people.Household", on_delete=models.SET_NULL)
    # How many people raised it together (a petition several signed): five or more make
    # a crowd case (rule `hotspot.crowd`).
    people = models.PositiveSmallIntegerField(_("số người cùng nêu"), default=1)
    raised_on = models.DateField(_("ngày nêu"))
    # Topic codes: what the rules suggested (from the catalogue revision `revision`),
    # what the sender or the recording official picked, and what the official who
    # handles it confirmed (None until then). All kept, to measure the rules.
    suggested = models.JSONField(default=list)
    picked = models.JSONField(default=list)
    confirmed = models.JSONField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    confirmed_by = user_field()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến, kiến nghị của Nhân dân")
        verbose_name_plural = _("ý kiến, kiến nghị của Nhân dân")
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="concern_once")
        ]
        indexes = [
            models.Index(fields=["commune", "raised_on"], name="concern_commune_idx"),
            models.Index(fields=["province", "raised_on"], name="concern_province_idx"),
        ]

    def __str__(self) -> str:
        return self.label


class ConcernTopic(models.Model):
    """One topic a concern counts under now (see the module's docstring)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    # The topic's first level (itself for a first-level topic): counts and hotspots by
    # first-level topic read this column.
    top = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    province = province_field()
    household = optional_link("people.Household", on_delete=models.SET_NULL)
    raised_on = models.DateField()
    repeat_of = optional_link("self", related_name="repeats", on_delete=models.SET_NULL)
    hotspot = optional_link("concerns.Hotspot", related_name="rows", on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "topic"], name="concern_topic_once")
        ]
        indexes = [
            models.Index(fields=["commune", "top", "raised_on"], name="concern_top_idx"),
            models.Index(fields=["commune", "topic", "raised_on"], name="concern_topic_idx"),
            models.Index(fields=["household", "top"], name="concern_household_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id}:{self.topic_id}"


class HotspotStatus(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    CLOSED = "closed", _("Đã xử lý xong")


class Hotspot(TimeStampedModel):
    """Trouble starting on one first-level topic in one commune (see the module's
    docstring). `rule` copies the rule that opened it (code, version, value); the
    counts are kept as records attach."""

    commune = unit_field("hotspots", _("xã"))
    province = province_field()
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="hotspots")
    opened_on = models.DateField(_("ngày phát hiện"))
    rule = models.JSONField(default=dict, editable=False)
    households = models.PositiveIntegerField(_("số hộ, người nêu"), default=0)
    records = models.PositiveIntegerField(_("số hồ sơ"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=HotspotStatus.choices, default=HotspotStatus.OPEN
    )
    owner = user_field(_("người chịu trách nhiệm"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    outcome = models.TextField(_("kết quả xử lý"), blank=True)
    followup = optional_one_to_one("followups.FollowUp", related_name="hotspot")

    class Meta:
        verbose_name = _("điểm nóng")
        verbose_name_plural = _("điểm nóng")
        constraints = [
            unique_where("commune", "topic", status=HotspotStatus.OPEN, name="hotspot_open_once")
        ]
        indexes = [
            models.Index(fields=["province", "status", "opened_on"], name="hotspot_province_idx")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.commune_id} {self.opened_on}"

    @property
    def official_url(self) -> str:
        """Its page, where its follow-up links back to it."""
        from django.urls import reverse

        return reverse("concerns:hotspot", args=[self.pk])
