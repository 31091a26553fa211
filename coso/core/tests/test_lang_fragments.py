"""`lang` on the page and on its fragments in the other language (WCAG 3.1.2): in the
English interface the units' Vietnamese names in the crumbs and the heading are marked
Vietnamese, and the language switch names each language in itself."""

import unicodedata
from html.parser import HTMLParser

import pytest

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Texts(HTMLParser):
    """Each text of the page with the language it is in (the nearest `lang`) and the
    elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str, str]] = []  # tag, lang, class
        self.texts: list[tuple[str, str, list[str]]] = []  # text, lang, tags and classes

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            return
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and self.stack:
            where = [f"{t}.{c}" if c else t for t, _, c in self.stack]
            self.texts.append(
                (unicodedata.normalize("NFC", data.strip()), self.stack[-1][1], where)
            )

    def lang_of(self, text: str, inside: str) -> set[str]:
        return {lang for t, lang, where in self.texts if t == text and inside in where}


def page(client, path: str) -> Texts:
    parsed = Texts()
    parsed.feed(client.get(path).content.decode())
    return parsed


@pytest.mark.django_db
def test_english_pages_mark_unit_names_vietnamese(tree, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for path in (f"/units/{tree.village_a.code}/", f"/units/{tree.a.code}/disclosures/"):
        parsed = page(client, path)
        assert parsed.lang_of("Tiếng Việt", "button.link") == {"vi"}, path
        assert parsed.lang_of("Xã Tam Đường", "nav.crumbs") == {"vi"}, path
        assert parsed.lang_of("Lai Châu", "nav.crumbs") == {"vi"}, path
    assert page(client, f"/units/{tree.village_a.code}/").lang_of("Bản Nà Luông", "h1") == {"vi"}
    assert page(client, f"/units/{tree.a.code}/disclosures/").lang_of("Xã Tam Đường", "h1") == {
        "vi"
    }


@pytest.mark.django_db
def test_vietnamese_pages_mark_the_english_switch(tree, client):
    parsed = page(client, f"/units/{tree.a.code}/")
    assert parsed.lang_of("English", "button.link") == {"en"}
    assert parsed.lang_of("Xã Tam Đường", "h1") == {"vi"}
