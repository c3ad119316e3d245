"""Adding an article to a deck: its text stored in seeds/ as UTF-8 (a saved web page reduced to
the article's own text), and its entry appended to seeds/sources.yaml as the file stands."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from citedeck.commands.metadata import byline_author, clean_author, clean_publisher, clean_title
from citedeck.commands.saved_page import (
    Cleared,
    cleared,
    lead_paragraphs,
    parsed,
    paywall_stub,
    without_trailer,
)
from citedeck.load.catalogue import (
    DEFAULT_LANGUAGE,
    MAX_SOURCE_BYTES,
    SOURCE_KEYS,
    SourceInfo,
    load_catalogue,
    url_problem,
)
from citedeck.load.diagnostics import Diagnostic, Position, mebibytes, sort_key
from citedeck.load.project import Project, present, read_at_most
from citedeck.load.schema import KEY_RE
from citedeck.load.yamlfile import YMap, YNode, YScalar, YSeq, parse_yaml, yaml_string
from citedeck.output.atomicfile import replacing
from citedeck.output.report import plural
from citedeck.text.fold import CONTROL_CHARACTER, LINE_END, slug_words
from citedeck.text.scripts import UNSPACED_CHARACTER, count_words, language_by_script

TEXT_SUFFIXES = (".txt", ".md")
PDF_SUFFIX = ".pdf"
MIN_PAGE_WORDS = 20
PAGE_SUFFIXES = (".html", ".htm")
MAX_KEY_WORDS, MAX_KEY_LENGTH = 4, 32
# Words a key is clearer without.
_UNKEYED = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "how",
    "in",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "that",
    "the",
    "this",
    "to",
    "was",
    "were",
    "what",
    "why",
    "with",
}
# charset-normalizer's mess scores for a short Western text differ by about this much between
# the Windows code pages; within it, the one most files in the wild are in wins.
_CP1252_MARGIN = 0.1
_READ_AS_LENGTH = 72
# The seeds loader refuses a bigger file, so add-source neither reads nor stores one.
_LIMIT = f"articles are limited to {MAX_SOURCE_BYTES // 1_048_576} MiB"


_METADATA = SOURCE_KEYS[2:-1]  # title, short, publisher, author, date, url


@dataclass(frozen=True)
class AddedSource:
    source: SourceInfo  # its entry in the catalogue
    path: Path  # where its text was stored
    size: int
    lines: int
    converted_from: str | None  # the encoding the text was stored from, None if it was UTF-8
    key_suggested: bool
    # For a text read from another encoding, its first line with a character outside ASCII, as
    # read: where a wrong guess shows.
    read_as: str | None = None
    # Metadata the page gave that was left out as doubtful: field, the page's value, why.
    left_out: tuple[tuple[str, str, str], ...] = ()
    # Which of the page's dates was taken: "published", or "published; updated DATE".
    date_kind: str | None = None
    warnings: tuple[str, ...] = ()  # what makes the text doubtful as an article
    # How its language was told: "by its script", "as the page declares it"; None if by default.
    language_kind: str | None = None


class AddSourceRefused(Exception):
    """Nothing was added; the message says why, for the user."""


class BadKey(AddSourceRefused):
    """The key asked for is not one a card can cite (and could name a file outside seeds/)."""


class BadUrl(AddSourceRefused):
    """The url given is not a web address a card's back can link to."""


