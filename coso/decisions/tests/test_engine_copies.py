"""A secret round attacked through the storage engine's own copies (issue 17).

The rows alone link nothing (test_secrecy.py). These attacks read what the engine keeps
beside them, as someone who copied the server's files would: SQLite's write-ahead log,
replayed commit by commit while another connection keeps it from being checkpointed,
and PostgreSQL's dead row versions (pageinspect, autovacuum off), joined on the writing
transaction. Thirty households vote one at a time. On a secret round what changes per
vote is a ciphertext, and each attack does no better than guessing. On a broken build
that also keeps plaintext running totals in the vote's transaction — Coso's design
before issue 17 — the same attacks link (almost) every vote to its household, which
shows they can succeed. A last test searches the database, the WAL and the logs for a
plaintext choice tied to a household.
"""

import contextlib
import json
import logging
import math
import random
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from coso.decisions import services
from coso.decisions.models import HouseholdCode, Matter
from coso.decisions.tests.factories import secret_round
from coso.decisions.tests.test_secrecy import KEYS

VOTES = 30
# An attack that links more than half of the votes has learned the ballot.
LINKS = VOTES // 2


def _chance_bound(n: int, p: float, level: float = 0.99999) -> int:
    """The number of right guesses that blind guessing stays at or under with
    probability `level` (binomial quantile). At 0.999 a guessing attack failed a run
    about once in a thousand; 0.99999 keeps the bound (21 of 30) far below what a real
    attack recovers on the broken build (every vote)."""
    total = 0.0
    for k in range(n + 1):
        total += math.comb(n, k) * p**k * (1 - p) ** (n - k)
        if total >= level:
            return k
    return n


CHANCE = _chance_bound(VOTES, 1 / len(KEYS))


TOTALS = "broken_running_totals"


def _open_round(request: pytest.FixtureRequest, broken: bool) -> tuple[Matter, list[HouseholdCode]]:
    """A secret household-ballot round open in a village of 30 households; on the
    `broken` build, with plaintext running totals beside its encrypted ballots."""
    matter, _head, codes = secret_round(households=VOTES)
    if broken:
        request.getfixturevalue("running_totals")(matter)
    return matter, codes


