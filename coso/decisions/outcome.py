"""The outcome of a round as a pure function of the frozen rules, the eligible count,
attendance and the tally — no database, so it is tested at every boundary.

Approval is counted against **all** households of the unit (GDL art. 21(1)), never
against those present; only a staff conference counts approval against those present
(GDL art. 50(2), 51). A commune-wide matter of items 1–2 is decided village by village:
each village approves with the share of its own households, and the matter passes when
enough of the villages approve, whatever the commune-wide total (GDL art. 21(1)).
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

ALL_BASES = {"all_households", "all_staff"}


def meets(count: int, base: int, ratio: dict[str, Any]) -> bool:
    """Whether count/base reaches the ratio, in whole numbers (no rounding at 50 %)."""
    left, right = count * ratio["denominator"], base * ratio["numerator"]
    return left > right if ratio["strict"] else left >= right


def percent(count: int, base: int) -> str:
    value = 100 * count / base if base else 0.0
    return f"{value:.1f}".replace(".", ",") + " %"


def threshold_words(ratio: dict[str, Any]) -> str:
    """'trên 50 %' / 'ít nhất 2/3' of whom."""
    num, den = ratio["numerator"], ratio["denominator"]
    share = f"{100 * num // den} %" if (100 * num) % den == 0 else f"{num}/{den}"
    base = {
        "all_households": _("tổng số hộ"),
        "all_staff": _("tổng số người"),
        "present": _("số người có mặt"),
        "all_villages": _("tổng số thôn, tổ dân phố"),
    }.get(ratio["base"], ratio["base"])
    word = _("trên") if ratio["strict"] else _("ít nhất")
    return f"{word} {share} {base}"


@dataclass
class Outcome:
    valid: bool = True
    passed: bool | None = None
    elected: list[str] = field(default_factory=list)
    tied: list[str] = field(default_factory=list)
    fallback_needed: bool = False
    lines: list[str] = field(default_factory=list)
    eligible: int = 0
    present: int = 0
    tally: dict[str, int] = field(default_factory=dict)
    # Village by village: code, name, eligible, present, tally, yes, pct, passed, and
    # `open` (its meeting could not decide it) or `carried` (decided at that meeting).
    villages: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _attendance(outcome: Outcome, rules: dict[str, Any]) -> None:
    for name in ("attendance", "quorum"):
        rule = rules.get(name)
        if not rule:
            continue
        ok = meets(outcome.present, outcome.eligible, rule)
        outcome.valid = outcome.valid and ok
        verdict = _("hợp lệ") if ok else _("không hợp lệ")
        outcome.lines.append(
            _("%(present)s/%(eligible)s có mặt = %(pct)s: %(verdict)s (cần %(need)s, %(cite)s).")
            % {
                "present": outcome.present,
                "eligible": outcome.eligible,
                "pct": percent(outcome.present, outcome.eligible),
                "verdict": verdict,
                "need": threshold_words(rule),
                "cite": rule["citation"],
            }
        )


def _base(outcome: Outcome, approval: dict[str, Any]) -> int:
    return outcome.eligible if approval["base"] in ALL_BASES else outcome.present


def _proposal(outcome: Outcome, approval: dict[str, Any], labels: dict[str, str]) -> None:
    base = _base(outcome, approval)
    yes = outcome.tally.get("yes", 0)
    outcome.passed = outcome.valid and meets(yes, base, approval)
    verdict = _("thông qua") if outcome.passed else _("không thông qua")
    outcome.lines.append(
        _(
            "%(present)s/%(eligible)s tham gia — %(yes)s %(agree)s = %(pct)s %(of)s: %(verdict)s "
            "(cần %(need)s, %(cite)s)."
        )
        % {
            "present": outcome.present,
            "eligible": outcome.eligible,
            "yes": yes,
            "agree": labels.get("yes", "yes").lower(),
            "pct": percent(yes, base),
            "of": _("tổng số") if approval["base"] in ALL_BASES else _("số có mặt"),
            "verdict": verdict,
            "need": threshold_words(approval),
            "cite": approval["citation"],
        }
    )


def _by_village(
    outcome: Outcome, rules: dict[str, Any], villages: list[dict[str, Any]], agree: str
) -> int:
    """Each village's verdict on its own households (a table, not lines), then the
    share of villages that approve. A village marked `carried` keeps the verdict of the
    meeting this ballot round follows. Returns how many more villages a household-ballot
    round could still bring (those whose meeting was too thin to reach the threshold)."""
    approval, needed = rules["approval"], rules["villages"]
    _whole_area(outcome, agree)
    approving, thin = _villages(outcome, approval, villages)
    outcome.passed = outcome.valid and meets(approving, len(villages), needed)
    outcome.lines.append(
        _(
            "%(n)s/%(total)s thôn, tổ dân phố tán thành = %(pct)s: %(verdict)s "
            "(mỗi thôn cần %(each)s; cần %(need)s; %(cite)s)."
        )
        % {
            "n": approving,
            "total": len(villages),
            "pct": percent(approving, len(villages)),
            "verdict": _("thông qua") if outcome.passed else _("không thông qua"),
            "each": threshold_words(approval),
            "need": threshold_words(needed),
            "cite": needed["citation"],
        }
    )
    return thin


def _whole_area(outcome: Outcome, agree: str) -> None:
    """The whole area's figures, for reference only: the verdict is the villages'."""
    yes_total = outcome.tally.get("yes", 0)
    outcome.lines.append(
        _(
            "Toàn địa bàn: %(present)s/%(eligible)s hộ tham gia, %(yes)s %(agree)s = %(pct)s tổng "
            "số hộ (để tham khảo: kết quả tính theo từng thôn, tổ dân phố)."
        )
        % {
            "present": outcome.present,
            "eligible": outcome.eligible,
            "yes": yes_total,
            "agree": agree,
            "pct": percent(yes_total, outcome.eligible),
        }
    )


def _villages(
    outcome: Outcome, approval: dict[str, Any], villages: list[dict[str, Any]]
) -> tuple[int, int]:
    """Each village's verdict on its own households, into `outcome.villages`; returns how
    many approve and how many a household-ballot round could still bring."""
    approving = thin = 0
    for village in villages:
        if village.get("carried"):  # decided at the meeting this ballot round follows
            approving += village["passed"]
            outcome.villages.append(dict(village))
            continue
        yes = village["tally"].get("yes", 0)
        passed = meets(yes, village["eligible"], approval)
        # Too few came to its meeting to reach the threshold: ballots could still carry it.
        still_open = not passed and not meets(village["present"], village["eligible"], approval)
        approving += passed
        thin += still_open
        pct = percent(yes, village["eligible"])
        outcome.villages.append(
            {**village, "yes": yes, "pct": pct, "passed": passed, "open": still_open}
        )
    return approving, thin


def _election(
    outcome: Outcome, approval: dict[str, Any], labels: dict[str, str], seats: int
) -> None:
    base = _base(outcome, approval)
    ranked = sorted(outcome.tally.items(), key=lambda kv: (-kv[1], kv[0]))
    qualified = [(key, n) for key, n in ranked if meets(n, base, approval)]
    for key, n in ranked:
        outcome.lines.append(
            _("%(name)s: %(n)s phiếu = %(pct)s.")
            % {"name": labels.get(key, key), "n": n, "pct": percent(n, base)}
        )
    if len(qualified) > seats and qualified[seats - 1][1] == qualified[seats][1]:
        # A tie across the last seat is reported, never resolved silently.
        tie_count = qualified[seats - 1][1]
        outcome.tied = [key for key, n in qualified if n == tie_count]
        outcome.elected = [key for key, n in qualified if n > tie_count]
        outcome.lines.append(
            _(
                "Có %(k)s người bằng phiếu (%(n)s phiếu) cho vị trí cuối: phải "
                "bầu lại giữa những người này."
            )
            % {"k": len(outcome.tied), "n": tie_count}
        )
    else:
        outcome.elected = [key for key, _n in qualified[:seats]] if outcome.valid else []
    outcome.passed = outcome.valid and len(outcome.elected) == seats
    outcome.lines.append(
        _("Trúng cử: %(names)s (cần %(need)s, %(cite)s).")
        % {
            "names": ", ".join(labels.get(k, k) for k in outcome.elected) or _("không ai"),
            "need": threshold_words(approval),
            "cite": approval["citation"],
        }
    )


def compute(
    *,
    rules: dict[str, Any],
    eligible: int,
    present: int,
    tally: dict[str, int],
    kind: str,
    seats: int,
    labels: dict[str, str],
    meeting: bool,
    villages: list[dict[str, Any]] | None = None,
) -> Outcome:
    """The outcome and its explanation, each number with the article it comes from.
    `villages` (code, name, eligible, present, tally of each) when the round is decided
    village by village."""
    outcome = Outcome(eligible=eligible, present=present, tally=dict(tally))
    _attendance(outcome, rules)
    approval = rules["approval"]
    thin = None
    if kind == "election":
        _election(outcome, approval, labels, seats)
    elif villages is not None and "villages" in rules:
        thin = _by_village(outcome, rules, villages, labels.get("yes", "yes").lower())
    else:
        _proposal(outcome, approval, labels)
    if meeting and not outcome.passed:
        if thin is not None:
            # Household ballots in the villages whose meeting was too thin could still
            # carry the matter: only then is it not final.
            approving = sum(v["passed"] for v in outcome.villages)
            final = not meets(approving + thin, len(outcome.villages), rules["villages"])
        else:
            final = outcome.valid and meets(present, _base(outcome, approval), approval)
        if not final:
            # Too few came to reach the threshold even if all agreed: household ballots
            # follow (GDL art. 19(1)(b); for a village convention D61 art. 10).
            outcome.fallback_needed = bool(rules.get("fallback"))
            if outcome.fallback_needed:
                outcome.lines.append(
                    _(
                        "Cuộc họp không đủ để đạt tỷ lệ: tổ chức phát phiếu "
                        "lấy ý kiến hộ gia đình (%(cite)s)."
                    )
                    % {"cite": rules["fallback"]["citation"]}
                )
    return outcome


# Why a village's counts are withheld from a secret round's published results.
SMALL, FEW, COMPLEMENT = "small", "few", "complement"
_WITHHELD_KEPT = ("code", "name", "eligible", "passed", "carried")


def withheld_reason(reason: str, minimum: int) -> str:
    """The short explanation shown where a village's counts are withheld."""
    if reason == SMALL:
        text = _("Không công bố số phiếu của thôn dưới %(n)s hộ để giữ bí mật lá phiếu.")
    elif reason == FEW:
        text = _(
            "Không công bố số phiếu của thôn có dưới %(n)s hộ tham gia để giữ bí mật lá phiếu."
        )
    else:
        text = _(
            "Không công bố số phiếu của thôn này để số phiếu của thôn dưới %(n)s hộ không suy "
            "ra được từ tổng toàn xã."
        )
    return text % {"n": minimum}