class CatalogueBroken(Exception):
    """seeds/sources.yaml has errors: an entry cannot be appended safely until they are fixed."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics


def add_source(
    project: Project,
    path: Path,
    key: str | None = None,
    given: Mapping[str, str | None] = {},
    fix_text: bool = False,
    encoding: str | None = None,
    strict: bool = False,
    full_text: bool = False,
) -> AddedSource:
    """Store `path`'s text in seeds/ and append its entry to the catalogue. Metadata `given`
    (title, publisher, author, date, by name) wins over what a web page says of itself. With
    `strict`, what would be a warning (a page that is no article, or cut short) refuses it;
    with `full_text`, a page's fuller reading is stored when trafilatura's looks cut short.
    Raises AddSourceRefused or CatalogueBroken, having written nothing."""
    if key is not None and not KEY_RE.match(key):
        raise BadKey(
            f"'{key}' is not a key: use lowercase letters, digits and hyphens (e.g. my-article)"
        )
    url = _clean(given.get("url"))
    if url is not None and (why := url_problem(url)):
        raise BadUrl(f"'{url}' {why}")
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, *PAGE_SUFFIXES, PDF_SUFFIX):
        raise AddSourceRefused(
            f"cannot add {path.name}: citedeck adds .txt, .md, .html, .htm and .pdf files"
        )
    catalogue_shown = project.shown(project.catalogue)
    if not present(project.catalogue):
        raise AddSourceRefused(
            f"{catalogue_shown} not found: start a deck project with citedeck init "
            "(or give its folder with --root)"
        )
    with _seeds_locked(project):
        return _add_source(
            project, path, key, given, fix_text, encoding, strict, full_text, suffix, catalogue_shown
        )


@contextlib.contextmanager
def _seeds_locked(project: Project) -> Iterator[None]:
    """Held while the catalogue is read, added to and replaced: two add-sources at once would
    each append to the catalogue as it was, and the first one's entry would be lost. A lock
    on the seeds folder itself (where the system has flock), so no lock file is left there."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock (Windows): runs there are not serialized
        yield
        return
    try:
        folder = os.open(project.seeds, os.O_RDONLY)
    except OSError:
        yield  # the catalogue's own reading says what is wrong with the folder
        return
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
        except OSError:  # NFS locks only what is open for writing, which a folder cannot be
            pass
        yield
    finally:
        os.close(folder)  # and the lock with it


