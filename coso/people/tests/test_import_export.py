import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from coso.core.errors import DomainError
from coso.people.columns import COLUMNS
from coso.people.exports import village_households_xlsx
from coso.people.imports import ImportRejected, households_import
from coso.people.models import Household, Resident
from coso.people.tests.factories import adult, make_household

HEADER = [header for _key, header in COLUMNS]
GOOD = [
    [
        "Bản Nà Luông",
        "H01",
        "Số 5",
        "Lò Văn Pọm",
        "Nam",
        "17/05/1980",
        "012080001234",
        "Chủ hộ",
        "x",
    ],
    ["Bản Nà Luông", "H01", "Số 5", "Lò Thị Dợ", "Nữ", "02/03/1983", "", "Vợ", ""],
    ["Bản Nà Luông", "H01", "Số 5", "Lò Văn Pao", "Nam", "09/09/2014", "", "Con", ""],
    ["Bản Nà Luông", "H02", "Số 7", "Giàng Thị Mỷ", "Nữ", "1990-01-01", "", "Chủ hộ", "x"],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_good_csv_imports_households_and_members(tree, tmp_path):
    created = households_import(actor=None, unit=tree.a, path=write_csv(tmp_path / "h.csv", GOOD))
    assert created == 2
    h01 = Household.objects.get(code="H01")
    assert h01.village == tree.village_a and h01.members.count() == 3
    assert h01.members.get(is_representative=True).citizen_id == "012080001234"


def test_xlsx_with_real_dates_imports(tree, tmp_path):
    rows = [
        r[:5] + [dt.datetime.strptime(r[5], "%d/%m/%Y") if "/" in r[5] else r[5]] + r[6:]
        for r in GOOD
    ]
    assert (
        households_import(actor=None, unit=tree.a, path=write_xlsx(tmp_path / "h.xlsx", rows)) == 2
    )


def test_three_bad_rows_are_reported_and_nothing_is_imported(tree, tmp_path):
    bad = [list(r) for r in GOOD]
    bad[1][4] = "Không rõ"  # row 3: sex
    bad[2][5] = "31/02/2014"  # row 4: date
    bad.append(
        ["Bản Không Có", "H03", "", "Ai Đó", "Nam", "01/01/1970", "", "Chủ hộ", "x"]
    )  # row 6
    make_household(tree.village_b, "EXISTING")
    before = (Household.objects.count(), Resident.objects.count())
    with pytest.raises(ImportRejected) as rejected:
        households_import(actor=None, unit=tree.a, path=write_csv(tmp_path / "bad.csv", bad))
    assert [e.row for e in rejected.value.errors] == [3, 4, 6]
    messages = [e.message for e in rejected.value.errors]
    assert (
        "Giới tính" in messages[0] and "Ngày sinh" in messages[1] and "Bản Không Có" in messages[2]
    )
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_household_level_errors_name_the_household_row(tree, tmp_path):
    rows = [list(r) for r in GOOD]
    rows[3][8] = ""  # H02 has no representative
    rows.append(
        ["Bản Nà Luông", "H02", "", "Giàng A Sử", "Nam", "01/01/1980", "012080001234", "Chồng", ""]
    )  # row 6: same ID as row 2
    with pytest.raises(ImportRejected) as rejected:
        households_import(actor=None, unit=tree.a, path=write_csv(tmp_path / "h.csv", rows))
    found = {(e.row, e.message.split(":")[0]) for e in rejected.value.errors}
    assert (5, "Hộ H02") in found
    assert any(e.row == 6 and "trùng với dòng 2" in e.message for e in rejected.value.errors)


def test_existing_codes_and_ids_are_refused(tree, tmp_path):
    make_household(tree.village_a, "H01", members=[adult(citizen_id="012080001234")])
    with pytest.raises(ImportRejected) as rejected:
        households_import(actor=None, unit=tree.a, path=write_csv(tmp_path / "h.csv", GOOD))
    assert {e.row for e in rejected.value.errors} == {2}
    assert len(rejected.value.errors) == 2


def test_missing_columns_and_wrong_file_types(tree, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("Mã hộ,Họ và tên\nH1,A\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="lỗi") as rejected:
        households_import(actor=None, unit=tree.a, path=path)
    assert rejected.value.errors[0].row == 1 and "Thiếu cột" in rejected.value.errors[0].message
    other = tmp_path / "h.txt"
    other.write_text("x")
    with pytest.raises(DomainError, match="xlsx"):
        households_import(actor=None, unit=tree.a, path=other)


def test_command_prints_rows_and_exits_non_zero(tree, tmp_path):
    bad = [list(r) for r in GOOD]
    bad[0][4] = "?"
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_households",
            str(write_csv(tmp_path / "b.csv", bad)),
            unit=tree.a.code,
            stderr=stderr,
        )
    assert "Dòng 2: Giới tính phải là Nam hoặc Nữ." in stderr.getvalue()
    assert not Household.objects.exists()


def test_export_round_trips_through_import(tree, tmp_path):
    households_import(actor=None, unit=tree.a, path=write_csv(tmp_path / "h.csv", GOOD))
    content = village_households_xlsx(village=tree.village_a, full_ids=True)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER and len(rows) == 5

    def people():
        return sorted(
            Resident.objects.filter(household__village=tree.village_a).values_list(
                "household__code",
                "household__address",
                "full_name",
                "sex",
                "date_of_birth",
                "citizen_id",
                "relation",
                "is_representative",
            )
        )

    before = people()
    # The exported file imports back into an emptied village and gives the same list.
    Resident.objects.all().delete()
    Household.objects.all().delete()
    (tmp_path / "export.xlsx").write_bytes(content)
    assert households_import(actor=None, unit=tree.a, path=tmp_path / "export.xlsx") == 2
    assert people() == before


def test_export_never_turns_text_into_a_formula(tree):
    make_household(tree.village_a, '=HYPERLINK("http://x")', members=[adult("=1+1")])
    sheet = load_workbook(
        io.BytesIO(village_households_xlsx(village=tree.village_a, full_ids=True))
    ).active
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_sample_file_in_docs_imports(tree):
    from coso.units.tests.factories import village

    for name in ("Bản Nà Luông 2", "Tổ dân phố số 3"):
        village(tree.a, name)
    sample = Path(__file__).resolve().parents[3] / "docs" / "households-sample.csv"
    assert households_import(actor=None, unit=tree.a, path=sample) >= 3


def test_cli_exit_code_for_missing_file(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coso",
            "import-households",
            str(tmp_path / "none.csv"),
            "--unit",
            "X",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