@pytest.fixture
def running_totals(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The broken build: every online vote also adds to per-option running totals, in
    its own transaction — one row per option, all rewritten by one statement (+1 to the
    choice, +0 to the others), as Coso kept them before issue 17."""
    from coso.decisions.services import ballots

    cast = ballots._cast

    def cast_and_count(matter: Matter, entries: Any, *args: Any) -> str:
        ((_code, chosen, _spoiled),) = entries
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TOTALS} SET count = count + CASE WHEN option_id = %s THEN 1 ELSE 0 END "
                "WHERE matter_id = %s",
                [chosen[0].pk, matter.pk],
            )
        return cast(matter, entries, *args)

    def start(matter: Matter) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE {TOTALS} (id integer PRIMARY KEY, matter_id integer, "
                "option_id integer, count integer)"
            )
            for option in matter.options.all():
                cursor.execute(
                    f"INSERT INTO {TOTALS} VALUES (%s, %s, %s, 0)",
                    [option.pk, matter.pk, option.pk],
                )
        monkeypatch.setattr(ballots, "_cast", cast_and_count)

    yield start
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TOTALS}")


def _vote(
    matter: Matter, codes: list[HouseholdCode], each: Any = None, paper: bool = False
) -> dict[int, int]:
    """Thirty votes, one at a time, in a shuffled order the test knows: online by code,
    or (`paper`) paper forms keyed in one by one. Returns every household's chosen
    option. `each(code, key)` is a context manager entered around each vote."""
    rng = random.Random(20261206)
    chosen = [KEYS[i % len(KEYS)] for i in range(VOTES)]
    rng.shuffle(chosen)
    order = codes[:]
    rng.shuffle(order)
    options = {o.key: o.pk for o in matter.options.all()}
    truth = {}
    for code, key in zip(order, chosen, strict=True):
        with each(code, key) if each else contextlib.nullcontext():
            if paper:  # the stub, then the ballot with no code
                actor = matter.created_by
                services.stubs_key_in(actor=actor, matter=matter, codes=[code.code])
                services.paper_ballots_key_in(
                    actor=actor, matter=matter, counts={key: 1}, cluster=code.cluster
                )
            else:
                services.vote_online(code=code.code, choice=[key])
        truth[code.household_id] = options[key]
    return truth


def _guess_from_ciphertexts(ciphertexts: list[str], options: list[int]) -> int:
    """The best an attacker without the key can do with one ballot: pick an option
    from its ciphertexts (here, the smallest one's). Any rule is as good: Paillier's
    ciphertexts are randomised and look alike whatever they encrypt."""
    values = [int(c, 16) for c in ciphertexts]
    return options[values.index(min(values))]


def _score(links: dict[int, int], truth: dict[int, int]) -> int:
    return sum(truth.get(household) == option for household, option in links.items())


# Each round is voted online or on paper (a stub — the household took part — and, apart
# from it, a ballot with no code); the broken build's running totals move with online
# votes.
CHANNELS = [
    pytest.param(False, False, id="online"),
    pytest.param(False, True, id="paper"),
    pytest.param(True, False, id="broken-running-totals"),
]


# ------------------------------------------------------------------- SQLite's WAL


@pytest.fixture
def file_database(tmp_path: Path) -> Iterator[Path]:
    """The test database copied to a file in WAL mode (as in production) for the test's
    duration, with another connection held open — a cron job, `coso shell`, a backup —
    so that the log is not checkpointed away."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    path = tmp_path / "coso.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    holder = sqlite3.connect(path)
    holder.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()
    try:
        yield path
    finally:
        connection.close()
        holder.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def _checkpoint() -> None:
    """Start the log afresh, so it holds only what the votes wrote."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _wal_frames(wal: bytes) -> Iterator[tuple[int, int, bytes]]:
    """The log's valid frames: page number, database size after a commit (0 when the
    frame ends no transaction), page image."""
    page_size = int.from_bytes(wal[8:12], "big")
    salt, offset = wal[16:24], 32
    while offset + 24 + page_size <= len(wal):
        header = wal[offset : offset + 24]
        if header[8:16] != salt:
            return
        yield (
            int.from_bytes(header[0:4], "big"),
            int.from_bytes(header[4:8], "big"),
            wal[offset + 24 : offset + 24 + page_size],
        )
        offset += 24 + page_size


def _commits(main: bytes, wal: bytes) -> Iterator[sqlite3.Connection]:
    """The database as it stood after each transaction in the log: the main file with
    the log's page images applied up to that commit."""
    image = bytearray(main)
    page_size = int.from_bytes(wal[8:12], "big")
    yield _readable(image)  # as it stood before the first transaction in the log
    for page, size, data in _wal_frames(wal):
        end = page * page_size
        image.extend(bytes(max(0, end - len(image))))
        image[end - page_size : end] = data
        if size:
            del image[size * page_size :]
            yield _readable(image)


def _readable(image: bytearray) -> sqlite3.Connection:
    state = bytearray(image)
    state[18:20] = b"\x01\x01"  # read as a rollback-journal file, without its log
    db = sqlite3.connect(":memory:")
    db.deserialize(bytes(state))
    return db


def _wal_attack(path: Path, matter: Matter, broken: bool) -> tuple[dict[int, int], int]:
    """Replay a copied log commit by commit; pair each newly used code's household with
    the total that went up, or, failing that, with a guess from the new ballot's
    ciphertexts. Returns the links and the number of commits replayed."""
    main, wal = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    options = list(matter.options.values_list("pk", flat=True))
    links: dict[int, int] = {}
    used: set[int] = set()
    counts: dict[Any, int] = {}
    ballots: set[str] = set()
    commits = 0
    for db in _commits(main, wal):
        commits += 1
        now_used = {
            h
            for (h,) in db.execute(
                "SELECT household_id FROM decisions_householdcode "
                "WHERE matter_id = ? AND used_at IS NOT NULL",
                [matter.pk],
            )
        }
        now_counts = (
            dict(
                db.execute(
                    f"SELECT option_id, count FROM {TOTALS} WHERE matter_id = ?", [matter.pk]
                ).fetchall()
            )
            if broken
            else {}
        )
        now_ballots = {
            c
            for (c,) in db.execute(
                "SELECT ciphertexts FROM decisions_encryptedballot WHERE matter_id = ?",
                [matter.pk],
            )
        }
        new = now_used - used
        rose = [o for o, n in now_counts.items() if n > counts.get(o, n)]
        fresh = now_ballots - ballots
        if len(new) == 1:
            (household,) = new
            if len(rose) == 1:
                links[household] = rose[0]
            elif len(fresh) == 1:
                links[household] = _guess_from_ciphertexts(json.loads(fresh.pop()), options)
        used, counts, ballots = now_used, now_counts, now_ballots
        db.close()
    return links, commits


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("broken", "paper"), CHANNELS)
def test_replaying_the_wal_links_no_secret_vote(request, file_database, broken, paper, settings):
    """The log copied after the votes, replayed as the issue's attacker did."""
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, codes = _open_round(request, broken)
    _checkpoint()
    truth = _vote(matter, codes, paper=paper)
    links, commits = _wal_attack(file_database, matter, broken)
    assert commits > VOTES  # the state before the votes, then every vote's commit
    recovered = _score(links, truth)
    if not broken:
        # Online, each household is paired with its ciphertexts; a paper stub and its
        # ballot are keyed in apart, so the replay pairs nothing at all...
        assert len(links) == (0 if paper else VOTES)
        assert recovered <= CHANCE, f"the WAL replay recovered {recovered} of {VOTES}"
    else:  # ...and, with running totals beside them, with its choice: the attack is real
        assert recovered > LINKS, f"the WAL replay recovered only {recovered} of {VOTES}"


