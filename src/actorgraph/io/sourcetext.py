"""A source's archived text (``text:``), and the check of every quote citing it.

A source may name its text, a UTF-8 file inside the graph folder. The loader then checks
each claim citing the source: its quote must occur in the text, and a locator of the form
``para N`` must name a paragraph that holds the quote. **Paragraphs are separated by one or
more blank lines** (a line of only spaces counts as blank) and numbered from 1; line breaks
inside a paragraph are spacing. Quotes are compared after `normalize_text` (typographic
quotes, dashes and spacing folded; words, case and punctuation kept).
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, display_path

if TYPE_CHECKING:
    from .checker import GraphRecords

__all__ = ["MAX_TEXT_BYTES", "check_source_texts", "normalize_text", "paragraph_number",
           "paragraphs", "read_source_text", "text_fingerprint"]

MAX_TEXT_BYTES = 20_000_000
"""A source text larger than this is refused (an archived article is a few kilobytes)."""

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ",
})


def normalize_text(text: str) -> str:
    """Fold what differs between copies of one text: typographic quotes, dashes, spacing.

    >>> normalize_text("He’s  “close”\\n— to Putin…")
    'He\\'s "close" - to Putin...'
    """
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    return re.sub(r"\s+", " ", text).strip()


_BLANK_LINES = re.compile(r"\n[ \t\f\v]*(?:\n[ \t\f\v]*)+")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (separated by blank lines), each normalised.

    >>> paragraphs("One\\nline.\\n\\n  \\nTwo.\\n")
    ['One line.', 'Two.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (normalize_text(block) for block in _BLANK_LINES.split(text)) if p]


_PARA = re.compile(r"^\s*(?:para(?:graph)?|¶)\.?\s*(\d+)\s*$", re.IGNORECASE)


def paragraph_number(locator: str | None) -> int | None:
    """N for a locator ``para N`` (also ``paragraph N``, ``¶ N``), else None (not checked).

    >>> paragraph_number("para 3"), paragraph_number("p. 3")
    (3, None)
    """
    m = _PARA.match(locator or "")
    return int(m[1]) if m else None


def read_source_text(root: Path, relative: str) -> str:
    """The text of `relative` inside the graph folder `root`; ValueError saying why not."""
    folder = root if root.is_dir() else root.parent
    path = folder / relative
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        raise ValueError(f"{relative} leads outside the graph folder")
    try:
        info = path.stat()
        if path.is_dir():
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe would block for ever, a device not end
            raise ValueError(f"{display_path(path)} is not a regular file")
        if info.st_size > MAX_TEXT_BYTES:
            raise ValueError(f"{display_path(path)} is larger than "
                             f"{MAX_TEXT_BYTES // 1_000_000} MB")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{display_path(path)} does not exist") from None
    except IsADirectoryError:
        raise ValueError(f"{display_path(path)} is a folder, not a text file") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{display_path(path)} is not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ValueError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None


def text_fingerprint(root: Path, relative: str) -> str:
    """What reading the text `relative` gives now, in short: the hash of its text, or why it
    cannot be read (a whole-graph cache entry is good only while every text it checked gives
    the same)."""
    try:
        return _fingerprint(read_source_text(root, relative))
    except ValueError as exc:
        return f"unreadable: {exc}"


def _fingerprint(raw: str) -> str:
    return "sha256:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def check_source_texts(root: Path, records: GraphRecords,
                       seen: dict[str, str] | None = None) -> list[Problem]:
    """Every problem with the archived texts of the sources of `records` (those with a
    ``text:``) and with the claims citing them: each at the claim, or for a text that cannot
    be read, at the source. `seen`, if given, gets each text's `text_fingerprint`."""
    problems: list[Problem] = []
    texts: dict[str, tuple[str, str, list[str]]] = {}
    seen = {} if seen is None else seen
    for sid, source in records.sources.items():
        if source.text is None:
            continue
        try:
            raw = read_source_text(root, source.text)
        except ValueError as exc:
            seen[source.text] = f"unreadable: {exc}"
            o = records.origins[sid]
            problems.append(Problem(o.file, o.line, o.column, f"source '{sid}': text: {exc}"))
            continue
        seen.setdefault(source.text, _fingerprint(raw))
        texts[sid] = (source.text, normalize_text(raw), paragraphs(raw))
    if not texts:
        return problems
    for cid, (_, claim) in records.claims.items():
        if claim.source not in texts:
            continue
        name, whole, paras = texts[claim.source]
        message = _quote_problem(normalize_text(claim.quote), name, whole, paras, claim.locator)
        if message:
            o = records.origins[cid]
            problems.append(Problem(o.file, o.line, o.column, message))
    return problems


def _quote_problem(quote: str, name: str, whole: str, paras: list[str],
                   locator: str | None) -> str | None:
    if quote not in whole:
        return f"quote not found in {name} (the source's text): \u201c{_clip(quote)}\u201d"
    n = paragraph_number(locator)
    if n is None:
        return None
    found = [i for i, p in enumerate(paras, 1) if quote in p]
    if n in found:
        return None
    if not 1 <= n <= len(paras):
        where = f"{name} has {len(paras)} paragraph{'s' if len(paras) != 1 else ''}"
    else:
        where = f"para {n} of {name} does not hold the quote"
    if found:
        said = ", ".join(f"para {i}" for i in found)
        return f"locator '{locator}' is wrong: {where}; the quote is in {said}"
    return (f"locator '{locator}' is wrong: {where}; the quote runs across paragraphs "
            "(paragraphs are separated by blank lines)")


def _clip(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[:n - 3] + "..."
