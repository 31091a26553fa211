"""Figures refreshed out of the request: a change records its touch and refreshes
nothing; the worker refreshes each touch once, loses none, and leaves the figures a full
refresh would."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.petitions import services as petitions
from coso.reports.models import FigureClock, FigureTouch, IndicatorTotal, IndicatorValue
from coso.reports.services import (
    figures,
    oldest_touch_age,
    periods_between,
    touch_record,
    touches_work,
)
from coso.reports.services import touches as touches_module

NOW = dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC)  # 10:00 in Hà Nội
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def rebuilt(tree, time_machine):
    time_machine.move_to(NOW, tick=False)
    call_command("indicators", "refresh", "--since", "2025", stdout=io.StringIO())
    return tree


def state():
    values = IndicatorValue.objects.values_list("unit_id", "period", "indicator", "value")
    totals = IndicatorTotal.objects.values_list("province_id", "period", "indicator", "value")
    return sorted(values), sorted(totals, key=str)


def submit(unit, received_on=TODAY):
    return petitions.petition_submit(
        actor=None,
        unit=unit,
        data=petitions.Submission(
            kind="feedback", subject="x", description="y", received_on=received_on
        ),
    )


def intake(client, tree, received_on):
    return client.post(
        reverse("petitions:intake", args=[tree.a.code]),
        {
            "kind": "feedback",
            "category": "other",
            "subject": "Đường vào bản hỏng",
            "description": "Nội dung",
            "channel": "letter",
            "received_on": received_on.isoformat(),
        },
    )


def test_registering_a_petition_records_its_touch_and_refreshes_nothing(
    client, rebuilt, official_a, django_assert_num_queries
):
    client.force_login(official_a)
    assert intake(client, rebuilt, TODAY).status_code == 302  # caches warmed
    before = state(), list(FigureClock.objects.values_list("period", "refreshed_at"))
    with CaptureQueriesContext(connection) as today:
        assert intake(client, rebuilt, TODAY).status_code == 302
    # A petition received last year touches many more periods (19 against 4): the
    # request costs the same, one upsert.
    with django_assert_num_queries(len(today)):
        assert intake(client, rebuilt, dt.date(2025, 12, 30)).status_code == 302
    sql = [q["sql"].lower() for q in today.captured_queries]
    assert not [q for q in sql if "indicator" in q or "advisory" in q or "figureclock" in q]
    assert len([q for q in sql if "figuretouch" in q]) == 1
    assert (state(), list(FigureClock.objects.values_list("period", "refreshed_at"))) == before
    touched = set(FigureTouch.objects.values_list("source", "unit_id", "period"))
    wanted = {p.code for p in periods_between(dt.date(2025, 12, 30), TODAY)}
    assert touched == {("petitions", rebuilt.a.pk, code) for code in wanted}
    assert len(wanted) > 4  # merged: the four periods of today are in it once


def test_the_worker_refreshes_once_and_leaves_what_a_full_refresh_leaves(rebuilt, time_machine):
    submit(rebuilt.a)
    submit(rebuilt.a, dt.date(2026, 3, 2))
    submit(rebuilt.b, dt.date(2025, 7, 1))
    touch_record("petitions", rebuilt.village_b.pk, {TODAY})  # a village counts for its commune
    time_machine.move_to(NOW + dt.timedelta(minutes=5), tick=False)
    out = io.StringIO()
    call_command("indicators", "work", "--once", stdout=out)
    assert "Đã tính lại số liệu cho" in out.getvalue() and not FigureTouch.objects.exists()
    after = state()
    clocks = list(FigureClock.objects.values_list("period", "refreshed_at"))
    assert IndicatorValue.objects.filter(
        unit=rebuilt.b, period="2025", indicator="petitions.received"
    ).exists()

    time_machine.move_to(NOW + dt.timedelta(minutes=10), tick=False)
    with CaptureQueriesContext(connection) as again:
        call_command("indicators", "work", "--once", stdout=io.StringIO())
    assert not any("indicatorvalue" in q["sql"].lower() for q in again.captured_queries)
    assert list(FigureClock.objects.values_list("period", "refreshed_at")) == clocks

    IndicatorValue.objects.all().delete()
    IndicatorTotal.objects.all().delete()
    call_command("indicators", "refresh", "--since", "2025", stdout=io.StringIO())
    assert state() == after


def test_a_touch_made_while_the_worker_refreshes_is_kept(rebuilt, monkeypatch):
    submit(rebuilt.a)
    real = touches_module.refresh
    calls = []

    def refresh_while_a_change_commits(**kwargs):
        if not calls:  # a petition registered during the first refresh
            submit(rebuilt.a)
        calls.append(kwargs["period"].code)
        return real(**kwargs)

    monkeypatch.setattr(touches_module, "refresh", refresh_while_a_change_commits)
    touches_work()
    kept = set(FigureTouch.objects.values_list("period", "claim"))
    assert kept == {(p.code, None) for p in periods_between(TODAY, TODAY)}, "kept for the next run"
    assert len(calls) == len(kept)
    assert oldest_touch_age() == dt.timedelta(0)
    monkeypatch.setattr(touches_module, "refresh", real)
    touches_work()
    assert not FigureTouch.objects.exists()
    assert (
        IndicatorValue.objects.get(
            unit=rebuilt.a, period="2026", indicator="petitions.received"
        ).value
        == 2
    )


def test_a_worker_killed_midway_loses_no_touch(rebuilt, monkeypatch, time_machine):
    submit(rebuilt.a)
    real = touches_module.refresh
    done = []

    def dies_on_the_second(**kwargs):
        if done:
            raise KeyboardInterrupt  # killed
        done.append(real(**kwargs))

    monkeypatch.setattr(touches_module, "refresh", dies_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        touches_work()
    monkeypatch.setattr(touches_module, "refresh", real)
    assert FigureTouch.objects.count() == 3  # the one refreshed is gone, three wait
    assert touches_work() == 0, "still held by the dead worker's claim"
    time_machine.move_to(NOW + touches_module.STALE + dt.timedelta(seconds=1), tick=False)
    assert touches_work() == 3
    assert not FigureTouch.objects.exists()
    assert (
        IndicatorValue.objects.get(
            unit=rebuilt.a, period="2026-11", indicator="petitions.received"
        ).value
        == 1
    )


def test_the_age_of_the_oldest_touch(rebuilt, time_machine):
    assert oldest_touch_age() is None
    touch_record("petitions", rebuilt.a.pk, {TODAY})
    time_machine.move_to(NOW + dt.timedelta(minutes=3), tick=False)
    touch_record("petitions", rebuilt.a.pk, {TODAY})  # merged: the oldest change counts
    touch_record("dialogues", rebuilt.b.pk, {TODAY})
    time_machine.move_to(NOW + dt.timedelta(minutes=7), tick=False)
    assert oldest_touch_age() == dt.timedelta(minutes=7)
    assert FigureTouch.objects.filter(source="petitions").count() == 4
    touches_work()
    assert oldest_touch_age() is None


def test_pages_say_when_their_figures_were_refreshed(
    client, rebuilt, official_a, province_viewer, time_machine, figures_work
):
    client.force_login(province_viewer)
    dashboard = reverse("reports:unit_dashboard", args=[rebuilt.province.code])
    response = client.get(dashboard)
    assert response.status_code == 200, response.get("Location")
    assert "Số liệu cập nhật lúc 10:00 25/11/2026" in response.content.decode()
    time_machine.move_to(NOW + dt.timedelta(minutes=5), tick=False)
    submit(rebuilt.a)
    page = client.get(dashboard).content.decode()
    assert "Số liệu cập nhật lúc 10:00 25/11/2026" in page  # not refreshed by the change
    figures_work()
    page = client.get(dashboard).content.decode()
    assert "Số liệu cập nhật lúc 10:05 25/11/2026" in page
    public = client.get(f"/units/{rebuilt.a.code}/").content.decode()
    assert "Số liệu cập nhật lúc 10:05 25/11/2026" in public


def test_touches_of_one_commune_are_refreshed_once(rebuilt, monkeypatch):
    real = touches_module.refresh
    calls = []

    def counted(**kwargs):
        calls.append((kwargs["source"].name, kwargs["period"].code, kwargs["unit_ids"]))
        return real(**kwargs)

    monkeypatch.setattr(touches_module, "refresh", counted)
    for _ in range(3):
        submit(rebuilt.a)
    submit(rebuilt.b)
    touch_record("petitions", rebuilt.village_a.pk, {TODAY})  # counts for commune A
    touches_work()
    wanted = sorted(
        ("petitions", p.code, sorted([rebuilt.a.pk, rebuilt.b.pk]))
        for p in periods_between(TODAY, TODAY)
    )
    assert sorted(calls) == wanted
    assert (
        IndicatorValue.objects.get(
            unit=rebuilt.a, period="2026-11", indicator="petitions.received"
        ).value
        == 3
    )


def test_the_running_worker_keeps_the_touches_of_a_failed_refresh(rebuilt, monkeypatch):
    from coso.reports.management.commands import indicators as command

    class Stopped(Exception):
        pass

    def broken(**kwargs):
        raise OSError("database went away")

    def stop(seconds):
        raise Stopped

    submit(rebuilt.a)
    monkeypatch.setattr(touches_module, "refresh", broken)
    monkeypatch.setattr(command.time, "sleep", stop)
    with pytest.raises(Stopped):  # logged the failure, then waited to look again
        call_command("indicators", "work", stdout=io.StringIO())
    assert FigureTouch.objects.count() == len(periods_between(TODAY, TODAY))
    with pytest.raises(OSError):  # given back at once: run from cron, the failure shows
        call_command("indicators", "work", "--once", stdout=io.StringIO())
    monkeypatch.setattr(touches_module, "refresh", figures.refresh)
    call_command("indicators", "work", "--once", stdout=io.StringIO())
    assert not FigureTouch.objects.exists()
