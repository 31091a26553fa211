"""Matters put to households (or staff), their rounds of deciding, and the votes.

Integrity by construction: one participation per household per matter (a unique
constraint). A secret household-ballot round never writes a choice in plaintext: each
ballot is stored encrypted under the round's key, which only a quorum of its counting
board can open, and only their sum is ever decrypted (docs/secret-ballot.md).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from coso.core.fields import optional_one_to_one, province_field, unit_field, user_field
from coso.core.models import TimeStampedModel


class MatterKind(models.TextChoices):
    PROPOSAL = "proposal", _("Biểu quyết một đề xuất")
    ELECTION = "election", _("Bầu cử")


class Electorate(models.TextChoices):
    HOUSEHOLDS = "households", _("Mỗi hộ một phiếu (qua người đại diện hộ)")
    VOTERS = "voters", _("Mỗi người một phiếu")


class Method(models.TextChoices):
    MEETING = "meeting", _("Họp")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class Board(models.TextChoices):
    """Which board an election of members (item 5 of GDL art. 15) fills."""

    PIB = "pib", _("Ban Thanh tra nhân dân")
    CISB = "cisb", _("Ban giám sát đầu tư của cộng đồng")


class Status(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang lấy ý kiến")
    COUNTED = "counted", _("Đã kiểm phiếu")
    PUBLISHED = "published", _("Đã công bố")
    VOID = "void", _("Đã hủy")


class Matter(TimeStampedModel):
    """One round of deciding a matter: a meeting, or household ballots.

    A household-ballot round that follows a meeting which could not reach its
    threshold points back to it (`fallback_of`). When the round opens it freezes the
    eligible count and the rules in force (`rules`), so its outcome is a pure function
    of those and the tally, whatever changes later.
    """

    unit = unit_field("matters")
    province = province_field()
    matter_type = models.CharField(_("loại nội dung"), max_length=16)
    kind = models.CharField(
        _("hình thức"), max_length=10, choices=MatterKind.choices, default=MatterKind.PROPOSAL
    )
    electorate = models.CharField(
        _("cử tri"), max_length=10, choices=Electorate.choices, default=Electorate.HOUSEHOLDS
    )
    method = models.CharField(
        _("cách lấy ý kiến"), max_length=10, choices=Method.choices, default=Method.MEETING
    )
    online_allowed = models.BooleanField(_("cho phép biểu quyết trực tuyến"), default=False)
    secret = models.BooleanField(_("bỏ phiếu kín"), default=False)
    # Every secret household-ballot round: its ballots, online and paper, are stored only
    # encrypted and counted with the counting board's shares (docs/secret-ballot.md).
    encrypted = models.BooleanField(_("mã hoá phiếu"), default=False, editable=False)
    seats = models.PositiveSmallIntegerField(_("số người cần bầu"), default=1)
    board = models.CharField(
        _("bầu thành viên của"), max_length=8, choices=Board.choices, blank=True
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    proposal = models.TextField(_("nội dung đề xuất"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    void_reason = models.TextField(_("lý do hủy"), blank=True)
    fallback_of = optional_one_to_one("self", related_name="fallback", verbose_name=_("thay cho"))
    # Frozen when the round opens.
    opened_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    eligible = models.PositiveIntegerField(_("tổng số hộ (cử tri)"), null=True, blank=True)
    # For a staff conference (one vote per person, no household list): entered counts.
    present_count = models.PositiveIntegerField(_("số người có mặt"), null=True, blank=True)
    rules = models.JSONField(_("quy định áp dụng"), default=dict, blank=True)
    clustered = models.BooleanField(_("họp theo cụm"), default=False)
    # A commune-wide matter of items 1–2 is decided village by village (GDL art. 21(1)):
    # the villages holding households when the round opened, each with its household
    # count — [{"code", "name", "eligible"}]. Empty for every other round.
    villages = models.JSONField(_("các thôn, tổ dân phố biểu quyết"), default=list, blank=True)
    # Set when counted.
    counted_on = models.DateField(_("ngày kiểm phiếu"), null=True, blank=True)
    outcome = models.JSONField(_("kết quả"), default=dict, blank=True)
    report_due = models.DateField(_("hạn gửi kết quả"), null=True, blank=True)
    published_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    # A meeting's record: when it began and where, for the minutes (GDL art. 20).
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=150, blank=True)
    secretary = models.CharField(_("thư ký"), max_length=150, blank=True)
    created_by = user_field(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nội dung bàn và quyết định")
        indexes = [
            models.Index(fields=["unit", "status"], name="matter_unit_status_idx"),
            # A unit's list, newest first, page by page.
            models.Index(fields=["unit", "id"], name="matter_unit_key_idx"),
        ]

    # Set on the instance an encrypted online vote returns: the ballot's receipt for the
    # voter's confirmation page. Never stored next to the household.
    receipt: str = ""
    # Set on the instance an encrypted round's opening returns: the board's shares, to
    # show once. Never stored.
    board_shares: list[str] = []  # noqa: RUF012
    # Set on a thin meeting's instance its count returns when the fallback round it
    # opened is secret: that round's board shares, to show once. Never stored.
    fallback_shares: list[str] = []  # noqa: RUF012

    def __str__(self) -> str:
        return self.title


class Option(models.Model):
    """Agree / disagree / other opinion for a proposal; a candidate for an election."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(max_length=16)
    label = models.CharField(_("lựa chọn"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["matter", "key"], name="option_key")]

    def __str__(self) -> str:
        return self.label