def _add_source(
    project: Project,
    path: Path,
    key: str | None,
    given: Mapping[str, str | None],
    fix_text: bool,
    encoding: str | None,
    strict: bool,
    full_text: bool,
    suffix: str,
    catalogue_shown: str,
) -> AddedSource:
    catalogue, problems = load_catalogue(project)
    if any(d.is_error for d in problems):
        raise CatalogueBroken(sorted(problems, key=sort_key))
    data = _read_bounded(path)
    if data.startswith(b"%PDF-"):
        suffix = PDF_SUFFIX  # what the file is, whatever its name says
    elif suffix == PDF_SUFFIX:
        raise AddSourceRefused(f"{path} is not a PDF (it does not begin with %PDF-); nothing was added")
    else:
        _refuse_binary(path, data)
    page: dict[str, str | None] = {}
    cut: list[str] = []
    converted_from = None
    shown = None
    if suffix == PDF_SUFFIX:
        text, page = _pdf_text(path, data)
    elif suffix in PAGE_SUFFIXES:
        markup, converted_from = _decoded(path, data, encoding, _declared_charset(data))
        markup = _REFERENCE.sub(_space_if_refused, markup)
        shown = cleared(markup)  # its ad blocks and paywall gate taken out
        markup = shown.markup
        text, page = _page_text(markup)
        fuller = _fuller_text(markup, text) if text else None
        if fuller is not None:
            if full_text:
                text = fuller
            else:
                cut.append(
                    f"may be cut short: trafilatura kept {plural(count_words(text), 'word')}, "
                    f"a reading favouring recall finds {count_words(fuller):,} "
                    "(an ad block mid-article? a lead paragraph outside it?); "
                    "--full-text stores the fuller text"
                )
        text = without_trailer("\n".join([*lead_paragraphs(markup, text), text]))
    else:
        text, converted_from = _decoded(path, data, encoding)
    if fix_text:
        text = _fixed(text)
        page = {name: _fixed(value) if value else value for name, value in page.items()}
    if not text.strip():
        where = "no article text in" if suffix in PAGE_SUFFIXES else "no text in"
        raise AddSourceRefused(f"found {where} {path}; nothing was added")
    words = count_words(text)
    if suffix in PAGE_SUFFIXES and words < MIN_PAGE_WORDS:
        # What is left of a page with no article: a menu, a cookie notice. A short text the
        # user means is still welcome as a .txt file.
        raise AddSourceRefused(
            f"found only {plural(words, 'word')} of article text in {path} "
            f'("{" ".join(text.split())}"); nothing was added'
        )
    warnings = (
        (*_not_an_article(text, markup), *paywall_stub(text, shown.gate), *cut) if shown else ()
    )
    if warnings and strict:
        raise AddSourceRefused(f"{path} {warnings[0]}; nothing was added (--strict)")
    same = [s for s in catalogue.sources.values() if s.text.original.strip() == text.strip()]
    if same:
        raise AddSourceRefused(
            f"{catalogue_shown} already has this text, as source '{same[0].key}' ({same[0].file}); "
            "nothing was added"
        )
    page, doubtful = _cleaned_metadata(page, text, shown)
    meta = {name: _clean(given.get(name)) or _clean(page.get(name)) for name in _METADATA}
    left_out = tuple(entry for entry in doubtful if not _clean(given.get(entry[0])))
    date_kind = page.get("date_kind") if meta["date"] == page.get("date") else None
    stored_suffix = ".md" if suffix == ".md" else ".txt"
    if key is None:
        key = _free_key(
            suggest_key(meta["title"], path.stem), set(catalogue.sources), project, stored_suffix
        )
        suggested = True
    else:
        suggested = False
        if key in catalogue:
            raise AddSourceRefused(
                f"{catalogue_shown} already has a source '{key}' "
                f"({catalogue[key].file}); choose another --key"
            )
    target = project.seeds / f"{key}{stored_suffix}"
    if target.exists():
        raise AddSourceRefused(
            f"{project.shown(target)} already exists; choose another --key, or move that file away"
        )
    if converted_from is None and not fix_text and suffix in TEXT_SUFFIXES:
        stored = data  # already UTF-8: the bytes exactly as they were
    else:
        stored = text.encode("utf-8")
        if not stored.endswith(b"\n"):
            stored += b"\n"
        if len(stored) > MAX_SOURCE_BYTES:  # a legacy encoding's one byte can be three in UTF-8
            raise AddSourceRefused(
                f"{path} is {mebibytes(len(stored))} as UTF-8 text; {_LIMIT}; nothing was added"
            )
    # The script tells Chinese, Japanese and Korean; for an article in any other, a page's
    # word is taken (commands.saved_page reads only the languages citedeck reads).
    language = language_by_script(text)
    language_kind = "by its script" if language else None
    if language is None and shown is not None and shown.language is not None:
        language, language_kind = shown.language, "as the page declares it"
    source = SourceInfo(key, target.name, **meta, language=language or DEFAULT_LANGUAGE)
    updated = appended_entry(project.catalogue.read_bytes(), _entry(source))
    with open(target, "xb") as out:
        out.write(stored)
    try:
        with replacing(project.catalogue) as temp:
            temp.write_bytes(updated)
    except BaseException:
        target.unlink()  # no article left behind that the catalogue does not name
        raise
    # Counted as findings and find count them (text.fold.LINE_END): a lone CR ends a line too.
    ends = len(LINE_END.findall(stored.decode("utf-8", "replace")))
    lines = ends + (not stored.endswith((b"\n", b"\r")))
    read_as = None
    if converted_from is not None:
        # The stored text's first line with an accent: for a page, its markup's may be a menu.
        line = next((line for line in text.splitlines() if not line.isascii()), "")
        read_as = " ".join(line.split())[:_READ_AS_LENGTH] or None
    return AddedSource(
        source,
        target,
        len(stored),
        lines,
        converted_from,
        suggested,
        read_as,
        left_out,
        date_kind,
        tuple(f"{path} {warning}" for warning in warnings),
        language_kind,
    )


def _cleaned_metadata(
    page: Mapping[str, str | None], text: str, shown: Cleared | None
) -> tuple[dict[str, str | None], list[tuple[str, str, str]]]:
    """The page's metadata with its title, author and publisher cleaned (commands.metadata;
    an author from a byline atop the article `text` when the metadata names none), its url
    checked, and what was left out as doubtful. `shown` is what a web page shows of itself."""
    cleaned = dict(page)
    left_out = []
    url = _clean(page.get("url"))
    if url is not None and (why := url_problem(url)):
        cleaned["url"] = None
        left_out.append(("url", url, f"the page's address {why}"))
    site = _clean(page.get("publisher"))
    author = _clean(page.get("author"))
    captions, headings = (shown.captions, shown.headings) if shown else ((), ())
    for name, result in (
        ("title", clean_title(_clean(page.get("title")), site, captions, headings)),
        ("publisher", clean_publisher(site)),
        ("author", clean_author(author, site) if author or not shown else byline_author(text, site)),
    ):
        cleaned[name] = result.value
        if result.doubt:
            left_out.append((name, _clean(page.get(name)) or "", result.doubt))
    return cleaned, left_out


