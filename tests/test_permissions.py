"""The permission matrix, checked on every endpoint.

The test walks Django's URL resolver and the OpenAPI document. Every page must declare
the action it needs (`coso.core.permissions.requires`), every API operation its
`x-coso-action`, and every one needs an example below: a new endpoint without both
fails here. Then each endpoint is called anonymously and as every role — bound where
the record lives, and bound to another unit — and its answer must be what the matrix
says: sign in first (302 to the sign-in page, or 401), 403 for a role the matrix does
not grant the action, 404 for a record outside the role's units, anything else (200,
302, 400, 422…) when allowed. The admin's pages are checked the same way.

The matrix itself is pinned by docs/permissions.md (generated from it): a change to
the matrix that is not also a reviewed change to that document fails
`test_the_documented_matrix_is_the_matrix`.
"""

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.accounts.tokens import token_create
from coso.config.api import api
from coso.consultations import services as consultations
from coso.core.admin import MatrixPermissions, ScopedAdmin
from coso.core.permissions import PUBLIC, markdown, matrix, roles_for
from coso.core.roles import role_names
from coso.decisions import services as decisions
from coso.decisions.crypto import RECORD_FORMAT
from coso.decisions.models import OnlineOptIn, RoundKey
from coso.dialogues import services as dialogues
from coso.dialogues.models import Meeting
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.exemplars.services import ExemplarData, exemplar_register
from coso.followups.services import Promise, followup_move
from coso.oversight import services as oversight
from coso.people.tests.factories import adult, make_household
from coso.petitions import reception
from coso.petitions import services as petitions
from coso.reports.models import ReportType
from coso.reports.services import report_draft
from coso.residents.services import issue_codes
from coso.support import services as support
from coso.units.tests.factories import province

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
# Every action × role cell of the matrix and the action of every page, API operation
# and admin page, as they stood before the matrix was assembled from the apps'
# declarations: a change to any of them is a reviewed change of this file.
PINNED = Path(__file__).resolve().parent / "data" / "permission_matrix.json"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"

# URL namespaces that are not Coso's own views: the admin (checked below, model by
# model), the API (checked from its OpenAPI document) and Django's language switch.
OTHERS = {"admin", "api", None}


@dataclass(frozen=True)
class Persona:
    label: str
    role: str | None
    bound: str | None  # the tree path the role covers; None: nationwide
    user: Any


