"""Legal values the foundation needs before the versioned rulebook exists.

Each value names the article it implements. The rulebook (`coso.rules` models) will
take these over as records with `effective_from`; until then they are read from here,
never written as literals where they are used.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    value: int
    citation: str
    note: str = ""


# A household representative must be an adult member (GDL art. 18); an adult is a
# person of full eighteen years (Civil Code 91/2015/QH13 art. 20(1)).
ADULT_AGE = Rule(
    code="person.adult_age",
    value=18,
    citation="Bộ luật Dân sự 91/2015/QH13, điều 20 khoản 1; Luật THDC ở cơ sở 10/2022/QH15, điều 18",
)
