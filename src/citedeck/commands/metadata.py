"""What a saved page says of its title, author and publisher, cleaned of what is not a name
or a headline: every rule add-source applies to a page's metadata before it is cited on a
card's back.

A value that is still doubtful after cleaning is left out, with the reason, rather than cited:

>>> clean_author("Story by Ada Byline | Photos by Bo Chen", "The Gazette")
Cleaned(value='Ada Byline', doubt=None)
>>> clean_author("The Gazette", "The Gazette")
Cleaned(value=None, doubt="it is the site's name")
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cleaned:
    value: str | None  # what may be cited, None if nothing
    doubt: str | None = None  # why a value the page gave was left out


# A label before the name, in the languages of the pages people save: "By", "Written by",
# "Autor:", "Автор:", "文：" ...
_LABEL = re.compile(
    r"^(?:(?:(?:written|story|words|text|reporting|posted|published|article|report|opinion"
    r"|analysis|commentary|column)\s+)?by"
    r"|author|authors|autor|autorin|autoren|auteur|auteure|auteurs|autore|autora|автор|авторы"
    r"|текст|文|作者|記者|记者|기자|글|(?:texte|text)\s+(?:von|de|par))(?:\s*[:：]\s*|\s+)",
    re.IGNORECASE,
)
# A credit for something other than the words, which names no author: "Photos by Y" in
# "Story by X | Photos by Y", "Fotos: Y", "Illustration de Y".
_OTHER_CREDIT = re.compile(
    r"^(?:(?:additional\s+)?(?:photos?|photographs?|photography|pictures|images?|video|videos"
    r"|illustrations?|graphics|design|editing|edited|fotos?|bilder?|grafik|crédits?\s+photos?)"
    r"(?:\s*[:：]|\s+(?:by|von|de|par)\b))",
    re.IGNORECASE,
)
# A Korean byline puts the role after the name, with a space: "김서연 기자".
_ROLE_AFTER_NAME = re.compile(r"(?<=\S)\s+(?:기자|특파원|통신원)$")
# "Par X", "Von X", "Di X": also how some names begin ("Di Maria", "Von Braun"), so taken for a
# label only before a name of two words or more.
_PARTICLE = re.compile(r"^(?:von|par|por|door|di|da|av|af|przez)\s+(?=\S+\s+\S)", re.IGNORECASE)
# A role after the name: "Ada Byline, Staff Writer", "Ada Byline - Senior Correspondent".
_ROLE_WORDS = (
    r"writer|reporter|correspondent|editor|columnist|contributor|journalist|photographer"
    r"|staff|redakteur|redakteurin|korrespondent|korrespondentin|journaliste|rédacteur"
    r"|rédactrice|envoyé|envoyée|spécial|giornalista|periodista|redactor|корреспондент"
    r"|обозреватель|журналист|記者|기자|특파원"
)
_ROLE = re.compile(rf"(?:^|\s)(?:{_ROLE_WORDS})(?:\s|$|s\b)", re.IGNORECASE)
# A date glued on after the name: "Ada Byline 2 May 2024", "Ada Byline 2024-05-02"; without a
# digit ("Ada Byline March") it may be a name ("Maria May"), so the author is doubtful.
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember"
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_DATE_TAIL = re.compile(
    rf"(?:[\s,|·–—-]+(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}\.?|\d{{4}}|(?:{_MONTHS})\.?,?)"
    r")+\s*$",
    re.IGNORECASE,
)
# What an organisation's name holds, not a person's: "PUBLISHER GROUP", "Example Media".
_ORGANISATION = re.compile(
    r"\b(?:group|media|news|press|inc|ltd|llc|gmbh|ag|sa|plc|corp|corporation|company|agency"
    r"|network|publishing|publications|newsroom|desk|team|staff|redaktion|rédaction|agentur"
    r"|associated|reuters|afp|dpa|ap)\b\.?",
    re.IGNORECASE,
)
# Names of the platforms pages are hosted on, which a page may give as its site's name.
HOSTING_PLATFORMS = frozenset(
    {
        "blogger",
        "blogspot",
        "ghost",
        "github",
        "github pages",
        "jimdo",
        "linkedin",
        "medium",
        "squarespace",
        "substack",
        "tumblr",
        "weebly",
        "wix",
        "wordpress",
        "wordpress.com",
        "facebook",
    }
)
_MAX_AUTHOR_WORDS = 12


def clean_author(author: str | None, site: str | None) -> Cleaned:
    """`author` (from a page's metadata) without the labels, roles, site and company names
    and dates glued to it; the page's `site` name is no author.

    >>> clean_author("Ada Byline, Staff Writer; EXAMPLE MEDIA GROUP", None)
    Cleaned(value='Ada Byline', doubt=None)
    """
    if author is None or not author.strip():
        return Cleaned(None)
    names: list[str] = []
    # Several credits: "Story by X | Photos by Y" credits X for the words.
    first_credit = re.split(r"\s+[|/]\s+", author.strip())[0]
    for part in re.split(r"\s*;\s*", first_credit):
        if _OTHER_CREDIT.match(part.strip()):
            continue
        name = _cleaned_name(part)
        if not name or _same(name, site) or _is_organisation(name):
            continue
        if name.lower() not in (n.lower() for n in names):
            names.append(name)
    if not names:
        if site and any(_same(_cleaned_name(p), site) for p in re.split(r"\s*;\s*", author)):
            return Cleaned(None, "it is the site's name")
        return Cleaned(None, "it names an organisation or a role, not a person")
    value = ", ".join(names)
    doubt = _author_doubt(value)
    return Cleaned(None, doubt) if doubt else Cleaned(value)


def _cleaned_name(part: str) -> str:
    name = _ROLE_AFTER_NAME.sub("", part.strip(" \t,.-–—|:"))
    for _ in range(2):  # "Written by Autor: X" is rare but seen
        name = _PARTICLE.sub("", _LABEL.sub("", name)).strip()
    # Roles after a comma or a dash: each such piece that holds a role word goes.
    pieces = re.split(r"\s*,\s*|\s+[-–—]\s+", name)
    kept = [p for p in pieces if p and not _ROLE.search(p)]
    name = ", ".join(kept)
    tail = _DATE_TAIL.search(name)
    if tail and any(c.isdigit() for c in tail.group()):
        name = name[: tail.start()]
    return name.strip(" \t,.-–—|:")


def _same(name: str, site: str | None) -> bool:
    return bool(site) and _squeezed(name) == _squeezed(site or "")


def _squeezed(text: str) -> str:
    """`text` lowercased, without spaces, punctuation and underscores."""
    return re.sub(r"[\W_]+", "", text.lower())


def _is_organisation(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    shouting = len(letters) > 3 and all(c.isupper() for c in letters) and " " in name.strip()
    return bool(_ORGANISATION.search(name)) or shouting


def _author_doubt(value: str) -> str | None:
    if re.search(r"https?:|www\.|@|\.com\b", value, re.IGNORECASE):
        return "it holds an address, not a name"
    if any(c.isdigit() for c in value):
        return "it holds digits"
    month = _DATE_TAIL.search(value)
    if month and len(value.split()) > 1:
        # "Ada Byline March" is a date cut short; "Maria May" a name: which, only the user knows.
        return f"it ends in a month's name ({month.group().strip(' ,')}), perhaps of a date glued on"
    if len(value.split()) > _MAX_AUTHOR_WORDS:
        return f"it is over {_MAX_AUTHOR_WORDS} words long"
    return None


def clean_publisher(publisher: str | None) -> Cleaned:
    """The page's site name, unless it is the hosting platform's or a slug.

    >>> clean_publisher("the_example_gazette")
    Cleaned(value=None, doubt='it looks like a slug (the_example_gazette), not a name')
    """
    if publisher is None or not publisher.strip():
        return Cleaned(None)
    value = publisher.strip()
    if value.lower() in HOSTING_PLATFORMS:
        return Cleaned(None, f"{value} is the platform the page is hosted on")
    if "_" in value:
        return Cleaned(None, f"it looks like a slug ({value}), not a name")
    return Cleaned(value)


# What a page's title joins its parts with: "Headline | Site", "Headline – Site",
# "Headline_Site" (Chinese sites' titles), "Opinion | Headline".
_TITLE_SEPARATOR = re.compile(r"(\s+(?:[|–—·»]|-|::)\s+|_)")
# A section's name some sites put before the headline: "Opinion | Headline".
_SECTIONS = frozenset(
    {
        "opinion", "analysis", "comment", "commentary", "editorial", "explainer", "review", "live",
        "meinung", "kommentar", "analyse", "tribune", "chronique", "éditorial", "opinión", "opinione",
    }
)


def clean_title(
    title: str | None, site: str | None, captions: Sequence[str] = (), headings: Sequence[str] = ()
) -> Cleaned:
    """`title` (from a page's metadata) without the site's name joined on, nor a section's
    name before it; left out if it is the site's name alone, or an image's caption or alt text
    (among the page's `captions`) that no heading of the page (`headings`) gives.

    >>> clean_title("Opinion | Benches, not car parks - The Commons Review", "The Commons Review")
    Cleaned(value='Benches, not car parks', doubt=None)
    """
    if title is None or not title.strip():
        return Cleaned(None)
    parts = _TITLE_SEPARATOR.split(title.strip())  # pieces, separators between them
    while len(parts) > 2 and (_same(parts[-1], site) or _LABEL.match(parts[-1] + " ")):
        del parts[-2:]  # "| Site", "| by Ada Byline"
    while len(parts) > 2 and (_same(parts[0], site) or (
        parts[0].lower() in _SECTIONS and parts[1].strip() in "|–—-"
    )):
        del parts[:2]  # "Site | ", "Opinion | "
    value = "".join(parts).strip()
    if _same(value, site):
        return Cleaned(None, "it is the site's name")
    squeezed = _squeezed(value)
    in_caption = any(_squeezed(caption).startswith(squeezed) for caption in captions)
    if in_caption and not any(_squeezed(heading) == squeezed for heading in headings):
        return Cleaned(None, "it is an image's caption or alt text, not a headline of the page")
    return Cleaned(value)


def byline_author(text: str, site: str | None) -> Cleaned:
    """The author a byline at the head of an article's `text` names ("By Ada Byline" on a line
    of its own), for a page whose metadata names none.

    >>> byline_author("By Ada Byline\\nThe town library lends seeds.", None)
    Cleaned(value='Ada Byline', doubt=None)
    """
    for line in text.splitlines()[:_BYLINE_LINES]:
        line = line.strip()
        label = _LABEL.match(line) or _PARTICLE.match(line)
        # A name follows, capitalized, and no sentence ends: "By noon, all was lost." is none.
        if (
            label
            and line[label.end() :][:1].isupper()
            and not line.endswith((".", "!", "?"))
            and len(line.split()) <= _MAX_BYLINE_WORDS
        ):
            return clean_author(line, site)
    return Cleaned(None)


_BYLINE_LINES, _MAX_BYLINE_WORDS = 3, 8
