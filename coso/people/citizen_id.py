"""The 12-digit personal identification number (số định danh cá nhân, on the CCCD card).

Structure (Decree 137/2015/NĐ-CP art. 7; Circular 59/2021/TT-BCA art. 7): 3 digits for
the province where the birth was registered, 1 digit for sex and century of birth,
2 digits for the last two digits of the year of birth, 6 random digits.
"""

import datetime as dt

from django.utils.translation import gettext as _

# Province codes of birth registration (the 63 provinces before 1 July 2025; the
# 34 provinces after it kept codes from this same list).
PROVINCE_CODES = frozenset(
    {
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    }
)

MALE, FEMALE = "M", "F"


def sex_century_digit(*, sex: str, birth_year: int) -> int:
    """0/1 for men/women born 1900–1999, 2/3 for 2000–2099, and so on up to 8/9."""
    return (birth_year // 100 - 19) * 2 + (1 if sex == FEMALE else 0)


def citizen_id_errors(number: str, *, sex: str | None, date_of_birth: dt.date | None) -> list[str]:
    """Why `number` cannot be this person's ID number (empty when it can)."""
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return [_("Số định danh cá nhân phải gồm đúng 12 chữ số.")]
    errors = []
    if number[:3] not in PROVINCE_CODES:
        errors.append(
            _("Ba số đầu của số định danh (%(code)s) không phải mã tỉnh nơi đăng ký khai sinh.")
            % {"code": number[:3]}
        )
    if date_of_birth and sex in (MALE, FEMALE):
        if 1900 <= date_of_birth.year <= 2399:
            expected = sex_century_digit(sex=sex, birth_year=date_of_birth.year)
            if int(number[3]) != expected:
                errors.append(
                    _(
                        "Số thứ tư của số định danh không khớp với giới tính và thế kỷ "
                        "sinh (phải là %(digit)s)."
                    )
                    % {"digit": expected}
                )
        if number[4:6] != f"{date_of_birth.year % 100:02d}":
            errors.append(
                _("Số thứ năm và sáu của số định danh không khớp với năm sinh (phải là %(yy)s).")
                % {"yy": f"{date_of_birth.year % 100:02d}"}
            )
    return errors


def masked(value: str | None) -> str | None:
    """A citizen ID number showing only its last 3 digits, for roles that see people
    but not their whole ID (Decree 13/2023/NĐ-CP: only the data the work needs)."""
    if not value:
        return value
    return "*" * (len(value) - 3) + value[-3:]