def _read_bounded(path: Path) -> bytes:
    """`path`'s bytes, refused unread if there are more than the seeds loader would read, or
    if it is not a regular file (a named pipe would keep add-source waiting for a writer).
    The reading stops just past the limit all the same: a file still being written says
    nothing true of its size."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise AddSourceRefused(f"{path} is {mebibytes(size)}; {_LIMIT}; nothing was added")
        data = read_at_most(path, MAX_SOURCE_BYTES)
    except OSError as exc:
        raise AddSourceRefused(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_SOURCE_BYTES:
        raise AddSourceRefused(
            f"{path} holds more than {MAX_SOURCE_BYTES // 1_048_576} MiB; {_LIMIT}; nothing was added"
        )
    return data


def _clean(value: str | None) -> str | None:
    """One line of text: whitespace runs (newlines too) and control characters become one
    space (the catalogue may hold no control character); blank is None."""
    if value is None:
        return None
    value = CONTROL_CHARACTER.sub(" ", value.encode("utf-8", "replace").decode("utf-8"))
    value = " ".join(value.split())
    return value or None


def _fixed(text: str) -> str:
    """Mojibake ("Ã©" for "é", "â€™" for "’") repaired; nothing else changed, since every
    quote must match the stored text."""
    import ftfy

    return ftfy.fix_encoding(text)


def _decoded(
    path: Path, data: bytes, encoding: str | None, declared: str | None = None
) -> tuple[str, str | None]:
    """The text of a file (a page's markup too), and the encoding it was read from if not
    UTF-8: `encoding` if given, else the one the page `declared` if the bytes read as it,
    else UTF-8, else charset-normalizer's guess."""
    if encoding is not None:
        return _decode_as(path, data, encoding), encoding
    if declared is not None and _is_codec(declared):
        with contextlib.suppress(UnicodeError, LookupError):
            text = data.decode(declared)
            if codecs.lookup(declared).name != "utf-8":
                return text, declared
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    candidates = list(charset_normalizer.from_bytes(data))
    if not candidates:
        raise AddSourceRefused(
            f"cannot tell the text encoding of {path}; save it as UTF-8, or name its encoding "
            "with --encoding"
        )
    best = candidates[0]
    for candidate in candidates:
        # A candidate names one encoding of several that read the bytes alike: cp1250 may
        # stand for cp1252 too.
        if (
            "cp1252" in candidate.could_be_from_charset
            and candidate.chaos <= best.chaos + _CP1252_MARGIN
        ):
            return str(candidate), "cp1252"
    return str(best), best.encoding


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except (LookupError, UnicodeError) as exc:  # a name of no codec, or not even ASCII
        raise AddSourceRefused(f"unknown encoding '{encoding}'") from exc
    try:
        text = data.decode(encoding)
    except LookupError as exc:  # base64, zlib, rot13: codecs of bytes to bytes, not text
        raise AddSourceRefused(f"'{encoding}' is not a text encoding") from exc
    except UnicodeDecodeError as exc:
        raise AddSourceRefused(
            f"{path} is not {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc
    except UnicodeError as exc:  # a codec that cannot decode at all ('undefined')
        raise AddSourceRefused(f"{path} cannot be read as {encoding}: {exc}") from exc
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # utf-7 and unicode_escape can spell half a character
        raise AddSourceRefused(
            f"{path} read as {encoding} holds a character UTF-8 cannot store (U+{ord(exc.object[exc.start]):04X}) "
            f"at character {exc.start}"
        ) from exc
    return text


def _is_codec(name: str) -> bool:
    try:
        return bool(codecs.lookup(name)._is_text_encoding)
    except (LookupError, UnicodeError):
        return False


# What a page says of its own encoding, in its first 2 KB as browsers look: <meta charset>,
# or http-equiv's content="text/html; charset=...".
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


# As browsers read them (the WHATWG Encoding Standard): a page saying Latin-1 is read as
# windows-1252, whose curly quotes Latin-1 would make control characters.
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def _declared_charset(data: bytes) -> str | None:
    found = _DECLARED_CHARSET.search(data[:2048])
    if not found:
        return None
    name = found.group(1).decode("ascii")
    try:
        canonical = codecs.lookup(name).name
    except (LookupError, UnicodeError):
        return None
    return _AS_BROWSERS_READ.get(canonical, canonical)


# What a binary file begins with: images, archives, office documents, executables (a PDF,
# whatever its name, is read as one).
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx, .epub, ...)",
    b"\x1f\x8b": "gzip-compressed",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "a program",
    b"MZ": "a program",
}


