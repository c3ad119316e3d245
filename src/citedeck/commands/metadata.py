"""What a saved page says of its author and publisher, cleaned of what is not a name: every
rule add-source applies to a page's metadata before it is cited on a card's back.

A value that is still doubtful after cleaning is left out, with the reason, rather than cited:

>>> clean_author("Story by Ada Byline | Photos by Bo Chen", "The Gazette")
Cleaned(value='Ada Byline', doubt=None)
>>> clean_author("The Gazette", "The Gazette")
Cleaned(value=None, doubt="it is the site's name")
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cleaned:
    value: str | None  # what may be cited, None if nothing
    doubt: str | None = None  # why a value the page gave was left out


# A label before the name, in the languages of the pages people save: "By", "Written by",
# "Autor:", "Автор:", "文：" ...
_LABEL = re.compile(
    r"^(?:(?:(?:written|story|words|text|reporting|posted|published|article|report)\s+)?by"
    r"|author|authors|autor|autorin|autoren|auteur|auteure|auteurs|autore|autora|автор|авторы"
    r"|текст|文|作者|記者|기자|글|(?:texte|text)\s+(?:von|de|par))(?:\s*[:：]\s*|\s+)",
    re.IGNORECASE,
)
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
    name = part.strip(" \t,.-–—|:")
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
    def squeezed(text: str) -> str:
        return re.sub(r"[\W_]+", "", text.lower())

    return bool(site) and squeezed(name) == squeezed(site or "")


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
