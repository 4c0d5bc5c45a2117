"""Text from the YAML, made safe to place in Markdown that GitHub renders (a pull-request
comment, an issue, a README).

The graph's text is the curator's and the sources': it may hold ``|`` (which splits a table
cell on GitHub, even inside backticks), raw HTML (``<img onerror=...>``, which GitHub would
render or strip), emphasis or link syntax, and ``@name`` (which would notify that GitHub
user). `md_text` shows such text literally; `md_code` sets an id in a code span.
"""

from __future__ import annotations

import re

__all__ = ["md_code", "md_text"]

# every character with a meaning in CommonMark or GFM inline text, or at the start of a block
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")
_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\s*")
# '@' before a name (a GitHub mention) gets a zero-width space after it: shown the same, it
# no longer names anyone
_MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")


def md_text(text: str) -> str:
    r"""`text` as literal Markdown inline text: on one line, every special character
    backslash-escaped (so no HTML, emphasis, link or table cell comes from it), mentions
    defused.

    >>> md_text("<b>A|B</b> @octocat")
    '\\<b\\>A\\|B\\</b\\> @\u200boctocat'
    """
    text = _BREAKS.sub(" ", text)
    return _MENTION.sub("@\u200b", _SPECIAL.sub(r"\\\1", text))


def md_code(text: str, *, in_table: bool = False) -> str:
    """`text` (an id) as a code span; in a table cell, ``|`` escaped as GFM requires there.

    >>> md_code("interest:a->b|src|by|0f6d", in_table=True)
    '`interest:a->b\\\\|src\\\\|by\\\\|0f6d`'
    """
    text = _BREAKS.sub(" ", text)
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
    pad = " " if fence != "`" or text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