def _pdf_text(path: Path, data: bytes) -> tuple[str, dict[str, str | None]]:
    from citedeck.commands.pdf import NotReadable, pdf_text

    try:
        found = pdf_text(data)
    except NotReadable as exc:
        raise AddSourceRefused(f"{path} {exc}; nothing was added") from exc
    return found.text, {"title": found.title, "author": found.author, "date": found.date}


def _refuse_binary(path: Path, data: bytes) -> None:
    """Refuse a file whose bytes are no text, whatever its name ends in: a PDF renamed .html
    would be stored as garbage."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise AddSourceRefused(f"{path} is {kind}, not text; nothing was added")
    head = data[:8192]
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        raise AddSourceRefused(
            f"{path} holds binary data (a zero byte at offset {head.index(0)}), not text; "
            "nothing was added"
        )


# A page whose words are mostly links' words, or whose text is mostly list items ("- " lines)
# or short lines, is a homepage, an index or a menu rather than an article.
_LINK_SHARE, _LIST_SHARE, _SHORT_SHARE, _SHORT_LINE_WORDS, _FEW_LINES = 0.5, 0.4, 0.7, 6, 8


def _not_an_article(text: str, markup: str) -> tuple[str, ...]:
    """Why the page `markup`, whose article text trafilatura found to be `text`, looks like
    no article: empty if it looks like one."""
    words, linked = _linked_words(markup)
    if words and linked >= _LINK_SHARE * words:
        return (
            f"does not look like an article: {linked} of its {words} words are links' "
            "(a homepage or an index?)",
        )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < _FEW_LINES:
        return ()
    items = sum(1 for line in lines if line.startswith(("- ", "* ", "• ")))
    if items >= _LIST_SHARE * len(lines):
        return (
            f"does not look like an article: {items} of its {len(lines)} lines are list items "
            "(a homepage or an index?)",
        )
    short = sum(1 for line in lines if count_words(line) < _SHORT_LINE_WORDS)
    if short >= _SHORT_SHARE * len(lines):
        return (
            f"does not look like an article: {short} of its {len(lines)} lines are under "
            f"{_SHORT_LINE_WORDS} words (links or headlines?)",
        )
    return ()


# A recall-favouring reading this much longer than trafilatura's says the article was cut.
_FULLER_SHARE, _FULLER_WORDS = 1.5, 30


def _fuller_text(markup: str, text: str) -> str | None:
    """A fuller reading of the page than `text`, trafilatura's own, if there is one much longer:
    trafilatura favouring recall, else its baseline (every paragraph of the page)."""
    import trafilatura

    words = count_words(text)
    candidates = []
    recall = trafilatura.extract(
        markup,
        fast=_blocks(markup) > _MANY_BLOCKS,
        favor_recall=True,
        include_comments=False,
        include_images=False,
    )
    if recall:
        candidates.append(recall)
    _, baseline, _ = trafilatura.baseline(markup)
    candidates.append(baseline)
    for candidate in candidates:
        more = count_words(candidate)
        if more >= _FULLER_SHARE * words and more - words >= _FULLER_WORDS:
            return candidate
    return None


def _linked_words(markup: str) -> tuple[int, int]:
    """How many words the page's body shows, and how many of them are in links."""
    root = parsed(markup)
    body = None if root is None else root.find("body")
    if body is None:
        return 0, 0
    for hidden in body.xpath(".//script|.//style|.//noscript|.//template"):
        hidden.drop_tree()
    words = count_words(body.text_content())
    linked = sum(count_words(link.text_content()) for link in body.iter("a"))
    return words, linked