@pytest.fixture
def world(tree, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    # Many requests come from one test address: no rate limit here.
    settings.COSO_RATE_LIMITS = {k: "100000/m" for k in settings.COSO_RATE_LIMITS}
    settings.COSO_BALLOT_KEY_BITS = 512  # encrypted rounds: small keys, fast tests
    other_province = province("Điện Biên")
    homes = {
        Role.ADMINISTRATOR: (None, None),
        Role.CENTRAL_VIEWER: (None, None),
        Role.PROVINCE_VIEWER: (tree.province, other_province),
        Role.COMMUNE_OFFICIAL: (tree.a, tree.b),
        Role.VILLAGE_HEAD: (tree.village_a, tree.village_b),
        Role.FRONT_OFFICER: (tree.a, tree.b),
        Role.INSPECTION_MEMBER: (tree.a, tree.b),
        Role.ORG_OFFICER: (tree.a, tree.b),
    }
    personas = [Persona("anonymous", None, None, None)]
    for role, (here, there) in homes.items():
        for where, unit in (("here", here), ("elsewhere", there)):
            if where == "elsewhere" and here is None:
                continue  # a nationwide role has no elsewhere
            user = User.objects.create_user(f"{role}-{where}", password="pw")
            RoleAssignment.objects.create(user=user, unit=unit, role=role)
            path = unit.path if unit else None
            personas.append(Persona(f"{role} {where}", role, path, user))
    official = next(p.user for p in personas if p.label == "commune_official here")
    head = next(p.user for p in personas if p.label == "village_head here")
    return SimpleNamespace(tree=tree, personas=personas, **_records(tree, official, head))


def _records(tree, official, head) -> dict[str, Any]:
    """One record of each kind, in commune A or its village."""
    household = make_household(tree.village_a, "A-1")
    OnlineOptIn.objects.create(unit=tree.village_a, household=household)
    meeting = decisions.matter_create(
        actor=head, unit=tree.village_a, matter_type="6", title="Ngày hội bản"
    )
    ballots = decisions.matter_create(
        actor=head, unit=tree.village_a, matter_type="6", title="Phiếu", method="ballot"
    )
    decisions.matter_open(actor=head, matter=ballots)
    published = decisions.matter_create(
        actor=head, unit=tree.village_a, matter_type="6", title="Đã công bố"
    )
    decisions.matter_open(actor=head, matter=published)
    decisions.attendance_record(actor=head, matter=published, household_ids=[household.pk])
    decisions.tally_record(actor=head, matter=published, counts={"yes": 1})
    decisions.matter_count(actor=head, matter=published)
    decisions.matter_publish(actor=head, matter=published)
    encrypted = decisions.matter_create(
        actor=head,
        unit=tree.village_a,
        matter_type="6",
        title="Phiếu kín mã hoá",
        method="ballot",
        secret=True,
        counting_board=["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường"],
    )
    decisions.matter_open(actor=head, matter=encrypted)
    counted = decisions.matter_create(
        actor=head,
        unit=tree.village_a,
        matter_type="6",
        title="Phiếu kín mã hoá đã công bố",
        method="ballot",
        secret=True,
        counting_board=["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường"],
    )
    decisions.matter_open(actor=head, matter=counted)
    decisions.matter_count_encrypted(actor=head, matter=counted, shares=counted.board_shares[:2])
    decisions.matter_publish(actor=head, matter=counted)
    # The record of a round with online ballots (tested in coso/decisions/tests): here
    # only who may download it.
    RoundKey.objects.filter(matter=counted).update(record={"format": RECORD_FORMAT})
    disclosure = disclosure_publish(
        actor=official,
        unit=tree.a,
        data=DisclosureData(
            category="1",
            title="Kế hoạch năm",
            channels=["notice_board"],
            files=[SimpleUploadedFile("kh.pdf", PDF)],
        ),
    )
    feedback = petitions.petition_submit(
        actor=None,
        unit=tree.a,
        data=petitions.Submission(
            kind="feedback",
            subject="Đèn hỏng",
            description="x",
            sender_name="Nguyễn Thị Gửi",
            sender_contact="0912000111",
            files=[SimpleUploadedFile("anh.pdf", PDF)],
        ),
    )
    denunciation = petitions.petition_submit(
        actor=None,
        unit=tree.a,
        data=petitions.Submission(
            kind="denunciation", subject="Tố cáo", description="x", sender_name="Hoàng Văn Tố"
        ),
    )
    petitions.petition_accept(actor=official, petition=denunciation)
    report = report_draft(
        actor=official,
        report_type=ReportType.objects.get(code="so-ket-6-thang"),
        unit=tree.a,
        period="2026-H1",
    )
    session = reception.session_create(
        actor=official, unit=tree.a, date=dt.date.today(), leader="Chủ tịch UBND xã"
    )
    today = dt.date.today()
    talk = dialogues.meeting_create(
        actor=official,
        unit=tree.a,
        data=dialogues.MeetingData(kind="dialogue", date=today, place="UBND xã", chair="Chủ tịch"),
    )
    asked = dialogues.item_add(
        actor=official,
        meeting=talk,
        data=dialogues.ItemData(
            text="Đường hỏng",
            asker_name="Nguyễn Thị Gửi",
            asker_contact="0912000111",
            commitment=Promise(
                "Sửa đường",
                tree.a,
                "Chủ tịch",
                today,
                today,
                raised_by_resident=True,
                raiser_name="Nguyễn Thị Gửi",
                raiser_contact="0912000111",
            ),
        ),
    )
    followup_move(
        actor=official,
        followup=asked.followup,
        status="in_progress",
        files=[SimpleUploadedFile("anh.pdf", PDF)],
    )
    visit = Meeting.objects.create(
        kind="visit", unit=tree.a, date=today, place="UBND xã", chair="Ban Dân vận"
    )
    exemplar = exemplar_register(
        actor=official,
        unit=tree.a,
        data=ExemplarData(
            name="Hiến đất",
            field="economy",
            sponsor="front",
            started_on=today,
            description="x",
            photos=[SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n0000")],
        ),
    )
    programme = support.programme_create(
        actor=official,
        unit=tree.a,
        data=support.ProgrammeData(
            name="Quà Tết", kind="gift", source="Quỹ", value_per_household=500000, handed_on=today
        ),
    )
    # A posted beneficiary list names the heads of household by law (GDL art. 11(7)):
    # a household of its own, whose name the crawl below does not look for.
    make_household(tree.village_a, "A-2", members=[adult("Vàng A Súa")])
    support.recipients_add(
        actor=official, programme=programme, village=tree.village_a, codes=["A-2"]
    )
    support.programme_post(actor=official, programme=programme)
    objection = support.objection_submit(
        programme=programme, text="x", raiser_name="Nguyễn Thị Gửi", raiser_contact="0912000111"
    )
    issue_codes(actor=head, village=tree.village_a, households=[household])
    consultation = consultations.consultation_publish(
        actor=official,
        unit=tree.a,
        draft=consultations.Draft(
            category="7",
            title="Dự thảo",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=today + dt.timedelta(days=30),
        ),
    )
    opinion = consultations.opinion_record(
        actor=official,
        consultation=consultation,
        clause=None,
        text="x",
        source="box",
        contributor="Nguyễn Thị Gửi",
    )
    finished = consultations.consultation_publish(
        actor=official,
        unit=tree.a,
        draft=consultations.Draft(
            category="5",
            title="Đã xong",
            clauses=["Điều 1."],
            forms=["box"],
            closes_on=today - dt.timedelta(days=10),
            opened_on=today - dt.timedelta(days=40),
        ),
    )
    consultations.consultation_close(actor=official, consultation=finished)
    consultations.consultation_result(
        actor=official, consultation=finished, synthesis="Không có ý kiến.", finals={}
    )
    board = User.objects.create_user("ttnd-records")
    RoleAssignment.objects.create(user=board, unit=tree.a, role=Role.INSPECTION_MEMBER)
    plan = oversight.plan_create(
        actor=board,
        commune=tree.a,
        subject="Kiểm tra quỹ",
        starts_on=today + dt.timedelta(days=20),
        notified_on=today,
    )
    project = oversight.project_create(
        actor=official,
        commune=tree.a,
        data=oversight.ProjectData(
            name="Đường bê tông",
            budget=100_000_000,
            sources="Nhân dân",
            starts_on=today,
            ends_on=today + dt.timedelta(days=90),
            due_per_household=100_000,
        ),
    )
    return {
        "project": project,
        "plan": plan,
        "published_consultation": finished,
        "consultation": consultation,
        "opinion": opinion,
        "household": household,
        "programme": programme,
        "objection": objection,
        "exemplar": exemplar,
        "dialogue": talk,
        "visit": visit,
        "followup": asked.followup,
        "meeting": meeting,
        "ballots": ballots,
        "published": published,
        "encrypted": encrypted,
        "counted": counted,
        "disclosure": disclosure,
        "feedback": feedback,
        "denunciation": denunciation,
        "session": session,
        "report": report,
    }


# For each page: its URL's arguments and the unit its record lives in (None: no record).
Example = Callable[[Any, Any], tuple[dict[str, Any], Any]]
# The nation's figures: only for roles that hold the action nationwide.
NATION = SimpleNamespace(path="")


def _unit(w: Any, name: str) -> Any:
    return getattr(w.tree, name)


PAGES: dict[str, Example] = {
    "portal:home": lambda w, u: ({}, None),
    "portal:unit": lambda w, u: ({"code": w.tree.a.code}, None),
    "portal:official_home": lambda w, u: ({}, None),
    "portal:audit": lambda w, u: ({}, None),
    "healthz": lambda w, u: ({}, None),
    "reports:dashboard": lambda w, u: ({}, NATION),
    "reports:dashboard_xlsx": lambda w, u: ({}, NATION),
    "reports:breakdown": lambda w, u: ({"indicator": "petitions.received"}, NATION),
    "reports:unit_dashboard": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "reports:unit_dashboard_xlsx": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "reports:unit_reports": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "reports:draft": lambda w, u: (
        {"code": w.tree.a.code, "type_code": "tong-ket-nam", "period": "2026"},
        w.tree.a,
    ),
    "reports:completeness": lambda w, u: (
        {"code": w.tree.province.code, "type_code": "so-ket-6-thang", "period": "2026-H1"},
        w.tree.province,
    ),
    "reports:reports": lambda w, u: ({}, NATION),
    "reports:national_completeness": lambda w, u: (
        {"type_code": "so-ket-6-thang", "period": "2026-H1"},
        NATION,
    ),
    "reports:report": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:review": lambda w, u: ({"pk": w.report.pk}, w.tree.province),
    "reports:send": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:remind": lambda w, u: (
        {"code": w.tree.a.code, "type_code": "so-ket-6-thang", "period": "2026-H1"},
        w.tree.a,
    ),
    "reports:reopen": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:docx": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:xlsx": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:unit_breakdown": lambda w, u: (
        {"code": w.tree.province.code, "indicator": "petitions.overdue"},
        w.tree.province,
    ),
    "units:official_unit": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "people:household": lambda w, u: ({"pk": w.household.pk}, w.tree.village_a),
    "people:village_export": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "disclosures:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "disclosures:feed": lambda w, u: ({"code": w.tree.a.code}, None),
    "disclosures:public_detail": lambda w, u: ({"series": w.disclosure.series}, None),
    "disclosures:attachment": lambda w, u: ({"pk": w.disclosure.attachments.get().pk}, None),
    "disclosures:official_list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:publish": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:compliance": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "disclosures:amend": lambda w, u: ({"pk": w.disclosure.pk}, w.tree.a),
    "disclosures:take_down": lambda w, u: ({"pk": w.disclosure.pk}, w.tree.a),
    "decisions:list": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "decisions:new": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "decisions:public_result": lambda w, u: ({"pk": w.published.pk}, None),
    "decisions:vote": lambda w, u: ({}, None),
    # A signed-in household's own round (anyone else is sent to sign in first).
    "decisions:vote_signed_in": lambda w, u: ({"pk": w.ballots.pk}, None),
    "decisions:codes": lambda w, u: ({"pk": w.ballots.pk}, w.tree.village_a),
    "decisions:count_encrypted": lambda w, u: ({"pk": w.encrypted.pk}, w.tree.village_a),
    "decisions:share_saved": lambda w, u: (
        {"pk": w.encrypted.pk, "index": 1},
        w.tree.village_a,
    ),
    "decisions:round_record": lambda w, u: ({"pk": w.counted.pk}, None),
    "decisions:receipt_check": lambda w, u: ({"pk": w.counted.pk}, None),
    "petitions:submit": lambda w, u: ({}, None),
    "petitions:commune_options": lambda w, u: ({}, None),
    "petitions:track": lambda w, u: ({}, None),
    "petitions:worklist": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:intake": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:rollup": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "petitions:schedule": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "petitions:session": lambda w, u: ({"pk": w.session.pk}, w.tree.a),
    "petitions:identity": lambda w, u: ({"pk": w.denunciation.pk}, w.tree.a),
    "petitions:attachment": lambda w, u: ({"pk": w.feedback.attachments.get().pk}, w.tree.a),
    "petitions:open311_services": lambda w, u: ({}, None),
    "petitions:open311_requests": lambda w, u: ({}, None),
    "petitions:open311_request": lambda w, u: ({"code": w.feedback.tracking_code}, None),
    "dialogues:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "dialogues:public_detail": lambda w, u: ({"pk": w.dialogue.pk}, None),
    "dialogues:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:visit_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "dialogues:detail": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:item_add": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:commitment_add": lambda w, u: ({"pk": w.dialogue.pk}, w.tree.a),
    "dialogues:conclusion_add": lambda w, u: ({"pk": w.visit.pk}, w.tree.a),
    "followups:respond": lambda w, u: ({}, None),
    "oversight:public_projects": lambda w, u: ({"code": w.tree.a.code}, None),
    "oversight:public_project": lambda w, u: ({"pk": w.project.pk}, None),
    "oversight:projects": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:project_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:project": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_money": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_visit": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_board": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_dues": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:project_roles": lambda w, u: ({"pk": w.project.pk}, w.tree.a),
    "oversight:public": lambda w, u: ({"code": w.tree.a.code}, None),
    "oversight:board": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:members_import": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:board_roles": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:plan_new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:report": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "oversight:plan": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
    "oversight:findings": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
    "oversight:recommend": lambda w, u: ({"pk": w.plan.pk}, w.tree.a),
    "consultations:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "consultations:public_detail": lambda w, u: ({"pk": w.consultation.pk}, None),
    "consultations:docx": lambda w, u: ({"pk": w.published_consultation.pk}, None),
    "consultations:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "consultations:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "consultations:detail": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:record": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:close": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:result": lambda w, u: ({"pk": w.consultation.pk}, w.tree.a),
    "consultations:answer": lambda w, u: ({"pk": w.opinion.pk}, w.tree.a),
    "residents:sign_in": lambda w, u: ({}, None),
    "residents:sms": lambda w, u: ({}, None),
    "residents:pin": lambda w, u: ({}, None),
    "residents:home": lambda w, u: ({}, None),
    "residents:sign_out": lambda w, u: ({}, None),
    "residents:logins": lambda w, u: ({"code": w.tree.village_a.code}, w.tree.village_a),
    "residents:revoke": lambda w, u: ({"pk": w.household.access.pk}, w.tree.village_a),
    "support:public_list": lambda w, u: ({"code": w.tree.a.code}, None),
    "support:public_detail": lambda w, u: ({"pk": w.programme.pk}, None),
    "support:list": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "support:new": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "support:detail": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:add": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:post": lambda w, u: ({"pk": w.programme.pk}, w.tree.a),
    "support:answer": lambda w, u: ({"pk": w.objection.pk}, w.tree.a),
    "exemplars:gallery": lambda w, u: ({"code": w.tree.province.code}, None),
    "exemplars:public_detail": lambda w, u: ({"pk": w.exemplar.pk}, None),
    "exemplars:photo": lambda w, u: ({"pk": w.exemplar.photos.get().pk}, None),
    "exemplars:registry": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "exemplars:register": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "exemplars:detail": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
    "exemplars:evaluate": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
    "exemplars:recognise": lambda w, u: ({"pk": w.exemplar.pk}, w.tree.a),
    "followups:worklist": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "followups:evidence": lambda w, u: ({"pk": w.followup.evidence.get().pk}, w.tree.a),
    "accounts:login": lambda w, u: ({}, None),
    "accounts:logout": lambda w, u: ({}, None),
    "accounts:two_factor": lambda w, u: ({}, None),
    "accounts:account": lambda w, u: ({}, None),
    "accounts:password": lambda w, u: ({}, None),
    "accounts:token_revoke": lambda w, u: (
        {"pk": token_create(actor=u, name="x")[0].pk if u else 1},
        None,
    ),
}
# The matter pages all take the meeting's id.
for _name in [
    "matter",
    "open",
    "attendance",
    "counts",
    "key_in",
    "count",
    "publish",
    "void",
    "correct",
    "minutes",
]:
    PAGES[f"decisions:{_name}"] = lambda w, u: ({"pk": w.meeting.pk}, w.tree.village_a)
