"""Every paper Coso prints, printed by Chromium to an A4 PDF: the disclosure notice for the
notice board, the household ballot forms with their codes, the household sign-in letters,
a meeting's minutes, a petition's receipt, a consultation's draft. Each PDF opens
(pypdf reads its pages and text), holds what the paper is for (title, code, closing
date) and none of the site's chrome; the letters and forms come one to a sheet; and the
QR codes, rendered to an image (pdftoppm at 150 dpi) and decoded (zxing-cpp), hold the
addresses they promise — the notice's, the disclosure's stable public address."""

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from coso.accounts.models import Role, RoleAssignment, User
from coso.consultations import services as consultations
from coso.decisions import services as decisions
from coso.decisions.models import HouseholdCode
from coso.disclosures.services import DisclosureData, disclosure_publish
from coso.people.tests.factories import make_household
from coso.petitions import services as petitions
from coso.units.tests.factories import commune, province, village
from tests.browser.conftest import ARTIFACTS

PASSWORD = "mat-khau-demo-2026"


def _print(page, name: str) -> tuple[str, int, Path]:
    """The current page printed to A4 as Chromium prints it: (its text, its number of
    pages, the PNG of its first page). Every page is kept as PNG beside the PDF."""
    folder = ARTIFACTS / "print"
    folder.mkdir(exist_ok=True)
    for old in folder.glob(f"{name}*"):
        old.unlink()
    pdf = folder / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / name)],
        check=True,
        timeout=120,
    )
    pngs = sorted(folder.glob(f"{name}-*.png"))
    assert len(pngs) == len(reader.pages)
    # Paper has no site chrome: no menu, no sign-out button, no footer motto.
    for chrome in ("Đăng xuất", "Gửi phản ánh", "Dân biết, dân bàn", "Ctrl+P"):
        assert chrome not in text, (name, chrome)
    return text, len(reader.pages), pngs[0]


def _follow(page, url: str, link: str, name: str) -> tuple[str, int, Path]:
    """From a record's page, follow its print link; the print view as the screen shows
    it (a screenshot), then printed (`_print`)."""
    page.goto(url)
    page.get_by_role("link", name=link).click()
    page.wait_for_selector("article")
    page.screenshot(path=str(ARTIFACTS / f"print-{name}-screen.png"), full_page=True)
    return _print(page, name)


def _qr(png: Path) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


def _sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("#signed-in")


def _world():
    lai_chau = province("Lai Châu")
    xa = commune(lai_chau, "Xã Tam Đường")
    ban = village(xa, "Bản Nà Luông")
    for n in range(1, 4):
        make_household(ban, f"NL-{n}")
    head = User.objects.create_user("truongban", password=PASSWORD)
    RoleAssignment.objects.create(user=head, unit=ban, role=Role.VILLAGE_HEAD)
    official = User.objects.create_user("canboxa", password=PASSWORD)
    RoleAssignment.objects.create(user=official, unit=xa, role=Role.COMMUNE_OFFICIAL)
    return xa, ban, head, official


def test_each_paper_prints_to_a_pdf_that_opens(live_server, browser_page):
    xa, ban, head, official = _world()
    page = browser_page
    _public_papers(live_server, page, xa, official)
    _sign_in(page, live_server, "truongban")
    _village_papers(live_server, page, ban, head)
    page.context.clear_cookies()
    _sign_in(page, live_server, "canboxa")
    _receipt(live_server, page, xa, official)


def _public_papers(live_server, page, xa, official) -> None:
    """The disclosure notice and the consultation's draft: public, no account."""
    disclosure = disclosure_publish(
        actor=official,
        unit=xa,
        data=DisclosureData(
            category="2",
            title="Công khai dự toán ngân sách xã năm 2027",
            body="Tổng thu, tổng chi và các khoản chi chủ yếu.",
            channels=["notice_board"],
        ),
    )
    text, pages, png = _follow(
        page, f"{live_server.url}/d/{disclosure.series}/", "In thông báo niêm yết", "notice"
    )
    assert pages == 1
    assert "Công khai dự toán ngân sách xã năm 2027" in text and "Xã Tam Đường" in text
    start, end = disclosure.posted_on, disclosure.keep_until
    assert f"từ ngày {start:%d/%m/%Y} đến ít nhất ngày {end:%d/%m/%Y}" in text
    assert _qr(png) == [f"{live_server.url}/d/{disclosure.series}/"]

    today = dt.date.today()
    draft = consultations.consultation_publish(
        actor=official,
        unit=xa,
        draft=consultations.Draft(
            category="7",
            title="Dự thảo Quy chế dân chủ xã",
            clauses=["Điều 1. Phạm vi áp dụng.", "Điều 2. Họp thôn mỗi quý một lần."],
            forms=["meeting"],
            closes_on=today + dt.timedelta(days=30),
        ),
    )
    text, pages, png = _follow(
        page, f"{live_server.url}/consultations/{draft.pk}/", "In dự thảo", "draft"
    )
    assert "Dự thảo Quy chế dân chủ xã" in text and "Họp thôn mỗi quý một lần" in text
    assert f"Hạn góp ý {draft.closes_on:%d/%m/%Y}" in text
    assert _qr(png) == [f"{live_server.url}/consultations/{draft.pk}/"]


