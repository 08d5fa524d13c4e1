"""Bytes to text: find the encoding a news page was saved in (UTF-8, GB18030/GBK, Big5, UTF-16).

Pages from Chinese sites arrive in legacy encodings without a declaration we can trust, so the
encoding is detected from the bytes: a BOM wins, then strict UTF-8, then charset-normalizer
restricted to the encodings Chinese and English news actually use. Anything that does not decode
to plausible text (binary files, random bytes) raises `UndecodableText` rather than producing
mojibake that would be quoted as evidence.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from computekg.graph.characters import strip_unexportable

__all__ = ["DecodedText", "UndecodableText", "decode_bytes"]

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Legacy encodings of Chinese news pages, most specific first (GB18030 is a superset of GBK and GB2312).
_LEGACY = ["gb18030", "big5", "cp950", "big5hkscs", "utf_16"]
# Control characters other than \t \n \v \f \r, DEL, and the replacement mark.
_ODD = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_MAX_CONTROL_SHARE = 0.02


class UndecodableText(ValueError):
    """The bytes are not text in any encoding the ingester reads."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _looks_like_text(text: str) -> bool:
    """Control characters and replacement marks are rare in real text and common in decoded binary."""
    if not text:
        return True
    return len(_ODD.findall(text)) <= len(text) * _MAX_CONTROL_SHARE


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> DecodedText:
    """The text of `data` and the encoding it was read with; raises `UndecodableText`.

    Control characters no export can carry (a form feed between pages, a stray NUL) become spaces, so a title
    or a name taken from the text can be stored.
    """
    decoded = _decode(data)
    return DecodedText(strip_unexportable(decoded.text, replacement=" "), decoded.encoding)


def _decode(data: bytes) -> DecodedText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None and _looks_like_text(text):
                return DecodedText(text, encoding)
    if b"\x00" not in data:
        text = _strict(data, "utf-8")
        if text is not None and _looks_like_text(text):
            return DecodedText(text, "utf-8")
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is not None:
        text = _strict(data, best.encoding)
        if text is not None and _looks_like_text(text):
            return DecodedText(text, best.encoding)
    raise UndecodableText("not text in UTF-8, GB18030/GBK, Big5 or UTF-16")
