"""Satisfaction surveys: a questionnaire as data (questions, scales, conditions, the
element each counts towards), fixed by its version once a survey uses it; a survey run
of a unit with its sampling plan and the households drawn; one participation per
household; and the answers.

An anonymous survey keeps no table linking a household to its answers
(coso/surveys/sealing.py, services.py): while it is open each answer is an `Envelope` sealed under a key
the database does not hold; when it closes, the envelopes are opened, shuffled and
written as `Response` rows with random ids, no time and no household, in one
transaction, and the per-element counts (`ElementResult`) are computed from them."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import unit_field, user_field
from coso.core.models import TimeStampedModel


class Element(models.TextChoices):
    """What a question counts towards (the index's elements): SIPAS's five and its
    overall satisfaction, and PAPI's three sub-dimensions Coso can ask about."""

    ACCESS = "access", _("Tiếp cận dịch vụ")
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    OFFICIAL = "official", _("Công chức trực tiếp giải quyết")
    RESULT = "result", _("Kết quả giải quyết")
    FEEDBACK = "feedback", _("Tiếp nhận, xử lý phản ánh, kiến nghị")
    OVERALL = "overall", _("Hài lòng chung")
    PARTICIPATION = "participation", _("Tham gia của người dân ở cơ sở")
    TRANSPARENCY = "transparency", _("Công khai, minh bạch")
    ACCOUNTABILITY = "accountability", _("Trách nhiệm giải trình với người dân")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Thang 1–5")
    YESNO = "yesno", _("Có / không")
    CHOICE = "choice", _("Chọn một")
    TEXT = "text", _("Trả lời tự do")


class Questionnaire(models.Model):
    """One version of a questionnaire. `questions` is a list of
    {key, text, kind, labels (a scale's five, a choice's options as [key, label]),
    satisfied (the values counted as satisfied), condition ({key, in: [values]}: asked
    only then), element (an Element or "")}. A version a survey uses is never changed:
    a new wording is a new version."""

    code = models.CharField(_("mã bảng hỏi"), max_length=40)
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    title = models.CharField(_("tên bảng hỏi"), max_length=255)
    anonymous = models.BooleanField(_("ẩn danh"), default=True)
    questions = models.JSONField(_("câu hỏi"))
    source_note = models.TextField(_("nguồn câu chữ"))

    class Meta:
        verbose_name = verbose_name_plural = _("bảng hỏi")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="questionnaire_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Plan(models.TextChoices):
    ALL = "all", _("Mọi hộ của đơn vị")
    SAMPLE = "sample", _("Mẫu ngẫu nhiên các hộ mỗi thôn")


class Status(models.TextChoices):
    OPEN = "open", _("Đang nhận trả lời")
    CLOSED = "closed", _("Đã kết thúc")


class Survey(TimeStampedModel):
    unit = unit_field("surveys")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("bảng hỏi")
    )
    title = models.CharField(_("tên cuộc khảo sát"), max_length=255)
    period = models.CharField(_("kỳ khảo sát"), max_length=40)
    opens_on = models.DateField(_("ngày bắt đầu"))
    closes_on = models.DateField(_("ngày kết thúc"))
    plan = models.CharField(_("cách chọn hộ"), max_length=8, choices=Plan.choices)
    per_village = models.PositiveSmallIntegerField(_("số hộ mỗi thôn"), null=True, blank=True)
    seed = models.BigIntegerField(_("hạt giống rút mẫu"), null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    # Set when the survey closes (answers of an anonymous survey are counted then).
    respondents = models.PositiveIntegerField(null=True, editable=False)
    closed_on = models.DateField(null=True, blank=True, editable=False)
    created_by = user_field()

    class Meta:
        verbose_name = verbose_name_plural = _("cuộc khảo sát")
        indexes = [models.Index(fields=["unit", "closes_on"], name="survey_unit_closes_idx")]

    def __str__(self) -> str:
        return self.title


class Frame(models.Model):
    """A village's sampling frame when the sample was drawn: its size and how many
    were drawn (the draw is `random.Random(seed).sample` over its households by id)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="frames")
    village = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    size = models.PositiveIntegerField()
    drawn = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "village"], name="survey_frame_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.village_id}"


class Invited(models.Model):
    """A household asked to answer: drawn into the sample (or every household), with its
    one-time link's token; `used` once the household has answered by any channel."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invited")
    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=24, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "household"], name="survey_invited_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.household_id}"


class Channel(models.TextChoices):
    SIGNED_IN = "signed_in", _("Hộ đăng nhập")
    LINK = "link", _("Đường dẫn một lần")
    PAPER = "paper", _("Phiếu giấy nhập lại")


class Participation(models.Model):
    """That a household answered (public knowledge, as a returned form is); never what."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "household"], name="survey_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.household_id}"


class Envelope(models.Model):
    """An anonymous survey's answer while the survey is open: AES-GCM under a key the
    server derives from a secret kept outside the database; no household, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="envelopes")
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return str(self.id)


class Response(models.Model):
    """One household's answers. An anonymous survey's carry no household, and were
    written in a shuffled order when the survey closed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=40)
    value = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)  # a free-text answer: shown under personal.read

    class Meta:
        indexes = [models.Index(fields=["response", "key"], name="survey_answer_key_idx")]

    def __str__(self) -> str:
        return self.key


class ElementResult(models.Model):
    """A closed survey's counts for one element: who answered its question, and of
    them how many chose a point the scale counts as satisfied."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="results")
    element = models.CharField(max_length=16, choices=Element.choices)
    answered = models.PositiveIntegerField()
    satisfied = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "element"], name="survey_element_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.element}"
