"""GeoReport v2's two formats: each document is built once as plain data (dicts, lists,
strings, numbers, None) and written as JSON or as XML with the specification's element
names: a list is its root element with one child per item (`<services>` of
`<service>`, `<service_requests>` of `<request>`, `<errors>` of `<error>`), a nested
list likewise (`<attributes>` of `<attribute>`, `<formats>` of `<format>`), a missing
value an empty element, a boolean `true`/`false`.

The JSON is the XML mapped by the specification's "Spark convention"
(wiki.open311.org/JSON_and_XML_Conversion): a list container becomes an array, and an
empty element `null` — so a value with nothing in it is `null` in JSON, never "", as
the specification's examples write `"status_notes":null` for `<status_notes></status_notes>`.
The XML declaration is written as those examples write it."""

from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse, JsonResponse

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)
XML_TYPE = "text/xml; charset=utf-8"

# The element of one item of each list the specification names.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            _fill(ET.SubElement(element, name), inner)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEMS[element.tag]), item)
    else:
        element.text = _text(value)


DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'


def xml_document(root: str, data: Any) -> bytes:
    """`data` as an XML document whose root element is `root`."""
    element = ET.Element(root)
    _fill(element, data)
    return DECLARATION + ET.tostring(element, encoding="utf-8")


def spark(value: Any) -> Any:
    """`value` as its XML maps to JSON by the Spark convention: empty text is null."""
    if isinstance(value, dict):
        return {name: spark(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [spark(item) for item in value]
    return None if value == "" else value


def respond(fmt: str, root: str, data: Any, *, status: int = 200) -> HttpResponse:
    """The document in the format asked for; `root` names it in XML (JSON has no root)."""
    if fmt == XML:
        return HttpResponse(xml_document(root, data), content_type=XML_TYPE, status=status)
    return JsonResponse(
        spark(data), status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error document: a list of {code, description}."""
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