# ------------------------------------------------------- PostgreSQL's dead tuples


def _columns(table: str) -> list[tuple[str, int, str]]:
    """Each column's name, length on disk (-1 for a varlena) and alignment."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attlen, attalign FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [table],
        )
        return cursor.fetchall()


def _decode(page: bytes, at: int, columns: list[tuple[str, int, str]]) -> tuple[int, dict] | None:
    """The tuple image whose header starts at `at`: its xmin and its columns (integers
    decoded, other values as bytes), or None when the bytes there are not one."""
    header = 24 if len(columns) <= 8 else 32
    if at + header > len(page) or page[at + 22] != header:
        return None
    xmin = int.from_bytes(page[at : at + 4], "little")
    nulls = page[at + 23] if page[at + 20] & 1 else 0xFF  # HEAP_HASNULL: the bitmap
    pos = at + header
    values: list[Any] = []
    for i, (_name, length, align) in enumerate(columns):
        if not nulls & (1 << i):
            values.append(None)
            continue
        if length == -1:
            if page[pos] & 1 and page[pos] != 1:  # a short varlena, never aligned
                size = page[pos] >> 1
            else:
                pos = -(-(pos - at) // 4) * 4 + at
                size = int.from_bytes(page[pos : pos + 4], "little") >> 2
            values.append(page[pos : pos + size])
        else:
            step = {"d": 8, "i": 4, "s": 2, "c": 1}[align]
            pos = -(-(pos - at) // step) * step + at
            size = length
            values.append(int.from_bytes(page[pos : pos + size], "little", signed=True))
        pos += size
    return xmin, dict(zip([c[0] for c in columns], values, strict=True))


def _old_totals(matter: Matter) -> dict[int, dict[Any, int]]:
    """Every image of the broken build's running totals left on their table's raw pages
    — live and dead row versions, and old tuple images left after pruning — grouped by
    the transaction that wrote them (their xmin)."""
    if TOTALS not in connection.introspection.table_names():
        return {}
    columns = _columns(TOTALS)
    ids = set(matter.options.values_list("id", flat=True))
    states: dict[int, dict[Any, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_relation_size('{TOTALS}') / current_setting('block_size')::int")
        for block in range(cursor.fetchone()[0]):
            cursor.execute(f"SELECT get_raw_page('{TOTALS}', %s::int)", [block])
            page = bytes(cursor.fetchone()[0])
            for at in range(24, len(page) - 24, 8):
                found = _decode(page, at, columns)
                if not found:
                    continue
                xmin, row = found
                if row["id"] in ids and row["matter_id"] == matter.pk and row["count"] >= 0:
                    states.setdefault(xmin, {})[row["option_id"]] = row["count"]
    return {xid: state for xid, state in states.items() if len(state) == len(ids)}


@pytest.fixture
def no_autovacuum() -> Iterator[None]:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's old row versions")
    tables = ("decisions_householdcode", "decisions_encryptedballot")
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    yield
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")


def _dead_tuple_attack(matter: Matter) -> tuple[dict[int, int], set[int]]:
    """Join each used code's xmin to the totals written by the same transaction (the
    one that rose since the previous state) or to the ballot it inserted. Returns the
    links and the vote transactions that wrote any running total."""
    options = list(matter.options.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text::bigint, household_id FROM decisions_householdcode "
            "WHERE matter_id = %s AND used_at IS NOT NULL",
            [matter.pk],
        )
        voters = dict(cursor.fetchall())
    states = _old_totals(matter)
    links: dict[int, int] = {}
    previous = None
    for xid in sorted(states):
        state = states[xid]
        if previous and xid in voters and sum(state.values()) == sum(previous.values()) + 1:
            rose = [o for o, n in state.items() if n > previous.get(o, n)]
            if len(rose) == 1:
                links[voters[xid]] = rose[0]
        previous = state
    with connection.cursor() as cursor:  # ballots are never updated: their live rows
        cursor.execute(
            "SELECT xmin::text::bigint, ciphertexts FROM decisions_encryptedballot "
            "WHERE matter_id = %s",
            [matter.pk],
        )
        for xid, ciphertexts in cursor.fetchall():
            if xid in voters and voters[xid] not in links:  # a total that rose says more
                if isinstance(ciphertexts, str):
                    ciphertexts = json.loads(ciphertexts)
                links[voters[xid]] = _guess_from_ciphertexts(ciphertexts, options)
    return links, set(states) & set(voters)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("broken", "paper"), CHANNELS)
def test_old_row_versions_link_no_secret_vote(request, no_autovacuum, broken, paper, settings):
    """The raw pages read after the votes, joined on xmin as the issue's attacker did."""
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, codes = _open_round(request, broken)
    truth = _vote(matter, codes, paper=paper)
    links, totals_written = _dead_tuple_attack(matter)
    recovered = _score(links, truth)
    if not broken:
        assert not totals_written  # no running total moves for a vote
        assert recovered <= CHANCE, f"the dead-tuple join recovered {recovered} of {VOTES}"
    else:
        assert recovered > LINKS, f"the dead-tuple join recovered only {recovered} of {VOTES}"


