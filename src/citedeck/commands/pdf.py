"""A PDF's text as add-source stores it: pypdf's text of each page, with the running headers,
footers and page numbers dropped, words hyphenated across line ends joined, and a page's
lines joined into paragraphs; and what its metadata says of its title, author and date."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass


class NotReadable(Exception):
    """The PDF yields no text to store; the message says why, for the user."""


@dataclass(frozen=True)
class PdfText:
    text: str
    title: str | None
    author: str | None
    date: str | None  # YYYY-MM-DD


MIN_WORDS = 20
# A line at the top or bottom of this share of the pages (and of two at least) is a running
# header or footer, once its digits are set aside: "Seed Report · page 3", "12/7/26, 1:47 AM".
_RUNNING_SHARE = 0.5
_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.|seite|página)?\s*\d{1,4}(?:\s*(?:of|/|von|de)\s*\d{1,4})?\W*$", re.I)
# The presentation forms of ligatures a PDF font may hold ("ﬁ"): a quote typed would have "fi".
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# A line ending a sentence this much shorter than most lines ends a paragraph; any line this
# much shorter, the next line not going on in lowercase, does too (a heading).
_ENDING_LINE, _SHORT_LINE = 0.9, 0.8
_SENTENCE_END = re.compile(r"""[.!?:]["'’”)\]]*$""")
_HYPHENATED = re.compile(r"(\w)[-\u00ad]$")
# Producers whose creation date is the day a page was printed, not the day it was written.
_PRINTED_BY_A_BROWSER = re.compile(r"skia|chrom|mozilla|gecko|webkit|cairo|quartz", re.I)


def pdf_text(data: bytes) -> PdfText:
    """The text and metadata of the PDF `data`. Raises NotReadable for an encrypted PDF,
    a damaged one, or one with no text layer (a scan)."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotReadable("is encrypted: save an unlocked copy first")
        pages = [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise NotReadable(f"cannot be read as a PDF ({exc})") from exc
    text = _paragraphs([line for lines in _without_running_lines(pages) for line in lines])
    words = len(text.split())
    if words < MIN_WORDS:
        raise NotReadable(
            f"has {words} words of text in {len(pages)} pages: no text layer (a scan?); "
            "run OCR on it (e.g. ocrmypdf) and add the result"
        )
    title = author = date = None
    if info is not None:
        title = _plain(info.title)
        author = _plain(info.author)
        producer = f"{info.producer or ''} {info.creator or ''}"
        created = info.creation_date if not _PRINTED_BY_A_BROWSER.search(producer) else None
        date = created.date().isoformat() if created else None
    return PdfText(text + "\n", title, author, date)


def _plain(value: object) -> str | None:
    return str(value).strip() or None if value else None


def _without_running_lines(pages: list[str]) -> list[list[str]]:
    """Each page's lines without its running headers, footers and page numbers."""
    paged = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    edges: Counter[str] = Counter()
    for lines in paged:
        edges.update({_shape(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    running = {
        shape
        for shape, count in edges.items()
        if len(paged) >= 2 and count >= max(2, _RUNNING_SHARE * len(paged))
    }
    kept = []
    for lines in paged:
        top, bottom = lines[:_EDGE_LINES], lines[-_EDGE_LINES:]
        edge: set[int]
        edge = set(range(len(top))) | set(range(len(lines) - len(bottom), len(lines)))
        kept.append(
            [
                line
                for i, line in enumerate(lines)
                if not (i in edge and (_shape(line) in running or _PAGE_NUMBER.match(line)))
            ]
        )
    return kept


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs: a word broken by a hyphen at a line's end whole again;
    a line shorter than most (a heading, a paragraph's last) ends its paragraph when it ends
    a sentence or the next line begins with a capital."""
    if not lines:
        return ""
    lengths = sorted(len(line) for line in lines)
    typical = lengths[(len(lengths) * 3) // 4]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        if not current:
            current = line
        elif _HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        following = lines[i + 1] if i + 1 < len(lines) else ""
        hyphenated = _HYPHENATED.search(line)
        ends = _SENTENCE_END.search(line) and len(line) < _ENDING_LINE * typical
        short = len(line) < _SHORT_LINE * typical and not following[:1].islower()
        if not hyphenated and (ends or short):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
