"""Election day: secret commune-wide rounds over a province-size seed, voted online by
1,000 simulated voters at once against `coso serve` (two gunicorn workers), then
counted with the counting boards' shares.

    make election                       # a quick run: 2 minutes
    .venv/bin/python bench/election.py --minutes 10    # the full run
        [--voters 1000] [--rounds 10] [--households-per-village 300] [--think 5]
        [--database-url postgres://postgres@127.0.0.1:5432] [--redis-url redis://...]
        [--keep]

What it does:
- creates a scratch PostgreSQL database (`coso_election_<pid>`) and directory
  (`COSO_VAR_DIR`), both removed at the end unless `--keep`, migrates the database
  and seeds province 12 (Lai Châu) with `coso seed --scale province` at
  `--households-per-village` (10 villages a commune: 3,000 households a commune by
  default);
- in each of the first `--rounds` communes, 4 of 5 households choose online voting (more
  than half must, GDL art. 17) and a commune-wide secret round (item 6, household
  ballots) opens, encrypted under 2048-bit Paillier keys (`COSO_BALLOT_KEY_BITS`);
- starts `coso serve` on a free loopback port in production settings (`COSO_ENV=
  production`, `DEBUG=0`, the scratch database, Redis for the cache and the rate
  limits, persistent connections). The load generator stands where nginx would:
  each household sends from its own address in `X-Real-IP` (`COSO_CLIENT_IP_HEADER`),
  so the vote form's rate limit (`COSO_RATE_LIMITS`, production rates) counts per
  household as it does behind the proxy, and `X-Forwarded-Proto: https`;
- `--voters` voters at once (aiohttp), each household in turn: loads `/vote/`, waits
  (types or scans its code), posts the code, waits (reads the question, chooses),
  posts the choice; one household in 50, at random, presses "send" twice at once.
  Pauses are uniform in [0.5, 1.5] × `--think` seconds. A voter takes the next
  household's code until `--minutes` have passed, then finishes the one it started;
- stops the server, then checks: every receipt shown to a voter is among the round's
  ballots (none lost), no ballot or receipt twice, codes used = participations =
  ballots = votes confirmed, each round counted with three of its board's five shares
  (`matter_count_encrypted`) gives exactly the choices the voters sent, its published
  record verifies (`verify_record`), and `coso audit verify` passes. Prints those,
  p50/p99 of each step (as the voter waited, and as the server spent it, from
  gunicorn's access log), votes/s and the load average.
"""

import argparse
import asyncio
import contextlib
import io
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
PROVINCE = "12"
GOAL = 1.0  # seconds: the p99 for a vote's submit
TWICE_EVERY = 50  # one household in this many presses "send" twice at once
BOARD = ["Lò Văn An", "Tòng Thị Bình", "Lường Văn Cường", "Quàng Thị Dung", "Cầm Văn Đức"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r'<div id="receipt">.*?<code class="share-text">([0-9a-f]+)</code>', re.S)
STEPS = ("page", "code", "submit")
SHARES: dict[int, list[str]] = {}  # each round's board shares, handed out when it opens


@dataclass
class Ballot:
    matter: int
    code: str
    choice: str