# ------------------------------------------- searching the files and logs for a choice


def _written_rows() -> dict[str, set[str]]:
    """Every row of every table as text (JSON values unescaped), by table."""
    found = {}
    for table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            names = [c[0] for c in cursor.description]
            found[table] = {
                json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False)
                for row in cursor.fetchall()
            }
    return found


def _choice_marks(matter: Matter) -> list[str]:
    """How a choice would read in text: an option's key, its label, its id as a
    foreign key."""
    marks = []
    for option in matter.options.all():
        marks += [f'"{option.key}"', f"'{option.key}'", str(option.label)]
        marks += [f'"option_id": {option.pk}', f"option_id = {option.pk}"]
        marks += [f'"option_id" = {option.pk}', f'"option": {option.pk}']
    return marks


def _log_attack(logged: dict[int, str], matter: Matter) -> dict[int, int]:
    """Pair each vote's log lines (by household) with the one option they name."""
    options = list(matter.options.all())
    links = {}
    for household, text in logged.items():
        named = [
            o.pk
            for o in options
            if re.search(rf"option_id\"? = {o.pk}\b|['\"]{o.key}['\"]|{o.label}", text)
        ]
        if len(named) == 1:
            links[household] = named[0]
    return links


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("broken", [False, True], ids=["secret", "broken-running-totals"])
def test_no_table_and_no_log_line_holds_a_secret_choice(request, broken, settings, caplog):
    """Every row the votes wrote, in every table, and every log line they caused (the
    SQL included, with its parameters) are searched for a choice."""
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, codes = _open_round(request, broken)
    before = _written_rows()
    logged: dict[int, str] = {}

    @contextlib.contextmanager
    def logging_sql(code: HouseholdCode, key: str) -> Iterator[None]:
        caplog.clear()
        connection.force_debug_cursor = True
        try:
            with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, "django"):
                yield
        finally:
            connection.force_debug_cursor = False
        logged[code.household_id] = "\n".join(r.getMessage() for r in caplog.records)

    truth = _vote(matter, codes, each=logging_sql)
    assert all("decisions_householdcode" in text for text in logged.values())
    written = {t: rows - before.get(t, set()) for t, rows in _written_rows().items()}
    marks = _choice_marks(matter)
    found = [
        (t, row) for t, rows in written.items() for row in rows if any(m in row for m in marks)
    ]
    recovered = _score(_log_attack(logged, matter), truth)
    if not broken:
        assert found == []
        assert {t for t, rows in written.items() if rows} <= {
            "decisions_householdcode",
            "decisions_participation",
            "decisions_encryptedballot",
            "core_auditentry",
            "core_audithead",
        }
        assert recovered <= CHANCE, f"the SQL log named {recovered} of {VOTES} choices"
    else:  # running totals: the rows name no household, but the SQL log names both
        assert {t for t, _row in found} == {TOTALS}
        assert recovered > LINKS, f"the SQL log named only {recovered} of {VOTES} choices"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_wal_of_a_secret_round_holds_no_choice(request, file_database, settings):
    """Every page image the votes wrote to SQLite's log (pages of the codes they used
    among them), searched byte by byte for a choice's key or label as text. A choice
    written as a number is what the commit-by-commit replay above looks for."""
    settings.COSO_BALLOT_KEY_BITS = 512
    matter, codes = _open_round(request, broken=False)
    _checkpoint()
    _vote(matter, codes)
    wal = Path(f"{file_database}-wal").read_bytes()
    frames = list(_wal_frames(wal))
    assert len(frames) >= VOTES
    voters = [c.code.encode() for c in codes]
    marks = [m.encode() for m in _choice_marks(matter)]
    with_codes = [(page, data) for page, _size, data in frames if any(v in data for v in voters)]
    assert with_codes  # the log does hold the codes the votes used
    for page, _size, data in frames:
        assert not [m for m in marks if m in data], f"page {page} holds a choice"