class Channel(models.TextChoices):
    MEETING = "meeting", _("Dự họp")
    PAPER = "paper", _("Phiếu giấy")
    ONLINE = "online", _("Trực tuyến")


class Participation(models.Model):
    """That a household took part (attended, or returned its form) — never what it chose
    when the vote is secret. One per household per matter: the database refuses a second."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="participations")
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="participations"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    cluster = models.CharField(_("cụm"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "household"], name="one_vote_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.household_id}"


class Ballot(models.Model):
    """One returned ballot of an open (non-secret) round: its choices, and the form
    number so that a keying error can be traced and corrected. A secret round keeps
    only `EncryptedBallot`s."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="ballots")
    form_number = models.PositiveIntegerField(null=True, blank=True)
    spoiled = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "form_number"], name="one_ballot_per_form"),
        ]

    def __str__(self) -> str:
        return str(self.id)


class Mark(models.Model):
    """A choice on a ballot (several for an election with several seats)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="marks")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="mark_once")]
        indexes = [models.Index(fields=["option"], name="mark_option_idx")]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.option_id}"


class BallotBox(models.Model):
    """A secret round's ballot box (one per village in a round counted village by
    village, else one): how many paper ballots in it were blank or invalid. Valid ones
    are `EncryptedBallot`s; the spoiled count is keyed in from the box, apart from the
    stubs, so it names no household."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="ballot_boxes")
    cluster = models.CharField(max_length=60, blank=True)
    spoiled = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "cluster"], name="ballot_box_once")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.cluster}"


class Tally(models.Model):
    """Counts entered at once for a show of hands (per cluster where the meeting is split)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="tallies")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="tallies")
    cluster = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "cluster"], name="tally_once_per_cluster"),
        ]

    def __str__(self) -> str:
        return f"{self.option_id}={self.count}"


class HouseholdCode(models.Model):
    """A household's one-time code for one ballot round, printed on its form with a
    QR code; it works once, and only for its matter."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="codes")
    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    form_number = models.PositiveIntegerField()
    code = models.CharField(max_length=16, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # The household's village when the form was issued, in a round decided village by
    # village: its vote counts there even if the household moves before voting.
    cluster = models.CharField(max_length=60, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "household"], name="one_code_per_household"),
            models.UniqueConstraint(fields=["matter", "form_number"], name="form_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} #{self.form_number}"


class OnlineOptIn(models.Model):
    """A household representative's choice to vote online (D59 art. 5)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    household = models.OneToOneField(
        "people.Household", on_delete=models.CASCADE, related_name="online_opt_in"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.household_id)


class Correction(models.Model):
    """A recorded correction after counting: what changed and why. The outcome is
    recomputed; the audit log holds the before and after."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="corrections")
    reason = models.TextField(_("lý do"))
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = user_field(blank=True)

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.reason[:40]}"


class BoardMember(models.Model):
    """A member of a secret round's counting board (D59 art. 3): their name, the index
    of their share, a fingerprint (SHA-256) of the share — never the share — and when
    they confirmed keeping it. A meeting whose fallback round would be secret names its
    board too: the fallback round takes it over when it opens."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="board_members")
    name = models.CharField(_("họ tên"), max_length=150)
    index = models.PositiveSmallIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "index"], name="board_member_index_once")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.index} {self.name}"


class RoundKey(models.Model):
    """An encrypted round's key as the server keeps it (`RoundKeys.to_dict()`): the
    public key and the private key sealed under the board's key, which the server never
    holds. After counting, the round's public verification record."""

    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, related_name="round_key")
    keys = models.JSONField()
    threshold = models.PositiveSmallIntegerField()
    members = models.PositiveSmallIntegerField()
    record = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.threshold}/{self.members}"


class EncryptedBallot(models.Model):
    """One ballot of a secret round (online, or paper keyed in by the counting board):
    one ciphertext per option and its receipt (the ballot's hash). A random id, no household, no time: nothing ties it to a voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="encrypted_ballots")
    cluster = models.CharField(max_length=60, blank=True)
    ciphertexts = models.JSONField()
    receipt = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.receipt