for _name in ["detail", "move", "reopen"]:
    PAGES[f"followups:{_name}"] = lambda w, u: ({"pk": w.followup.pk}, w.tree.a)
for _name in ["detail", "accept", "refuse", "extend", "resolve", "transfer", "suspend", "resume"]:
    PAGES[f"petitions:{_name}"] = lambda w, u: ({"pk": w.feedback.pk}, w.tree.a)


def coso_patterns() -> dict[str, Any]:
    """Every named URL of Coso's own views, with its view."""
    found: dict[str, Any] = {}

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in OTHERS - {None} or "i18n" in str(p.pattern):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                found[f"{namespace}:{p.name}" if namespace else p.name] = p.callback

    walk(get_resolver().url_patterns, None)
    return found


def expected(action: str, persona: Persona, unit: Any) -> str:
    if action == PUBLIC:
        return "allowed"
    if persona.user is None:
        return "sign in"
    if persona.role not in roles_for(action):
        return "forbidden"
    if unit is not None and persona.bound is not None and not unit.path.startswith(persona.bound):
        return "not found"  # (the nation's path "" starts with no unit's path)
    return "allowed"


def answer(response: Any) -> str:
    status = response.status_code
    assert status < 500, response
    if status in (401,) or (
        status == 302 and re.search(r"/(accounts|admin)/login/", response.get("Location", ""))
    ):
        return "sign in"
    return {403: "forbidden", 404: "not found"}.get(status, "allowed")


