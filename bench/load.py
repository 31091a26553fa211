"""Pages under load: `coso serve` (gunicorn) on a loopback port, driven by wrk.

The server runs with DEBUG=0 on a seeded demo province (Lai Châu, ~20,000 households):
in a scratch database on PostgreSQL when it answers on 127.0.0.1 (`coso_bench_http`),
else in a SQLite file under var/; with Redis when it answers (database 9, emptied before
each run), else each worker's own memory, where pages are not cached. `--reuse` keeps
the seeded database of an earlier run (the seed takes minutes). For each page, the best
of a few rounds of wrk at 8 connections (the machine may be shared), then one line:

    PAGE: N requests/s, p50 X ms, p99 Y ms, R of bare

"bare" is /bench/bare, a short page behind Coso's whole middleware stack; "bare, no
middleware" is the same view in a second server with no middleware at all (what the
stack costs). Officials' pages are requested with the cookie of a signed-in session
verified by a second factor, as in production.

    .venv/bin/python bench/load.py [--reuse] [--sqlite] [--seconds 4] [--connections 8]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench-http"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = "coso_bench_http"
REDIS_URL = "redis://127.0.0.1:6379/9"
SEEDED_BY = "xa"  # a demo account: its presence means the seed finished


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    cookie: str = ""


@dataclass(frozen=True)
class Result:
    rate: float
    p50_ms: float
    p99_ms: float


def answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def environment(args: argparse.Namespace) -> dict[str, str]:
    """The server's and this process's settings: production-like, on loopback only."""
    env = dict(os.environ)
    env.update(
        COSO_ENV="local",
        DEBUG="0",
        COSO_BENCH_BARE="1",
        COSO_2FA_WAIVED="0",
        COSO_VAR_DIR=str(BENCH_DIR),
        DB_CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="coso.config.settings",
    )
    postgres = not args.sqlite and answers(5432)
    env["DATABASE_URL"] = (
        f"{PG_SERVER}/{PG_NAME}" if postgres else f"sqlite:///{BENCH_DIR / 'coso.sqlite3'}"
    )
    env.pop("REDIS_URL", None)
    if answers(6379):
        env["REDIS_URL"] = REDIS_URL
    return env


def prepare_database(env: dict[str, str], reuse: bool) -> None:
    """Create (or keep, with --reuse) the scratch database and seed the demo into it."""
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME])
            exists = found.fetchone() is not None
            if exists and not reuse:
                conn.execute(f"DROP DATABASE {PG_NAME} WITH (FORCE)")
            if not (exists and reuse):
                conn.execute(f"CREATE DATABASE {PG_NAME}")
    elif not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from coso.accounts.models import User

    call_command("migrate", interactive=False, verbosity=0)
    if User.objects.filter(username=SEEDED_BY).exists():
        return
    from coso.portal.demo import build_demo

    print("Seeding the demo province (a few minutes; --reuse skips it next time)…", flush=True)
    started = time.perf_counter()
    counts, _accounts = build_demo()
    print(f"  {counts.households} households in {time.perf_counter() - started:.0f} s", flush=True)


def session_cookie(username: str) -> str:
    """A session of `username` verified by their second factor (a TOTP device)."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coso.accounts.models import User

    user = User.objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def pages() -> list[Page]:
    """The pages measured, found in the seeded demo."""
    from django.core.cache import cache

    from coso.decisions.models import Matter, Status
    from coso.disclosures.models import Disclosure
    from coso.portal.demo import DEMO_PROVINCE
    from coso.units.models import Unit, UnitKind

    cache.clear()  # the bench's own Redis database, or this process's memory
    province = Unit.objects.get(code=DEMO_PROVINCE)
    commune = Unit.objects.filter(parent=province, kind=UnitKind.COMMUNE).order_by("code")[0]
    disclosure = (
        Disclosure.objects.filter(unit=commune, is_current=True, taken_down_on__isnull=True)
        .order_by("pk")
        .first()
    )
    matter = Matter.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    found = [
        Page("bare", "/bench/bare"),
        Page("home", "/"),
        Page("commune page", f"/units/{commune.code}/"),
    ]
    if disclosure:
        found.append(Page("disclosure", f"/d/{disclosure.series}/"))
    if matter:
        found.append(Page("public result", f"/m/{matter.pk}/"))
    return found + [
        Page("work list", f"/app/units/{commune.code}/petitions/", session_cookie("xa")),
        Page(
            "province dashboard", f"/app/units/{province.code}/dashboard/", session_cookie("tinh")
        ),
    ]


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "coso"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(BENCH_DIR / f"server-{port}.log").open("w"),
    )
    deadline = time.monotonic() + 60
    while not answers(port):
        if server.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the server on port {port} did not start")
        time.sleep(0.2)
    return server


def check(port: int, page: Page) -> None:
    """One request before the load: the page answers 200 itself (no redirect to sign in)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{page.path}")
    if page.cookie:
        request.add_header("Cookie", page.cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        status = opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        sys.exit(f"{page.name} ({page.path}) answered {status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load(port: int, page: Page, args: argparse.Namespace) -> Result:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    command += ["--latency", f"http://127.0.0.1:{port}{page.path}"]
    if page.cookie:
        command[1:1] = ["-H", f"Cookie: {page.cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        sys.exit(f"{page.name}: wrk saw failures\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"\s50%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"\s99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return Result(rate, milliseconds(p50), milliseconds(p99))


def best(port: int, page: Page, args: argparse.Namespace) -> Result:
    """The round with the most requests/s: on a shared machine, the one least disturbed."""
    check(port, page)
    load(port, page, argparse.Namespace(**{**vars(args), "seconds": 1}))  # warm up
    return max((load(port, page, args) for _ in range(args.rounds)), key=lambda r: r.rate)


def report(name: str, result: Result, bare: Result) -> None:
    print(
        f"{name}: {result.rate:.0f} requests/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, {result.rate / bare.rate:.2f} of bare",
        flush=True,
    )


def run(args: argparse.Namespace, measured: list[Page], bare_port: int) -> None:
    bare = best(args.port, measured[0], args)
    report(measured[0].name, bare, bare)
    plain = Page("bare, no middleware", "/bench/bare")
    report(plain.name, best(bare_port, plain, args), bare)
    for page in measured[1:]:
        report(page.name, best(args.port, page, args), bare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's seed")
    parser.add_argument("--sqlite", action="store_true", help="SQLite even if PostgreSQL answers")
    parser.add_argument("--seconds", type=int, default=4, help="of load per page")
    parser.add_argument("--rounds", type=int, default=2, help="per page; the best is shown")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk's")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    sys.path.insert(0, str(ROOT))
    prepare_database(env, args.reuse)
    measured = pages()
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"# {database}, {'Redis' if 'REDIS_URL' in env else 'local-memory'} cache, "
        f"{args.workers} workers, {args.connections} connections, best of {args.rounds} "
        f"rounds of {args.seconds} s a page; "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )

    bare_port = args.port + 1
    plain = start_server(
        {**env, "DJANGO_SETTINGS_MODULE": "coso.config.settings_bare"}, bare_port, args.workers
    )
    server = start_server(env, args.port, args.workers)
    try:
        run(args, measured, bare_port)
    finally:
        for process in (server, plain):
            process.terminate()
            process.wait(timeout=30)
    print(f"# load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