def _to_withhold(villages: list[dict[str, Any]], minimum: int) -> dict[str, str]:
    """code -> reason for each village whose counts a secret round may not publish.

    A village below the minimum, or with fewer households taking part, is withheld. The
    commune-wide totals stay published, so the withheld villages' counts add up to those
    totals minus the published ones: while the withheld villages hold fewer ballots than
    the minimum together, the next smallest village is withheld too (complementary
    suppression), so no group smaller than the minimum can be worked out by subtraction.
    """
    counted = [v for v in villages if not v.get("carried")]  # a meeting's are open
    hidden: dict[str, str] = {}
    for v in counted:
        if v["eligible"] < minimum:
            hidden[v["code"]] = SMALL
        elif v.get("present", 0) < minimum:
            hidden[v["code"]] = FEW
    rest = sorted(
        (v for v in counted if v["code"] not in hidden),
        key=lambda v: (v.get("present", 0), v["code"]),
    )
    ballots = sum(v.get("present", 0) for v in counted if v["code"] in hidden)
    while hidden and rest and ballots < minimum:
        extra = rest.pop(0)
        hidden[extra["code"]] = COMPLEMENT
        ballots += extra.get("present", 0)
    return hidden


def withhold_small_groups(result: dict[str, Any], rule: dict[str, Any]) -> dict[str, Any]:
    """A secret round's outcome as it may be published: each village (or cluster) below
    the rule's minimum keeps its verdict and loses its counts, with the reason why.
    Pure; the stored outcome, the counting board's record, is not changed.

    A unanimous village at or above the minimum keeps its counts: the rule's note says
    why (withholding it would itself tell that the village was unanimous)."""
    minimum = int(rule["min"])
    hidden = _to_withhold(result.get("villages") or [], minimum)
    if not hidden:
        return result
    villages = [
        {
            **{k: v[k] for k in _WITHHELD_KEPT if k in v},
            "withheld": withheld_reason(hidden[v["code"]], minimum),
        }
        if v["code"] in hidden
        else v
        for v in result["villages"]
    ]
    return {
        **result,
        "villages": villages,
        "withheld": {"min": minimum, "citation": rule.get("citation", "")},
    }