def _call(client: Client, url: str, persona: Persona) -> Any:
    if persona.user is not None:
        client.force_login(persona.user)
    response = client.get(url)
    if response.status_code == 405:  # a form action: it only takes POST
        response = client.post(url, {})
    client.logout()
    return response


def test_every_page_answers_as_the_matrix_says(world, record_property):
    patterns = coso_patterns()
    undeclared = sorted(n for n, view in patterns.items() if not hasattr(view, "coso_action"))
    assert not undeclared, f"pages with no action in the permission matrix: {undeclared}"
    missing = sorted(set(patterns) - set(PAGES))
    assert not missing, f"pages with no example in this test: {missing}"
    client, wrong, cases = Client(), [], 0
    for name, view in sorted(patterns.items()):
        for persona in world.personas:
            kwargs, unit = PAGES[name](world, persona.user)
            want = expected(view.coso_action, persona, unit)
            got = answer(_call(client, reverse(name, kwargs=kwargs), persona))
            cases += 1
            if got != want:
                wrong.append(f"{name} as {persona.label}: {got}, matrix says {want}")
    record_property(
        "summary",
        f"permission matrix: {len(patterns)} URL patterns × {len(world.personas)} personas"
        f" = {cases} cases",
    )
    assert not wrong, "\n".join(wrong)