def _page_text(page: str) -> tuple[str, dict[str, str | None]]:
    """A saved web page's article text (navigation, footers and comments left out), and what
    its metadata says of its title, site, author and date."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        page,
        # The fallback extractors (jusText among them) take time growing with the square of a
        # page's blocks: 25 s for a 400 KB page of 20,000 list items. A page of over 10,000 is
        # read by trafilatura's own extractor alone.
        fast=_blocks(page) > _MANY_BLOCKS,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # The date from the page's metadata and markup only: an extensive search takes any
        # date the text mentions ("counted them in 2023") for the day it was published.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(document, Document) or not document.text:
        return "", {}
    return document.text, {
        "title": document.title,
        "publisher": document.sitename,
        "author": document.author,
        "date": document.date,
        "date_kind": _date_kind(page, document.date),
        "url": document.url,
    }


def _date_kind(page: bytes | str, date: str | None) -> str | None:
    """Which of the page's dates `date` (its original, published one, as htmldate prefers it)
    is: "published", or with the date it was last updated when the page gives another."""
    if date is None:
        return None
    from htmldate import find_date

    updated = find_date(page, extensive_search=False, original_date=False)
    if updated and updated != date:
        return f"published; updated {updated}"
    return "published"


_MANY_BLOCKS = 10_000  # 6 s in the fallbacks; 20,000 took 25 s
# A numeric character reference (&#27; &#x1b; and, as HTML allows, without the ";"). One to a
# character XML refuses made the page's parser give up, and the page read as having no text.
_REFERENCE = re.compile(r"&#(x[0-9a-f]{1,8}|[0-9]{1,10})(?![0-9a-f]);?", re.IGNORECASE)
# What XML takes: tab, line ends and the ranges below.
_XML_CHARACTERS = ((0x9, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))


def _space_if_refused(found: re.Match[str]) -> str:
    """The reference `found`, or a space in its place when XML refuses what it stands for."""
    reference = found.group()
    text = found.group(1)
    code = int(text[1:], 16) if text[:1] in "xX" else int(text)
    # HTML maps 0, the surrogates and what lies past Unicode to U+FFFD itself.
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return reference
    if any(low <= code <= high for low, high in _XML_CHARACTERS):
        return reference
    return " "


_BLOCK_TAGS = re.compile(rb"<(?:p|li|div|td|tr|section|article|h[1-6])[\s>]", re.IGNORECASE)


def _blocks(page: bytes | str) -> int:
    """Roughly how many paragraphs, list items and other blocks a page holds."""
    data = page.encode("utf-8", "replace") if isinstance(page, str) else page
    return sum(1 for _ in _BLOCK_TAGS.finditer(data))


def suggest_key(title: str | None, fallback: str) -> str:
    """A short key from the title's first words (else from `fallback`, a file name):
    "Seed Libraries Are Lending Tomatoes" gives "seed-libraries-lending-tomatoes"."""
    for text in (title, fallback):
        if not text:
            continue
        words = slug_words(_latin(text))
        words = [w for w in words if w not in _UNKEYED] or words
        if not words:
            continue
        key = words[0][:MAX_KEY_LENGTH]
        for word in words[1:MAX_KEY_WORDS]:
            if len(key) + 1 + len(word) > MAX_KEY_LENGTH:
                break
            key = f"{key}-{word}"
        return key
    return "source"


def _latin(text: str) -> str:
    """`text` transliterated to Latin letters if it has letters of another script ("Путин"
    gives "Putin"); a Latin text as it is, its accents dropped later as keys drop them."""
    if all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text):
        return text
    from unidecode import unidecode

    # A character of a script written without spaces is a word of its own (東京の: "Dong Jing no").
    return "".join(f"{unidecode(c)} " if UNSPACED_CHARACTER.match(c) else unidecode(c) for c in text)


def _free_key(key: str, taken: set[str], project: Project, suffix: str) -> str:
    """`key`, or `key-2`, `key-3`, ...: the first that names no source and no file in seeds/."""
    candidate, number = key, 1
    while candidate in taken or (project.seeds / f"{candidate}{suffix}").exists():
        number += 1
        candidate = f"{key}-{number}"
    return candidate


def _entry(source: SourceInfo) -> list[tuple[str, str]]:
    values = {name: getattr(source, name) for name in SOURCE_KEYS}
    if values["language"] == DEFAULT_LANGUAGE:
        del values["language"]  # the default, which an English article's entry need not say
    return [(name, yaml_string(value)) for name, value in values.items() if value]


def appended_entry(catalogue: bytes, entry: list[tuple[str, str]]) -> bytes:
    """The catalogue with `entry` (pairs of key and YAML value) as the last item of its
    `sources` list, every other byte as it was: a block list gets one more item in its own
    indentation, `sources: []` becomes a block list, any other flow list one more item.

    Raises AddSourceRefused for a layout that does not take the item so (a tagged list, an
    end-of-document marker after it): the result is read back before it is returned."""
    before = _sources(catalogue)
    updated = _with_entry(catalogue, entry)
    added = {name: parse_yaml(value.encode("utf-8"), name)[0] for name, value in entry}
    wanted = {name: node.value for name, node in added.items() if isinstance(node, YScalar)}
    # Every entry there was must read as it did, and the new one as meant: a block scalar
    # kept whole (`|+`) at the end of a file gains the line end our item needs, for one.
    if before is None or _sources(updated) != [*before, wanted]:
        item = "".join(_block_item(entry, "  ", "\n"))
        raise AddSourceRefused(
            "the catalogue is laid out in a way citedeck cannot add to without rewriting it; "
            f"nothing was added. Add the article by hand, with this item in its sources list:\n{item}"
        )
    return updated


def _sources(catalogue: bytes) -> list[object] | None:
    """Each source entry as read (a mapping's values, by key, without their places), or None
    if the catalogue is unreadable."""
    root, problems = parse_yaml(catalogue, "sources.yaml")
    sources = root.get("sources") if isinstance(root, YMap) and not problems else None
    if sources is None or not isinstance(sources.value, YSeq):
        return None
    return [_plain(item) for item in sources.value.items]


def _plain(node: YNode) -> object:
    if isinstance(node, YMap):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, YSeq):
        return [_plain(item) for item in node.items]
    return node.value


def _with_entry(catalogue: bytes, entry: list[tuple[str, str]]) -> bytes:
    bom = b"\xef\xbb\xbf" if catalogue.startswith(b"\xef\xbb\xbf") else b""
    text = catalogue[len(bom) :].decode("utf-8")
    # Lines as the YAML reader counts them (CRLF, LF or a lone CR), the file's own kind for ours.
    newline = next((end.group() for end in LINE_END.finditer(text)), "\n")
    root, problems = parse_yaml(catalogue, "sources.yaml")
    assert isinstance(root, YMap) and not problems, "the catalogue was checked before"
    sources = root.get("sources")
    assert sources is not None and isinstance(sources.value, YSeq)
    items = sources.value
    line_starts = [0, *(m.end() for m in LINE_END.finditer(text))]

    def offset(pos: Position) -> int:
        return line_starts[pos.line - 1] + pos.col - 1

    start = offset(items.start)
    if text[start] != "[":
        if text and not text.endswith(("\n", "\r")):
            text += newline
        text += _block_item(entry, " " * (items.start.col - 1), newline)
        return bom + text.encode("utf-8")
    end = offset(items.end)  # just past the flow list's "]"
    if (
        not items.items
        and not text[start + 1 : end - 1].strip()
        and text[offset(root.start)] != "{"
    ):
        # `sources: []  # comment` becomes `sources:  # comment` with the item below it.
        after = LINE_END.search(text, end)
        line_end = len(text) if after is None else after.end()
        rest = text[end : line_end if after is None else after.start()]
        item = _block_item(entry, " " * (sources.key_start.col + 1), newline)
        text = f"{text[:start].rstrip(' ')}{rest}{newline}{item}{text[line_end:]}"
    else:  # a flow list with items (or comments), or in a flow mapping: one more item, in flow style
        close = end - 1
        assert text[close] == "]"
        flow = "{" + ", ".join(f"{name}: {value}" for name, value in entry) + "}"
        text = f"{text[:close]}{', ' if items.items else ''}{flow}{text[close:]}"
    return bom + text.encode("utf-8")


def _block_item(entry: list[tuple[str, str]], indent: str, newline: str) -> str:
    lines = [
        f"{indent}{'- ' if i == 0 else '  '}{name}: {value}"
        for i, (name, value) in enumerate(entry)
    ]
    return "".join(line + newline for line in lines)