@dataclass
class Results:
    """What the voters saw."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    receipts: dict[str, Ballot] = field(default_factory=dict)
    refused_second: int = 0  # the second of two presses, refused as it must be
    twice: int = 0  # households that pressed twice
    unsure: list[Ballot] = field(default_factory=list)  # the submit failed on the way
    failures: Counter[str] = field(default_factory=Counter)


@dataclass
class Cpu:
    seconds: float  # the load's wall time
    server: float  # CPU seconds of gunicorn's processes and their PostgreSQL backends
    generator: float  # CPU seconds of this process (the voters)


# ---------------------------------------------------------------------------- set-up


def environment(database: str, redis: str, var_dir: str) -> dict[str, str]:
    """Production settings for the server and this process alike (the same keys, so
    this process verifies the audit log the server signed)."""
    from cryptography.fernet import Fernet

    return {
        "DJANGO_SETTINGS_MODULE": "coso.config.settings",
        "COSO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "COSO_FIELD_KEYS": Fernet.generate_key().decode(),
        "COSO_AUDIT_KEYS": secrets.token_urlsafe(48),
        "COSO_VAR_DIR": var_dir,
        "DATABASE_URL": database,
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": redis,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "COSO_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "LOG_LEVEL": "WARNING",
    }


def admin_sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def open_rounds(rounds: int, households_per_village: int) -> dict[int, list[str]]:
    """Seed the province, then open a secret round in each of the first `rounds`
    communes; each round's board shares ride on `SHARES`. Returns each round's codes."""
    from django.core.management import call_command

    from coso.accounts.models import User
    from coso.decisions import services
    from coso.decisions.models import HouseholdCode, OnlineOptIn
    from coso.people.models import Household
    from coso.units.models import Unit, UnitKind

    call_command("migrate", verbosity=0)
    call_command(
        "seed",
        "--scale",
        "province",
        "--province",
        PROVINCE,
        "--households-per-village",
        str(households_per_village),
        stdout=io.StringIO(),
    )
    admin = User.objects.create_superuser("bench", password=secrets.token_urlsafe(16))
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, parent__code=PROVINCE).order_by("code")
    codes = {}
    for commune in communes[:rounds]:
        homes = Household.objects.filter(village__path__startswith=commune.path)
        OnlineOptIn.objects.bulk_create(
            [
                OnlineOptIn(unit_id=village, household_id=pk)
                for i, (pk, village) in enumerate(homes.values_list("pk", "village_id"))
                if i % 5
            ]
        )
        matter = services.matter_create(
            actor=admin,
            unit=commune,
            matter_type="6",
            title=f"Chọn ngày hội {commune.name}",
            method="ballot",
            secret=True,
            counting_board=BOARD,
        )
        services.matter_open(actor=admin, matter=matter)
        assert matter.online_allowed and matter.encrypted, matter
        SHARES[matter.pk] = matter.board_shares
        codes[matter.pk] = list(
            HouseholdCode.objects.filter(matter=matter).values_list("code", flat=True)
        )
    return codes


def ballots(codes: dict[int, list[str]], options: dict[int, list[str]]) -> Iterator[Ballot]:
    """Every household of every round once, rounds interleaved, each with a choice."""
    rng = random.Random(18)
    pool = [(matter, code) for matter, some in codes.items() for code in some]
    rng.shuffle(pool)
    for matter, code in pool:
        yield Ballot(matter, code, rng.choice(options[matter]))


# ---------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """`coso serve` with two workers; gunicorn's access log gives each request's
    server time (µs) and the bench's step header."""
    gunicorn = "--access-logformat '%(m)s %(s)s %(D)s %({x-bench-step}i)s'"
    command = [str(ROOT / ".venv/bin/coso"), "serve", "--port", str(port), "--workers", "2"]
    return subprocess.Popen(
        command,
        env={**os.environ, **env, "GUNICORN_CMD_ARGS": gunicorn},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


async def wait_up(base: str, server: subprocess.Popen[bytes]) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit("coso serve stopped; see its log")
            try:
                async with session.get(f"{base}/vote/", headers=PROXY) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("coso serve did not answer")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """Each process's CPU time so far (user + system), from /proc."""
    tick, used = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / tick
    return used


def server_processes(server: subprocess.Popen[bytes], url: str, database: str) -> list[int]:
    """gunicorn's master and workers, and the PostgreSQL backends serving the database."""
    import psycopg

    children = [
        int(p.name)
        for p in Path("/proc").iterdir()
        if p.name.isdigit() and _parent(p) == server.pid
    ]
    with psycopg.connect(f"{url}/postgres") as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    return [server.pid, *children, *(pid for (pid,) in rows)]


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def server_times(log: Path) -> dict[str, list[float]]:
    """Each step's server time (seconds), from the access log's lines."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in log.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] in STEPS and parts[2].isdigit():
            times[parts[3]].append(int(parts[2]) / 1e6)
    return times


# ---------------------------------------------------------------------------- voters

PROXY = {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1"}


class Voter:
    """One household at a time on one phone: page, code, choice."""

    def __init__(self, session: aiohttp.ClientSession, base: str, results: Results) -> None:
        self.session, self.base, self.results = session, base, results
        # As the browser saw it: over HTTPS, through the proxy (CSRF checks the Referer).
        self.page = f"https{base.removeprefix('http')}/vote/"

    async def request(self, step: str, headers: dict[str, str], data: dict[str, str] | None):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        method = "POST" if data else "GET"
        headers = {**headers, "X-Bench-Step": step}
        async with self.session.request(
            method, f"{self.base}/vote/", data=data, headers=headers
        ) as response:
            body = await response.text()
        self.results.times[step].append(time.perf_counter() - started)
        if response.status != 200:
            raise RuntimeError(f"{step}: HTTP {response.status}")
        return response, body

    async def vote(self, ballot: Ballot, address: str, think: float, rng: random.Random) -> None:
        headers = {**PROXY, "X-Real-IP": address, "Referer": self.page}
        response, body = await self.request("page", headers, None)
        headers["Cookie"] = f"csrftoken={response.cookies['csrftoken'].value}"
        form = {"csrfmiddlewaretoken": TOKEN.findall(body)[0], "code": ballot.code}
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        _response, body = await self.request("code", headers, form)
        if 'name="choice"' not in body:
            raise RuntimeError("code: no choice offered")
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        sent = {**form, "choice": ballot.choice, "cast": "1"}
        presses = 2 if rng.randrange(TWICE_EVERY) == 0 else 1
        try:
            answers = await asyncio.gather(
                *(self.request("submit", headers, sent) for _ in range(presses))
            )
        except Exception:
            self.results.unsure.append(ballot)
            raise
        self.record(ballot, [body for _r, body in answers])

    def record(self, ballot: Ballot, bodies: list[str]) -> None:
        receipts = [m.group(1) for b in bodies if (m := RECEIPT.search(b))]
        if len(bodies) == 2:
            self.results.twice += 1
            self.results.refused_second += len(receipts) == 1 and "đã được dùng" in "".join(bodies)
        for receipt in receipts:
            if receipt in self.results.receipts:
                self.results.failures["receipt shown twice"] += 1
            self.results.receipts[receipt] = ballot
        if len(receipts) != 1:
            self.results.failures[f"{len(receipts)} receipts for one household"] += 1


async def voter(
    queue: Iterator[Ballot], addresses: Iterator[int], phone: Voter, think: float, until: float
) -> None:
    rng = random.Random()
    await asyncio.sleep(rng.uniform(0, 2 * think))  # voters arrive, not all in one instant
    while time.monotonic() < until:
        ballot = next(queue, None)
        if ballot is None:
            phone.results.failures["codes ran out"] += 1
            return
        n = next(addresses)
        address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        try:
            await phone.vote(ballot, address, think, rng)
        except Exception as error:  # noqa: BLE001 - counted and reported, the load goes on
            phone.results.failures[str(error)[:80] or type(error).__name__] += 1


async def election(base: str, queue: Iterator[Ballot], args: argparse.Namespace) -> Results:
    """`--voters` voters at once until `--minutes` have passed; each finishes the
    household it has started."""
    results = Results()
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:
        phone = Voter(session, base, results)
        addresses = iter(range(1, 1 << 24))
        until = time.monotonic() + args.minutes * 60
        await asyncio.gather(
            *(voter(queue, addresses, phone, args.think, until) for _ in range(args.voters))
        )
    return results


# ---------------------------------------------------------------------------- count


@dataclass
class Count:
    ballots: int = 0
    receipts: int = 0
    codes_used: int = 0
    participations: int = 0
    lost: int = 0
    unsure_counted: int = 0
    rounds_equal: int = 0
    records_valid: int = 0


def count(results: Results, rounds: list[int]) -> Count:
    """Count every round with three of its board's shares and compare with what the
    voters sent."""
    from coso.accounts.models import User
    from coso.decisions import crypto, services
    from coso.decisions.models import (
        EncryptedBallot,
        HouseholdCode,
        Matter,
        Participation,
        RoundKey,
    )

    admin, figures = User.objects.get(username="bench"), Count()
    receipts = set(EncryptedBallot.objects.values_list("receipt", flat=True))
    figures.ballots = EncryptedBallot.objects.count()
    figures.receipts = len(receipts)
    figures.codes_used = HouseholdCode.objects.filter(used_at__isnull=False).count()
    figures.participations = Participation.objects.count()
    figures.lost = len(set(results.receipts) - receipts)
    used = set(
        HouseholdCode.objects.filter(
            code__in=[b.code for b in results.unsure], used_at__isnull=False
        ).values_list("code", flat=True)
    )
    sent = list(results.receipts.values()) + [b for b in results.unsure if b.code in used]
    figures.unsure_counted = len(used)
    for pk in rounds:
        matter = Matter.objects.get(pk=pk)
        keys = [o.key for o in matter.options.all()]
        services.matter_count_encrypted(actor=admin, matter=matter, shares=SHARES[pk][:3])
        record = RoundKey.objects.get(matter=matter).record
        chosen = Counter(b.choice for b in sent if b.matter == pk)
        totals = record["totals"] if record else [0] * len(keys)  # None: no ballot came
        figures.rounds_equal += totals == [chosen[k] for k in keys]
        figures.records_valid += record is not None and crypto.verify_record(record).ok
    return figures


# ---------------------------------------------------------------------------- report


def quantiles(times: list[float]) -> str:
    if len(times) < 2:
        return "no requests"
    cuts = statistics.quantiles(times, n=100)
    return f"p50 {cuts[49] * 1000:6.0f} ms, p99 {cuts[98] * 1000:6.0f} ms ({len(times):,})"


def report(results: Results, figures: Count, server: dict[str, list[float]], cpu: Cpu) -> None:
    confirmed = len(results.receipts)
    expected = confirmed + figures.unsure_counted
    print(
        f"votes confirmed to voters (receipt shown): {confirmed:,}; submits that failed on "
        f"the way: {len(results.unsure)} ({figures.unsure_counted} of them counted)"
    )
    print(f"pressed twice at once: {results.twice}, second press refused: {results.refused_second}")
    print(
        f"ballots stored: {figures.ballots:,} ({figures.receipts:,} distinct receipts); codes "
        f"used: {figures.codes_used:,}; participations: {figures.participations:,}"
    )
    print(f"votes lost (receipt shown, ballot missing): {figures.lost}")
    print(
        f"votes counted twice: {figures.ballots - figures.receipts} receipts repeated, "
        f"{figures.ballots - expected} ballots beyond the votes sent"
    )
    same = figures.codes_used == figures.participations == figures.ballots == expected
    print(f"codes used = votes counted = votes sent: {'yes' if same else 'NO'}")
    print(
        f"decrypted totals = the voters' choices: {figures.rounds_equal} of {len(SHARES)} rounds; "
        f"published records verify: {figures.records_valid} of {len(SHARES)}"
    )
    for step in STEPS:
        print(
            f"{step:>6}: as waited {quantiles(results.times[step])}; "
            f"in the server {quantiles(server[step])}"
        )
    print(f"votes/s: {confirmed / cpu.seconds:.1f} over {cpu.seconds:.0f} s")
    print(
        f"CPU per vote: server {cpu.server / max(confirmed, 1) * 1000:.0f} ms (gunicorn and "
        f"PostgreSQL), load generator {cpu.generator / max(confirmed, 1) * 1000:.0f} ms"
    )
    submit = results.times["submit"]
    p99 = statistics.quantiles(submit, n=100)[98] if len(submit) > 1 else float("inf")
    print(f"p99 of the submit < {GOAL:.0f} s: {'yes' if p99 < GOAL else 'NO'}")
    for failure, n in results.failures.most_common():
        print(f"  failure: {failure}: {n}")


def audit_verify() -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    print(f"coso audit verify: {out.getvalue().strip()}")


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------------------- main


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--households-per-village", type=int, default=300)
    parser.add_argument("--think", type=float, default=5, help="mean pause, seconds")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    return parser.parse_args()


def run(args: argparse.Namespace, env: dict[str, str]) -> None:
    import django

    django.setup()
    from django.db import connections

    from coso.decisions.models import Option

    started = time.perf_counter()
    codes = open_rounds(args.rounds, args.households_per_village)
    options: dict[int, list[str]] = defaultdict(list)
    for matter, key in Option.objects.filter(matter__in=codes).values_list("matter", "key"):
        options[matter].append(key)
    connections.close_all()
    print(
        f"set-up: province {PROVINCE} seeded, {len(codes)} commune-wide secret rounds opened "
        f"({sum(map(len, codes.values())):,} households) in {time.perf_counter() - started:.0f} s"
    )
    port, log = free_port(), Path(env["COSO_VAR_DIR"]) / "serve.log"
    server = serve(env, port, log)
    try:
        results, cpu = asyncio.run(load(f"http://127.0.0.1:{port}", server, codes, options, args))
    finally:
        stop(server)
    report(results, count(results, list(codes)), server_times(log), cpu)
    audit_verify()


async def load(
    base: str,
    server: subprocess.Popen[bytes],
    codes: dict[int, list[str]],
    options: dict[int, list[str]],
    args: argparse.Namespace,
) -> tuple[Results, Cpu]:
    """The voters against the running server, its processes' CPU sampled meanwhile."""
    await wait_up(base, server)
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    seen: dict[int, float] = {}

    async def sample() -> None:
        while True:
            seen.update(cpu_seconds(server_processes(server, args.database_url, database)))
            await asyncio.sleep(2)

    print(f"before: {uptime()}")
    started, own = time.perf_counter(), time.process_time()
    sampler = asyncio.create_task(sample())
    await asyncio.sleep(0)
    first = dict(seen)
    results = await election(base, ballots(codes, options), args)
    sampler.cancel()
    seen.update(cpu_seconds(server_processes(server, args.database_url, database)))
    cpu = Cpu(
        seconds=time.perf_counter() - started,
        server=sum(seen.values()) - sum(first.values()),
        generator=time.process_time() - own,
    )
    print(f"after:  {uptime()}")
    return results, cpu


def main() -> None:
    args = arguments()
    name = f"coso_election_{os.getpid()}"
    var_dir = tempfile.mkdtemp(prefix="coso-election-")
    env = environment(f"{args.database_url}/{name}", args.redis_url, var_dir)
    os.environ.update(env)
    print(
        f"election day: {args.voters:,} voters for {args.minutes:g} min, pauses ~{args.think:g} s "
        f"(at most {args.voters / (2 * args.think):.0f} votes/s were every answer instant), "
        f"2 gunicorn workers, PostgreSQL {name}, Redis {args.redis_url}"
    )
    admin_sql(args.database_url, f'CREATE DATABASE "{name}"')
    try:
        run(args, env)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"kept: DATABASE_URL={env['DATABASE_URL']} COSO_VAR_DIR={var_dir}")
        else:
            admin_sql(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(var_dir)


if __name__ == "__main__":
    main()
