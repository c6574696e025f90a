"""Parse untrusted XML (GPX, TCX) with lxml, hardened: no entity expansion, no DTD loading, no
network, libxml2's default size and depth limits (no `huge_tree`), and any DOCTYPE refused
outright, since an activity file never needs one and entities are how XML bombs and external-
entity (XXE) reads work.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from lxml import etree

from runrehab.adapters.activities.errors import ActivityFileError

__all__ = ["child_float", "child_text", "local_name", "parse_time", "parse_xml", "to_float"]

_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


def parse_xml(name: str, data: bytes) -> etree._Element:
    """The document's root element; ActivityFileError if it is not well-formed or has a DTD."""
    if any(marker in data for marker in _DECLARATIONS):
        raise _refused(name)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ActivityFileError(name, f"not well-formed XML: {exc.msg}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None:
        raise _refused(name)  # a DOCTYPE in an encoding the byte check cannot see (UTF-16)
    return root


def _refused(name: str) -> ActivityFileError:
    return ActivityFileError(
        name, "XML with a DOCTYPE or entity declarations is refused (not needed by GPX or TCX)"
    )


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def child_text(element: etree._Element, path: str, namespaces: dict[str, str]) -> str | None:
    text = element.findtext(path, namespaces=namespaces)
    return text.strip() if text and text.strip() else None


def child_float(
    name: str, element: etree._Element, path: str, namespaces: dict[str, str]
) -> float | None:
    """The number at `path` under `element`, None when absent; ActivityFileError when not a
    finite number."""
    text = child_text(element, path, namespaces)
    return None if text is None else to_float(name, text, path)


def to_float(name: str, text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ActivityFileError(name, f"{what}: expected a number, got {text[:40]!r}")
    return value


def parse_time(name: str, text: str) -> datetime:
    """An ISO 8601 time as a UTC-aware datetime; a time without an offset is taken as UTC (GPX
    and TCX both specify UTC)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ActivityFileError(name, f"not an ISO 8601 time: {text[:40]!r}") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