API_EXAMPLES: dict[str, Callable[[Any], tuple[dict[str, Any], dict[str, Any] | None, Any]]] = {
    "GET /api/units": lambda w: ({}, None, None),
    "GET /api/units/{code}": lambda w: ({"code": w.tree.a.code}, None, None),
    "GET /api/households": lambda w: ({"unit": w.tree.village_a.code}, None, w.tree.village_a),
    "GET /api/households/{household_id}": lambda w: (
        {"household_id": w.household.pk},
        None,
        w.tree.village_a,
    ),
    "GET /api/disclosures": lambda w: ({"unit": w.tree.a.code}, None, None),
    "GET /api/disclosures/{series}": lambda w: ({"series": w.disclosure.series}, None, None),
    "POST /api/disclosures": lambda w: (
        {},
        {"unit": w.tree.a.code, "category": "99", "title": "x", "channels": ["notice_board"]},
        w.tree.a,
    ),
    "POST /api/disclosures/{series}/take-down": lambda w: (
        {"series": w.disclosure.series},
        {"reason": ""},
        w.tree.a,
    ),
    "GET /api/petitions": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/dialogues": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/dialogues/{meeting_id}": lambda w: ({"meeting_id": w.dialogue.pk}, None, w.tree.a),
    "POST /api/dialogues": lambda w: (
        {},
        {
            "unit": w.tree.a.code,
            "kind": "dialogue",
            "date": dt.date.today().isoformat(),
            "place": "x",
            "chair": "y",
        },
        w.tree.a,
    ),
    "POST /api/dialogues/{meeting_id}/questions": lambda w: (
        {"meeting_id": w.dialogue.pk},
        {"text": "x"},
        w.tree.a,
    ),
    "GET /api/exemplars": lambda w: ({"province": w.tree.province.code}, None, None),
    "GET /api/exemplars/{exemplar_id}": lambda w: ({"exemplar_id": w.exemplar.pk}, None, None),
    "GET /api/support": lambda w: ({"unit": w.tree.a.code}, None, None),
    "GET /api/support/{programme_id}": lambda w: ({"programme_id": w.programme.pk}, None, None),
    "GET /api/followups": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
    "GET /api/followups/{followup_id}": lambda w: (
        {"followup_id": w.followup.pk},
        None,
        w.tree.a,
    ),
    "POST /api/followups/{followup_id}/status": lambda w: (
        {"followup_id": w.followup.pk},
        {"status": "bogus"},
        w.tree.a,
    ),
    "GET /api/indicators": lambda w: ({"unit": w.tree.province.code, "period": "2026"}, None, None),
    "GET /api/petitions/{petition_id}": lambda w: (
        {"petition_id": w.feedback.pk},
        None,
        w.tree.a,
    ),
}


