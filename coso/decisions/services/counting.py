"""Counting a round: who attended, the counts entered at a meeting, the totals of every
source in one aggregate query (village by village where the law asks), the outcome by
the frozen rules, and recorded corrections. Each write owns its transaction and writes
its audit entry."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coso import rules
from coso.core import audit
from coso.core.errors import DomainError
from coso.core.limits import check_lengths
from coso.decisions import outcome
from coso.decisions.models import (
    Ballot,
    Channel,
    Correction,
    Electorate,
    HouseholdCode,
    Mark,
    Matter,
    MatterKind,
    Method,
    Option,
    Participation,
    Status,
    Tally,
)
from coso.decisions.selectors import village_progress
from coso.decisions.services.common import (
    check_editor,
    households_of,
    require_status,
    touched,
)


def _check_cluster(matter: Matter, cluster: str) -> None:
    """A village-by-village round counts each village apart: its meeting's cluster is
    the village. Elsewhere clusters only split a large village's meeting."""
    if matter.villages:
        if cluster not in {v["code"] for v in matter.villages}:
            raise DomainError(
                _("Nội dung toàn xã này biểu quyết theo từng thôn: hãy chọn thôn, tổ dân phố."),
                field="cluster",
            )
    elif cluster and not matter.clustered:
        raise DomainError(
            _("Chỉ thôn, tổ dân phố có từ %(n)s hộ mới họp theo cụm.")
            % {"n": rules.value("vote.meeting.cluster_households")},
            field="cluster",
        )


def attendance_record(
    *, actor: Any, matter: Matter, household_ids: Sequence[int], cluster: str = ""
) -> int:
    """Set who attended the meeting (or this cluster of it, or this village's meeting
    of a village-by-village round) from the household list."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if matter.method != Method.MEETING or matter.electorate != Electorate.HOUSEHOLDS:
        raise DomainError(_("Chỉ ghi danh sách dự họp cho cuộc họp theo hộ."))
    _check_cluster(matter, cluster)
    wanted = set(household_ids)
    households = households_of(matter.unit)
    if matter.villages:
        households = households.filter(village__code=cluster)
    valid = set(households.filter(pk__in=wanted).values_list("id", flat=True))
    if wanted - valid:
        raise DomainError(_("Có hộ không thuộc đơn vị này."), field="households")
    with transaction.atomic():
        here = Participation.objects.filter(matter=matter, cluster=cluster)
        before = set(here.values_list("household_id", flat=True))
        here.exclude(household_id__in=wanted).delete()
        try:
            with transaction.atomic():
                Participation.objects.bulk_create(
                    [
                        Participation(
                            matter=matter,
                            household_id=hid,
                            channel=Channel.MEETING,
                            cluster=cluster,
                        )
                        for hid in sorted(wanted - before)
                    ]
                )
        except IntegrityError as error:
            raise DomainError(_("Có hộ đã được ghi dự họp ở cụm khác.")) from error
        audit.log_event(
            actor=actor,
            model="decisions.participation",
            record=matter,
            changes={"cluster": cluster, "present": [sorted(before), sorted(wanted)]},
        )
    return len(wanted)


def present_count(matter: Matter, cluster: str | None = None) -> int:
    if matter.electorate == Electorate.VOTERS:
        return matter.present_count or 0
    qs = Participation.objects.filter(matter=matter)
    return (qs if cluster is None else qs.filter(cluster=cluster)).count()


def tally_record(
    *,
    actor: Any,
    matter: Matter,
    counts: dict[str, int],
    cluster: str = "",
    present: int | None = None,
) -> None:
    """Counts for a show of hands entered at once, checked against attendance."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.OPEN)
    if matter.method != Method.MEETING:
        raise DomainError(_("Chỉ nhập số giơ tay cho cuộc họp."))
    with transaction.atomic():
        if matter.electorate == Electorate.VOTERS:
            _set_present(matter, present)
        _write_tally(actor, matter, counts, cluster)


def _set_present(matter: Matter, present: int | None) -> None:
    if present is None or present < 0 or present > (matter.eligible or 0):
        raise DomainError(
            _("Số người có mặt phải từ 0 đến %(n)s.") % {"n": matter.eligible}, field="present"
        )
    Matter.objects.filter(pk=matter.pk).update(present_count=present)
    matter.present_count = present


def _write_tally(actor: Any, matter: Matter, counts: dict[str, int], cluster: str) -> None:
    options = {o.key: o for o in matter.options.all()}
    if set(counts) - set(options) or any(n < 0 for n in counts.values()):
        raise DomainError(_("Số phiếu không hợp lệ."), field="counts")
    _check_cluster(matter, cluster)
    present = present_count(matter, cluster if matter.clustered or matter.villages else None)
    limit = present * (matter.seats if matter.kind == MatterKind.ELECTION else 1)
    # Each household raises its hand once (for each seat in an election): counts can
    # never exceed those present.
    if sum(counts.values()) > limit or any(n > present for n in counts.values()):
        raise DomainError(
            _("Tổng số biểu quyết (%(total)s) vượt quá số có mặt (%(present)s).")
            % {"total": sum(counts.values()), "present": present},
            field="counts",
        )
    before = {
        t.option.key: t.count
        for t in Tally.objects.filter(matter=matter, cluster=cluster).select_related("option")
    }
    for key, option in options.items():
        Tally.objects.update_or_create(
            matter=matter, option=option, cluster=cluster, defaults={"count": counts.get(key, 0)}
        )
    audit.log_event(
        actor=actor,
        model="decisions.tally",
        record=matter,
        changes={"cluster": cluster, "counts": [before, counts]},
    )


