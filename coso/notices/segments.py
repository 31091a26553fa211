"""How long a text is, as the network counts it. A text whose every character is in the
GSM 03.38 alphabet goes in 7-bit segments: 160 characters alone, 153 each when
concatenated (the rest carry the join header); an extension character (€, [, ] …)
takes two. Any other character — every Vietnamese letter with a diacritic — sends the
whole text in UCS-2: 70 characters alone, 67 each when concatenated.

Beyond `COSO_SMS_MAX_SEGMENTS` a text is cut to fit that many segments, in its own
alphabet, and ends in an ellipsis: "…" in UCS-2, "..." in the 7-bit alphabet (where "…"
does not exist and would turn the whole text into UCS-2, less than half the room). Each
segment is paid for; a sign-in code is short and never cut. The end of a long text is
what is lost, so a notice's text puts what matters, and any link, first."""

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
ELLIPSIS = "…"  # not in GSM 03.38
GSM_ELLIPSIS = "..."


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
    """The text as sent: whole when it fits in `max_segments`, else cut to fit, with an
    ellipsis of its own alphabet."""
    if segments(text) <= max_segments:
        return text
    gsm = is_gsm(text)
    ellipsis = GSM_ELLIPSIS if gsm else ELLIPSIS
    single, each = _sizes(gsm)
    room = (single if max_segments == 1 else each * max_segments) - _units(ellipsis)
    units = 0
    for index, char in enumerate(text):
        if gsm:
            units += 2 if char in GSM_EXTENSION else 1
        else:
            units += 2 if ord(char) > 0xFFFF else 1  # UTF-16 code units
        if units > room:
            return text[:index].rstrip() + ellipsis
    return text