def api_operations() -> dict[str, str]:
    schema = api.get_openapi_schema(path_prefix="/api")
    return {
        f"{method.upper()} {path}": op.get("x-coso-action")
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }


def test_every_api_operation_answers_as_the_matrix_says(world, record_property):
    operations = api_operations()
    undeclared = sorted(label for label, action in operations.items() if not action)
    assert not undeclared, f"API operations with no x-coso-action: {undeclared}"
    missing = sorted(set(operations) - set(API_EXAMPLES))
    assert not missing, f"API operations with no example in this test: {missing}"
    client, wrong, cases = Client(), [], 0
    for label, action in sorted(operations.items()):
        method, path = label.split(" ", 1)
        values, body, unit = API_EXAMPLES[label](world)
        query = {k: v for k, v in values.items() if "{" + k + "}" not in path}
        url = path.format(**{k: v for k, v in values.items() if "{" + k + "}" in path})
        for persona in world.personas:
            if persona.user is not None:
                client.force_login(persona.user)
            if method == "GET":
                response = client.get(url, query)
            else:
                response = client.post(url, body, content_type="application/json")
            client.logout()
            cases += 1
            want, got = expected(action, persona, unit), answer(response)
            if got != want:
                wrong.append(f"{label} as {persona.label}: {got}, matrix says {want}")
    record_property(
        "summary",
        f"permission matrix: {len(operations)} API operations × {len(world.personas)} personas"
        f" = {cases} cases",
    )
    assert not wrong, "\n".join(wrong)


