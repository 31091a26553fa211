"""The minutes (biên bản) of a meeting or ballot round as DOCX, through the one builder
of official documents (Decree 30/2020/NĐ-CP layout): who issues them, time and venue,
chair and secretary, the attendance, and each vote reconciled with it — households of
the village, present, absent, and every answer (agree, disagree, other, invalid, not
voting) adding up to those present, as GDL art. 20 and D59 arts. 3–5 ask the minutes
to state (total households, present, absent, method, result, signatures). The same
calls build the page printed from the browser (`minutes_printed`)."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from coso.core.documents import (
    AnyDocument,
    OfficialDocument,
    PrintedDocument,
    Signer,
    issuer_of,
    place_of,
)
from coso.core.text import whole
from coso.decisions.models import Channel, Matter, MatterKind, Method
from coso.decisions.selectors import outcome_published, participation_counts, spoiled_count


def minutes_docx(*, matter: Matter) -> bytes:
    with translation.override("vi"):
        document = OfficialDocument(**_head(matter))
        _minutes(document, matter)
        return document.to_bytes()


def minutes_printed(*, matter: Matter) -> PrintedDocument:
    """The minutes as a page to print (decisions/views: `minutes_print`)."""
    with translation.override("vi"):
        document = PrintedDocument(**_head(matter))
        _minutes(document, matter)
        return document


def _summary(matter: Matter) -> str:
    if matter.method == Method.MEETING:
        return _("Họp %(unit)s về %(title)s") % {"unit": matter.unit.name, "title": matter.title}
    if matter.method == Method.ONLINE:
        return _("Tổng hợp kết quả biểu quyết trực tuyến về %(title)s") % {"title": matter.title}
    return _("Tổng hợp phiếu lấy ý kiến hộ gia đình về %(title)s") % {"title": matter.title}


def _head(matter: Matter) -> dict[str, Any]:
    parent, issuing, _suffix = issuer_of(matter.unit)
    return {
        "parent_body": parent,
        "issuing_body": issuing,
        "symbol": "BB",
        "place": place_of(matter.unit),
        "date": matter.counted_on or matter.opened_on,
        "kind_title": _("Biên bản"),
        "summary": _summary(matter),
    }


def _minutes(document: AnyDocument, matter: Matter) -> None:
    _when_and_who(document, matter)
    if matter.proposal:
        document.heading(_("II. NỘI DUNG"))
        for line in matter.proposal.splitlines():
            document.paragraph(line)
    document.heading(_("III. KẾT QUẢ BIỂU QUYẾT"))
    _attendance(document, matter)
    _votes(document, matter)
    outcome = outcome_published(matter=matter)  # a secret round's small villages: verdicts
    if outcome.get("villages"):
        _village_table(document, outcome)
    document.heading(_("IV. KẾT LUẬN"))
    for line in outcome.get("lines", []):
        document.paragraph(f"- {line}")
    if matter.report_due:
        document.paragraph(
            _("Gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc cấp xã chậm nhất ngày %(day)s.")
            % {"day": f"{matter.report_due:%d/%m/%Y}"}
        )
    note = _("(Ký, ghi rõ họ tên)")
    document.closing(
        signers=[
            Signer(title=_("Thư ký"), name=matter.secretary, note=note),
            Signer(title=_("Người chủ trì"), name=matter.chair, note=note),
        ]
    )


def _when_and_who(document: AnyDocument, matter: Matter) -> None:
    day = matter.counted_on or matter.opened_on
    document.heading(_("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"))
    if matter.method == Method.MEETING:
        start = (
            _("%(h)s giờ %(m)s") % {"h": f"{matter.starts_at:%H}", "m": f"{matter.starts_at:%M}"}
            if matter.starts_at
            else "……"
        )
        date = f"{day:%d/%m/%Y}" if day else "……"
        document.paragraph(
            _("Thời gian: bắt đầu lúc %(start)s, ngày %(day)s.") % {"start": start, "day": date}
        )
        document.paragraph(_("Địa điểm: %(venue)s.") % {"venue": matter.venue or "……"})
    document.paragraph(
        _("Chủ trì: %(chair)s. Thư ký: %(secretary)s.")
        % {"chair": matter.chair or "……", "secretary": matter.secretary or "……"}
    )
    secret = _(", bỏ phiếu kín") if matter.secret else ""
    document.paragraph(
        _("Hình thức: %(method)s%(secret)s.")
        % {"method": matter.get_method_display(), "secret": secret}
    )


def reconcile(matter: Matter) -> dict[str, Any]:
    """The attendance and the answers of a round, each count named, adding up: absent =
    eligible − present; for a proposal, not voting = present − answers − invalid forms
    (no round stores it: derived, and labelled so)."""
    outcome = matter.outcome or {}
    eligible, present = outcome.get("eligible", matter.eligible or 0), outcome.get("present", 0)
    tally = outcome.get("tally", {})
    invalid = spoiled_count(matter=matter)
    answers = [(o.label, tally.get(o.key, 0)) for o in matter.options.all()]
    silent = None
    if matter.kind == MatterKind.PROPOSAL:
        silent = max(0, present - sum(n for _l, n in answers) - invalid)
    return {
        "eligible": eligible,
        "present": present,
        "absent": max(0, eligible - present),
        "answers": answers,
        "invalid": invalid,
        "silent": silent,
    }


def _people(matter: Matter) -> str:
    return _("người") if matter.electorate == "voters" else _("hộ")


def _attendance(document: AnyDocument, matter: Matter) -> None:
    counts = reconcile(matter)
    who = _people(matter)
    meeting = matter.method == Method.MEETING
    rows: list[list[Any]] = [
        [_("Tổng số %(who)s") % {"who": who}, counts["eligible"]],
        [(_("Có mặt") if meeting else _("Tham gia (gửi phiếu)")), counts["present"]],
        [(_("Vắng mặt") if meeting else _("Không tham gia")), counts["absent"]],
    ]
    for channel, n in participation_counts(matter=matter).items():
        rows.append([_("Trong đó: %(channel)s") % {"channel": Channel(channel).label}, n])
    document.table([_("Thành phần"), _("Số %(who)s") % {"who": who}], rows, widths=[3, 1])


def _votes(document: AnyDocument, matter: Matter) -> None:
    counts = reconcile(matter)
    rows: list[list[Any]] = [[label, n] for label, n in counts["answers"]]
    if counts["invalid"] or matter.method != Method.MEETING:
        rows.append([_("Phiếu không hợp lệ"), counts["invalid"]])
    if counts["silent"] is not None:
        rows.append([_("Không biểu quyết (có mặt, không chọn)"), counts["silent"]])
        rows.append([_("Cộng (bằng số có mặt)"), counts["present"]])
    document.table(
        [_("Lựa chọn"), _("Số phiếu")],
        rows,
        widths=[3, 1],
        totals=int(counts["silent"] is not None),
    )
    if counts["silent"]:
        document.paragraph(
            _(
                "%(present)s %(who)s có mặt: %(answered)s biểu quyết, %(invalid)s phiếu không "
                "hợp lệ, %(silent)s không biểu quyết."
            )
            % {
                "present": whole(counts["present"]),
                "who": _people(matter),
                "answered": whole(sum(n for _l, n in counts["answers"])),
                "invalid": whole(counts["invalid"]),
                "silent": whole(counts["silent"]),
            }
        )
    if matter.kind == MatterKind.ELECTION:
        document.paragraph(
            _("Mỗi phiếu bầu tối đa %(seats)s người; số phiếu của từng người ứng cử ở trên.")
            % {"seats": matter.seats}
        )


def _village_table(document: AnyDocument, outcome: dict[str, Any]) -> None:
    """One row per village; a secret round's village whose counts are withheld shows its
    verdict alone, the reason below the table."""
    heads = (
        _("Thôn, tổ dân phố"),
        _("Số hộ"),
        _("Tham gia"),
        _("Đồng ý"),
        _("Tỷ lệ"),
        _("Kết quả"),
    )
    rows = []
    withheld = []
    for v in outcome["villages"]:
        verdict = (_("Tán thành") if v["passed"] else _("Không tán thành")) + (
            _(" (theo cuộc họp)") if v.get("carried") else ""
        )
        if v.get("withheld"):
            withheld.append(f"{v['name']}: {v['withheld']}")
            rows.append([v["name"], v["eligible"], "—", "—", "—", f"{verdict} (*)"])
            continue
        pct = str(v["pct"]).replace(" %", "\u00a0%")  # the sign stays with its number
        rows.append([v["name"], v["eligible"], v["present"], v["yes"], pct, verdict])
    document.table(
        heads, rows, title=_("Kết quả theo thôn, tổ dân phố"), widths=[3, 1, 1.2, 1.2, 1.2, 2]
    )
    for line in withheld:
        document.paragraph(f"(*) {line}")
