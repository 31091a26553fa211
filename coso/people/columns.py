"""The columns of a household list, shared by import and export so that files round-trip."""

from coso.core.text import fold
from coso.people.models import Relation, Sex

# (key, header as communes write it). Order is the export's column order.
COLUMNS = [
    ("village", "Thôn/Tổ dân phố"),
    ("household_code", "Mã hộ"),
    ("address", "Địa chỉ"),
    ("full_name", "Họ và tên"),
    ("sex", "Giới tính"),
    ("date_of_birth", "Ngày sinh"),
    ("citizen_id", "Số định danh cá nhân"),
    ("relation", "Quan hệ với chủ hộ"),
    ("representative", "Đại diện hộ"),
]
REQUIRED = {"household_code", "full_name", "sex", "date_of_birth", "relation", "representative"}

# Other headings seen in communes' sheets, folded.
HEADER_ALIASES = {
    **{fold(header): key for key, header in COLUMNS},
    "thon": "village",
    "to dan pho": "village",
    "thon/to": "village",
    "thon, to dan pho": "village",
    "ho ten": "full_name",
    "ho va ten nhan khau": "full_name",
    "so cccd": "citizen_id",
    "cccd": "citizen_id",
    "so can cuoc": "citizen_id",
    "so dinh danh": "citizen_id",
    "quan he": "relation",
    "dai dien": "representative",
}

SEX_WORDS = {"nam": Sex.MALE, "nu": Sex.FEMALE, "male": Sex.MALE, "female": Sex.FEMALE}

RELATION_WORDS = {
    **{fold(str(label)): value for value, label in Relation.choices},
    "vo": Relation.SPOUSE,
    "chong": Relation.SPOUSE,
    "bo": Relation.PARENT,
    "cha": Relation.PARENT,
    "me": Relation.PARENT,
    "ong": Relation.GRANDPARENT,
    "ba": Relation.GRANDPARENT,
    "anh": Relation.SIBLING,
    "chi": Relation.SIBLING,
    "em": Relation.SIBLING,
    "con dau": Relation.CHILD_IN_LAW,
    "con re": Relation.CHILD_IN_LAW,
}

YES_WORDS = {"x", "co", "1", "yes", "true", "dai dien"}
NO_WORDS = {"", "khong", "0", "no", "false"}