def test_every_admin_page_answers_as_the_matrix_says(world):
    client, wrong = Client(), []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        # National tables (the rulebook, the rubric): only a role held nationwide.
        national = isinstance(model_admin, MatrixPermissions)
        if isinstance(model_admin, ScopedAdmin):
            action = model_admin.view_action
        elif national:
            action = model_admin.action
        else:
            action = None  # a library's admin: superusers only, and no persona is one
        for persona in world.personas:
            if persona.user is None:
                want = "sign in"
            elif (
                not roles_for("records.read") >= {persona.role}
                or action is None
                or persona.role not in roles_for(action)
                or (national and persona.bound is not None)
            ):
                want = "forbidden"
            else:
                want = "allowed"
            got = answer(_call(client, url, persona))
            if got != want:
                wrong.append(f"{url} as {persona.label}: {got}, matrix says {want}")
    assert not wrong, "\n".join(wrong)


# What the household factory and the petitions above hold about people.
PERSONAL = ["Lò Văn Pọm", "Lò Thị Mai", "17/05/1980", "1980-05-17", "Nguyễn Thị Gửi", "0912000111"]


def test_roles_without_personal_data_find_none_anywhere(world):
    """Crawl every page and API read as each role the matrix denies personal data:
    no resident's name, birth date or contact on any answer; the village's figures
    instead of its people."""
    client = Client()
    blind = [p for p in world.personas if p.user and p.role not in roles_for("personal.read")]
    assert {p.role for p in blind} >= {Role.PROVINCE_VIEWER, Role.CENTRAL_VIEWER}
    for persona in blind:
        client.force_login(persona.user)
        for name in coso_patterns():
            kwargs, _unit = PAGES[name](world, persona.user)
            response = client.get(reverse(name, kwargs=kwargs))
            raw = b"".join(response.streaming_content) if response.streaming else response.content
            body = raw.decode(errors="replace")
            leaked = [text for text in PERSONAL if text in body]
            assert not leaked, f"{name} shows {leaked} to {persona.label}"
        for label in api_operations():
            method, path = label.split(" ", 1)
            if method != "GET":
                continue
            values, _body, _unit = API_EXAMPLES[label](world)
            query = {k: v for k, v in values.items() if "{" + k + "}" not in path}
            url = path.format(**{k: v for k, v in values.items() if "{" + k + "}" in path})
            body = client.get(url, query).content.decode("unicode_escape", errors="replace")
            leaked = [text for text in PERSONAL if text in body]
            assert not leaked, f"{label} shows {leaked} to {persona.label}"
    province = next(p for p in blind if p.label == "province_viewer here")
    client.force_login(province.user)
    page = client.get(reverse("units:official_unit", args=[world.tree.village_a.code]))
    assert page.status_code == 200 and 'id="figures"' in page.content.decode()
    assert page.context["figures"]["households"] == 2
    for name in ("decisions:codes", "people:village_export"):
        kwargs, _unit = PAGES[name](world, province.user)
        assert client.get(reverse(name, kwargs=kwargs)).status_code in (403, 404)


