"""A QR code drawn as an inline SVG for a printed page: paths with presentation
attributes only (no `style`), which the Content-Security-Policy lets through, and a
viewBox, so the print stylesheet sets its size."""

import segno


def qr_svg(text: str) -> str:
    """The QR code of `text` (a page's absolute address), error correction M (15 %: a
    notice board's paper gets wet and creased), with its four-module quiet zone."""
    return segno.make(text, error="m").svg_inline(omitsize=True, svgclass="qr", lineclass=None)
