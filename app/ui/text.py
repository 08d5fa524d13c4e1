"""Text from articles shown as text: names, titles and quotes are untrusted (they reach the app through review).

Streamlit renders labels, captions and markdown as Markdown with math, so a name such as
`![t](http://host/pixel.png)` would fetch an image, `[click](…)` would be a live link, `$x$` math, and a
right-to-left override (U+202E) would turn the rest of a caption backwards. `plain` makes any string
literal Markdown: every ASCII punctuation character backslash-escaped (CommonMark allows that for all of
them, and it also breaks bare-URL autolinks), line breaks folded, and bidirectional controls shown as
their code points instead of acting on the text around them.

>>> plain("![t](http://x/p.png) $a$ \\u202eabc")
'\\\\!\\\\[t\\\\]\\\\(http\\\\:\\\\/\\\\/x\\\\/p\\\\.png\\\\) \\\\$a\\\\$ \\\\<U\\\\+202E\\\\>abc'
"""

from __future__ import annotations

import re
import string

__all__ = ["BIDI_CONTROLS", "plain", "visible_controls"]

# Embeddings, overrides, isolates and marks that change the direction of the text after them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def visible_controls(text: str) -> str:
    """`text` with each bidirectional control replaced by its code point, e.g. `<U+202E>`."""
    return "".join(f"<U+{ord(c):04X}>" if c in BIDI_CONTROLS else c for c in text)


def plain(text: object) -> str:
    """`text` as literal Markdown on one line (see the module's docstring)."""
    folded = " ".join(visible_controls(str(text)).split())
    return _PUNCTUATION.sub(r"\\\1", folded)