def _village_papers(live_server, page, ban, head) -> None:
    """The village head's: the household ballot forms, the sign-in letters, the minutes."""
    ballot = decisions.matter_create(
        actor=head, unit=ban, matter_type="6", title="Chọn ngày hội bản", method="ballot"
    )
    decisions.matter_open(actor=head, matter=ballot)
    page.goto(f"{live_server.url}/app/matters/{ballot.pk}/codes/")
    text, pages, png = _print(page, "ballot-forms")
    codes = HouseholdCode.objects.filter(matter=ballot).order_by("form_number")
    assert pages == codes.count() == 3  # one form to a sheet
    for code in codes:
        assert code.code in text.replace(" ", "")
    assert _qr(png) == [f"{live_server.url}/vote/#code={codes[0].code}"]

    secret = decisions.matter_create(
        actor=head,
        unit=ban,
        matter_type="6",
        title="Bầu tổ hòa giải",
        method="ballot",
        secret=True,
        counting_board=["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường"],
    )
    decisions.matter_open(actor=head, matter=secret)
    page.goto(f"{live_server.url}/app/matters/{secret.pk}/codes/")
    text, pages, png = _print(page, "stub-forms")
    for code in HouseholdCode.objects.filter(matter=secret):
        assert code.code in text.replace(" ", "")
    assert text.count("Phiếu biểu quyết kín") == 3

    page.goto(f"{live_server.url}/app/units/{ban.code}/household-logins/")
    page.get_by_role("button", name="Cấp mã cho tất cả các hộ").click()
    page.get_by_role("button", name="Xác nhận: cấp mã mới cho 3 hộ").click()
    page.wait_for_selector("#sheet")
    login = page.locator("#sheet code").first.inner_text()
    activation = page.locator("#sheet code.activation").first.inner_text()
    text, pages, png = _print(page, "sign-in-letters")
    assert pages == 3  # one letter to a sheet, no list of households after them
    assert login in text and activation in text
    assert _qr(png) == [f"{live_server.url}/ho/dang-nhap/#login={login}&code={activation}"]

    meeting = decisions.matter_create(
        actor=head, unit=ban, matter_type="6", title="Làm đường vào bản"
    )
    decisions.matter_open(actor=head, matter=meeting)
    present = [c.household_id for c in HouseholdCode.objects.filter(matter=ballot)]
    decisions.attendance_record(actor=head, matter=meeting, household_ids=present)
    decisions.tally_record(actor=head, matter=meeting, counts={"yes": 2, "no": 1})
    decisions.matter_count(actor=head, matter=meeting)
    decisions.matter_publish(
        actor=head, matter=meeting, chair="Lò Văn Chủ", secretary="Tòng Thị Ký", venue="Nhà văn hóa"
    )
    text, pages, png = _follow(
        page, f"{live_server.url}/app/matters/{meeting.pk}/", "In biên bản", "minutes"
    )
    assert "BIÊN BẢN" in text and "Làm đường vào bản" in text
    assert "Lò Văn Chủ" in text and "Tòng Thị Ký" in text and "Nhà văn hóa" in text


def _receipt(live_server, page, xa, official) -> None:
    """The commune official's: the receipt of a petition received in person."""
    petition = petitions.petition_submit(
        actor=official,
        unit=xa,
        data=petitions.Submission(
            kind="feedback",
            subject="Đèn đường hỏng ở Bản Nà Luông",
            description="Ba cột đèn không sáng.",
            channel="in_person",
            sender_name="Lò Thị Gửi",
            received_on=dt.date.today(),
        ),
    )
    text, pages, png = _follow(
        page, f"{live_server.url}/app/petitions/{petition.pk}/", "In giấy biên nhận", "receipt"
    )
    assert pages == 1
    assert f"Mã theo dõi: {petition.tracking_code}" in text
    assert "GIẤY BIÊN NHẬN" in text and "Đèn đường hỏng ở Bản Nà Luông" in text
    assert f"{live_server.url}/petitions/track/" in text.replace("\n", "")
