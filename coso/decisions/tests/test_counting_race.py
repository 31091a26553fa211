"""Votes arriving while an encrypted round is counted (docs/secret-ballot.md): a vote or a
stub that commits between the counting's reading of the ballots and its closing of the
round would be neither counted nor refused. The counting locks the round and reads,
decrypts and closes in one transaction; a vote re-checks the round once it has touched
a row that references it. So every vote is counted or refused, never lost: the codes
used are the ballots counted."""

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

from coso.core.errors import DomainError
from coso.decisions import services
from coso.decisions.models import (
    EncryptedBallot,
    HouseholdCode,
    Matter,
    Participation,
    RoundKey,
    Status,
)
from coso.decisions.services import ballots, matters, paper
from coso.decisions.tests.factories import secret_round

BEFORE = 4  # online votes before the race: a round needs two to be counted


@pytest.fixture(autouse=True)
def small_keys(settings):
    settings.COSO_BALLOT_KEY_BITS = 512


@pytest.fixture
def voting() -> Iterator[tuple[Matter, Any, list[HouseholdCode]]]:
    matter, head, codes = secret_round(households=BEFORE + 4)
    for code in codes[:BEFORE]:
        services.vote_online(code=code.code, choice=[_key(matter)])
    yield matter, head, codes[BEFORE:]


def _key(matter: Matter) -> str:
    return matter.options.order_by("position")[0].key


def _count(matter: Matter, head: Any) -> Matter:
    fresh = Matter.objects.get(pk=matter.pk)
    return services.matter_count_encrypted(actor=head, matter=fresh, shares=matter.board_shares[:3])


def _check_nothing_lost(matter: Matter) -> int:
    """Codes used == participations == ballots counted == ballots in the record."""
    matter.refresh_from_db()
    assert matter.status == Status.COUNTED
    counted = sum(matter.outcome["tally"].values())
    used = HouseholdCode.objects.filter(matter=matter, used_at__isnull=False).count()
    assert used == Participation.objects.filter(matter=matter).count() == counted
    assert EncryptedBallot.objects.filter(matter=matter).count() == counted
    assert len(RoundKey.objects.get(matter=matter).record["ballots"]) == counted
    return counted


def _then(monkeypatch, module: Any, name: str, after: Callable[[], None]) -> None:
    """Run `after` right after `module.name` returns."""
    original = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        after()
        return result

    monkeypatch.setattr(module, name, wrapped)


# ---------------------------------------------------------------- one after the other
# A vote checked while the round was open, whose transaction comes after the counting
# (on SQLite, IMMEDIATE transactions come wholly one after the other).


@pytest.mark.django_db
def test_a_vote_checked_before_the_counting_and_written_after_it_is_refused(voting, monkeypatch):
    matter, head, codes = voting
    # `_choices` runs after the vote's checks, before its transaction.
    _then(monkeypatch, ballots, "_choices", lambda: _count(matter, head))
    with pytest.raises(DomainError, match="đã kết thúc để kiểm phiếu"):
        services.vote_online(code=codes[0].code, choice=[_key(matter)])
    assert _check_nothing_lost(matter) == BEFORE
    codes[0].refresh_from_db()
    assert codes[0].used_at is None


@pytest.mark.django_db
def test_a_stub_checked_before_the_counting_and_written_after_it_is_refused(voting, monkeypatch):
    matter, head, codes = voting
    _then(monkeypatch, paper, "_check_encrypted", lambda: _count(matter, head))
    with pytest.raises(DomainError, match="đã kết thúc để kiểm phiếu"):
        services.stubs_key_in(actor=head, matter=matter, codes=[codes[0].code])
    assert _check_nothing_lost(matter) == BEFORE


# ------------------------------------------------------------------- at the same time


def _lock_waits() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def _interleave(
    first: Callable[[], Any],
    second: Callable[[], Any],
    paused: threading.Event,
    go: threading.Event,
) -> list[Any]:
    """Run `first` until it pauses (having done its reads or writes), then `second`
    until it waits on a lock or ends, then let `first` finish. Each outcome, or the
    exception raised."""
    outcomes: list[Any] = [None, None]

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate((first, second))]
    threads[0].start()
    assert paused.wait(timeout=30), "the first never reached its pause"
    threads[1].start()
    for _ in range(500):  # up to 10 s: the second waits on the first's lock, or is done
        if not threads[1].is_alive() or _lock_waits():
            break
        threads[1].join(timeout=0.02)
    go.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a change never finished"
    return outcomes


def _pausing(paused: threading.Event, go: threading.Event) -> Callable[[], None]:
    def pause() -> None:
        paused.set()
        assert go.wait(timeout=30)

    return pause


@pytest.fixture
def postgres() -> None:
    if connection.vendor == "sqlite":
        pytest.skip(
            "the in-memory SQLite test database cannot take two writers at once; "
            "this runs on PostgreSQL"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_vote_during_the_counting_waits_and_is_refused(postgres, voting, monkeypatch):
    matter, head, codes = voting
    paused, go = threading.Event(), threading.Event()
    # The counting has read and decrypted the ballots; the round is not closed yet.
    # Where the counting calls it (coso.decisions.services.matters names it).
    _then(monkeypatch, matters, "decrypted_totals", _pausing(paused, go))
    counted, voted = _interleave(
        lambda: _count(matter, head),
        lambda: services.vote_online(code=codes[0].code, choice=[_key(matter)]),
        paused,
        go,
    )
    assert isinstance(counted, Matter), counted
    assert isinstance(voted, DomainError) and "đã kết thúc để kiểm phiếu" in voted.message
    assert _check_nothing_lost(matter) == BEFORE


@pytest.mark.parametrize(
    ("pause_after", "counted"),
    [
        # The vote has used its code and written its participation and ballot, and
        # holds no lock on the round yet: the counting goes ahead, the vote is refused.
        ("ballot_store", False),
        # The vote has checked the round under its lock: the counting waits for it.
        ("require_still_open", True),
    ],
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_counting_during_a_vote_counts_it_or_it_is_refused(
    postgres, voting, monkeypatch, pause_after, counted
):
    matter, head, codes = voting
    paused, go = threading.Event(), threading.Event()
    _then(monkeypatch, ballots, pause_after, _pausing(paused, go))
    voted, closed = _interleave(
        lambda: services.vote_online(code=codes[0].code, choice=[_key(matter)]),
        lambda: _count(matter, head),
        paused,
        go,
    )
    assert isinstance(closed, Matter), closed
    if counted:
        assert isinstance(voted, Matter), voted
    else:
        assert isinstance(voted, DomainError) and "đã kết thúc để kiểm phiếu" in voted.message
    assert _check_nothing_lost(matter) == BEFORE + counted