_TALLY_SQL = f"""
SELECT o.key, COALESCE(t.n, 0) + COALESCE(k.n, 0)
FROM {Option._meta.db_table} o
LEFT JOIN (SELECT option_id, SUM(count) AS n FROM {Tally._meta.db_table} WHERE matter_id = %s
           GROUP BY option_id) t ON t.option_id = o.id
LEFT JOIN (SELECT m.option_id, COUNT(*) AS n FROM {Mark._meta.db_table} m JOIN {Ballot._meta.db_table} b ON b.id = m.ballot_id
           WHERE b.matter_id = %s AND NOT b.spoiled GROUP BY m.option_id) k ON k.option_id = o.id
WHERE o.matter_id = %s
"""


# A secret round's decrypted totals: {cluster: {option key: count}}, where a cluster is
# a village of a village-by-village round, "" for the rest (a whole round, or the
# villages whose ballots were too few to decrypt apart: see `encrypted`).
Decrypted = Mapping[str, Mapping[str, int]]


def tally_counts(matter: Matter, decrypted: Decrypted | None = None) -> dict[str, int]:
    """Every option's total — counts entered at meetings, marked ballots of an open vote
    and a secret round's decrypted totals —
    in one aggregate query, however many ballots (a province-wide question has a
    million)."""
    with connection.cursor() as cursor:
        cursor.execute(_TALLY_SQL, [matter.pk] * 3)
        totals = {key: int(n) for key, n in cursor.fetchall()}
    for counts in (decrypted or {}).values():
        for key, n in counts.items():
            totals[key] = totals.get(key, 0) + n
    return totals


_VILLAGE_TALLY_SQL = f"""
SELECT g.cluster, o.key, SUM(g.n) FROM (
    SELECT cluster, option_id, count AS n FROM {Tally._meta.db_table} WHERE matter_id = %s
    UNION ALL
    SELECT c.cluster, m.option_id, COUNT(*) FROM {Mark._meta.db_table} m
        JOIN {Ballot._meta.db_table} b ON b.id = m.ballot_id
        JOIN {HouseholdCode._meta.db_table} c
            ON c.matter_id = b.matter_id AND c.form_number = b.form_number
        WHERE b.matter_id = %s AND NOT b.spoiled GROUP BY c.cluster, m.option_id

) g JOIN {Option._meta.db_table} o ON o.id = g.option_id
GROUP BY g.cluster, o.key
"""


def village_results(matter: Matter, decrypted: Decrypted | None = None) -> list[dict[str, Any]]:
    """Each village of a village-by-village round with those who took part and its
    tally, in two aggregate queries whatever the number of villages and ballots."""
    tallies: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_VILLAGE_TALLY_SQL, [matter.pk] * 2)
        for cluster, key, n in cursor.fetchall():
            tallies.setdefault(cluster, {})[key] = int(n)
    for cluster, counts in (decrypted or {}).items():
        if cluster:  # "" holds pooled villages' ballots: in the total only
            for key, n in counts.items():
                village = tallies.setdefault(cluster, {})
                village[key] = village.get(key, 0) + n
    return [
        v if v.get("carried") else {**v, "tally": tallies.get(v["code"], {})}
        for v in village_progress(matter=matter)
    ]


def compute_outcome(matter: Matter, decrypted: Decrypted | None = None) -> outcome.Outcome:
    """The round's outcome from its frozen rules and everything counted so far (with an
    secret round's decrypted totals)."""
    present = (
        present_count(matter)
        if matter.method == Method.MEETING
        else Participation.objects.filter(matter=matter).count()
    )
    return outcome.compute(
        villages=village_results(matter, decrypted) if matter.villages else None,
        rules=matter.rules,
        eligible=matter.eligible or 0,
        present=present,
        tally=tally_counts(matter, decrypted),
        kind=matter.kind,
        seats=matter.seats,
        labels={o.key: o.label for o in matter.options.all()},
        meeting=matter.method == Method.MEETING,
    )


def matter_correct(
    *,
    actor: Any,
    matter: Matter,
    counts: dict[str, int],
    reason: str,
    cluster: str = "",
) -> Matter:
    """Correct the counts of a counted or published meeting; the outcome is recomputed
    and the correction recorded with its reason."""
    check_editor(actor, matter.unit)
    require_status(matter, Status.COUNTED, Status.PUBLISHED)
    if matter.method != Method.MEETING:
        raise DomainError(_("Chỉ đính chính số biểu quyết của cuộc họp."))
    if not reason.strip():
        raise DomainError(_("Đính chính phải ghi rõ lý do."), field="reason")
    check_lengths(Correction, reason=reason)
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        require_status(locked, Status.COUNTED, Status.PUBLISHED)  # not voided meanwhile
        before = locked.outcome
        _write_tally(actor, locked, counts, cluster)
        result = compute_outcome(locked).as_json()
        Matter.objects.filter(pk=matter.pk).update(outcome=result, updated_at=timezone.now())
        matter.outcome = result
        touched(matter)
        Correction.objects.create(
            matter=matter,
            reason=reason.strip(),
            created_by=audit.acting_user(actor),
            changes={"outcome": [before, result]},
        )
        audit.log_event(
            actor=actor,
            model="decisions.matter",
            record=matter,
            changes={"outcome": [before, result], "reason": reason.strip()},
        )
    return matter