def test_the_organiser_sees_the_codes_and_the_view_is_audited(world):
    from coso.core.models import AuditEntry

    head = next(p.user for p in world.personas if p.label == "village_head here")
    client = Client()
    client.force_login(head)
    page = client.get(reverse("decisions:codes", args=[world.ballots.pk]))
    code = world.ballots.codes.first().code
    assert page.status_code == 200 and code in page.content.decode()
    viewed = AuditEntry.objects.filter(
        model="decisions.householdcode", object_pk=str(world.ballots.pk), actor=head
    )
    assert viewed.count() == 1


def test_the_documented_matrix_is_the_matrix():
    assert DOC.read_text() == markdown(), (
        "docs/permissions.md differs from coso.core.permissions: run "
        "`.venv/bin/coso permissions > docs/permissions.md` and review the change"
    )


def _admin_actions() -> dict[str, dict[str, str | None] | None]:
    found: dict[str, dict[str, str | None] | None] = {}
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ScopedAdmin):
            actions = {"view": model_admin.view_action, "edit": model_admin.edit_action}
        elif isinstance(model_admin, MatrixPermissions):
            actions = {"view": model_admin.action, "edit": model_admin.action}
        else:
            actions = None
        found[model._meta.label] = actions
    return found


def test_the_matrix_is_the_pinned_matrix():
    """Cell by cell: every action's data class and each role's grant, as pinned."""
    pinned = json.loads(PINNED.read_text())["actions"]
    now = {
        a.code: {"data_class": a.data_class, "roles": {r: r in a.roles for r in role_names()}}
        for a in matrix().values()
    }
    assert sorted(now) == sorted(pinned), "actions added to or taken from the matrix"
    differ = [
        f"{code} × {role}: {now[code]['roles'].get(role)}, pinned {granted}"
        for code, cells in pinned.items()
        for role, granted in cells["roles"].items()
        if now[code]["roles"].get(role) != granted
    ]
    differ += [
        f"{code}: data class {now[code]['data_class']}, pinned {cells['data_class']}"
        for code, cells in pinned.items()
        if now[code]["data_class"] != cells["data_class"]
    ]
    assert not differ, "\n".join(differ)


def test_every_endpoint_asks_its_pinned_action():
    pinned = json.loads(PINNED.read_text())
    now = {
        "pages": {name: view.coso_action for name, view in coso_patterns().items()},
        "api": api_operations(),
        "admin": _admin_actions(),
    }
    for kind in ("pages", "api", "admin"):
        differ = [
            f"{name}: {now[kind].get(name)}, pinned {action}"
            for name, action in pinned[kind].items()
            if now[kind].get(name) != action
        ]
        differ += [f"{name}: not pinned" for name in set(now[kind]) - set(pinned[kind])]
        assert not differ, f"{kind}:\n" + "\n".join(sorted(differ))
