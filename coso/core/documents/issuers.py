"""Who issues a document, where, and who signs it: a unit's name as a heading writes it,
the bodies at the head of what it issues, the place before the date, the signer."""

from dataclasses import dataclass
from typing import Any

ARCHIVE = "Lưu: VT"


def unit_title(unit: Any) -> str:
    """A unit's name with its kind, as a heading writes it: "tỉnh Lai Châu" (a
    province's name in the national list has no kind), "Xã Tam Đường" (a commune's has)."""
    if unit.kind == "province":
        city = unit.division_type == "thanh_pho_trung_uong"
        return f"{'thành phố' if city else 'tỉnh'} {unit.name}"
    if unit.kind == "commune":  # "xã Tam Đường" inside a sentence
        return f"{unit.name[:1].lower()}{unit.name[1:]}"
    return str(unit.name)


def issuer_of(unit: Any) -> tuple[str, str, str]:
    """(parent body, issuing body, symbol suffix) of what a unit issues: a province's or
    a commune's People's Committee (UBND) stands alone; a village writes its commune's
    committee above itself; an agency or enterprise the unit above it."""
    if unit.kind in ("province", "commune"):
        return "", f"Ủy ban nhân dân\n{unit_title(unit)}", "UBND"
    parent = unit.parent
    if parent is None:
        return "", str(unit.name), ""
    above = f"UBND {unit_title(parent)}" if parent.kind in ("province", "commune") else parent.name
    return above, str(unit.name), ""


def place_of(unit: Any) -> str:
    """The place written before the date: the name of the commune (or province) the
    unit lies in, without its kind unless the name is a number ("Tam Đường", "Phường 5")."""
    while unit.parent is not None and unit.kind not in ("province", "commune"):
        unit = unit.parent
    name = str(unit.name)
    for kind in ("Xã ", "Phường ", "Đặc khu "):
        rest = name.removeprefix(kind)
        if rest != name and not rest.isdigit():
            return rest
    return name


@dataclass(frozen=True)
class Signer:
    """Who signs: the authority they sign for ("TM. ỦY BAN NHÂN DÂN"), their title
    ("CHỦ TỊCH") and their name; `note` is a line in italics under the title."""

    title: str
    name: str = ""
    authority: str = ""
    note: str = ""
