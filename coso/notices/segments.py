"""How long a text is, as the network counts it. A text whose every character is in the
GSM 03.38 alphabet goes in 7-bit segments: 160 characters alone, 153 each when
concatenated (the rest carry the join header); an extension character (€, [, ] …)
takes two. Any other character — every Vietnamese letter with a diacritic — sends the
whole text in UCS-2: 70 characters alone, 67 each when concatenated.

Beyond `COSO_SMS_MAX_SEGMENTS` a text is cut, ending in "…", to fit that many segments
(each segment is paid for; a sign-in code is short and never cut)."""

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
ELLIPSIS = "…"  # not in GSM 03.38: a cut text is sent in UCS-2


def is_gsm(text: str) -> bool:
    """Whether the text goes in the 7-bit alphabet (no diacritics beyond GSM's few)."""
    return all(c in GSM_BASIC or c in GSM_EXTENSION for c in text)


def _units(text: str) -> int:
    """The text's length in its alphabet's units (UCS-2 counts UTF-16 code units)."""
    if is_gsm(text):
        return sum(2 if c in GSM_EXTENSION else 1 for c in text)
    return len(text.encode("utf-16-le")) // 2


def _sizes(gsm: bool) -> tuple[int, int]:
    """(one segment alone, each of several)."""
    return (160, 153) if gsm else (70, 67)


def segments(text: str) -> int:
    """How many segments the network sends the text in."""
    units = _units(text)
    single, each = _sizes(is_gsm(text))
    if units <= single:
        return 1
    return -(-units // each)


def fit(text: str, max_segments: int) -> str:
    """The text as sent: whole when it fits in `max_segments`, else cut to fit with "…"
    (which makes it UCS-2)."""
    if segments(text) <= max_segments:
        return text
    single, each = _sizes(gsm=False)
    room = (single if max_segments == 1 else each * max_segments) - 1  # the "…"
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1  # UTF-16 code units
        if units > room:
            return text[:index].rstrip() + ELLIPSIS
    return text
