"""What a saved page's markup says that trafilatura's reading of it does not: the furniture to
clear before reading it (ad blocks labelled in any language, a paywall's gate), a lead
paragraph left outside the article, the copyright lines read as its last paragraphs, the
captions and headings a title is checked against, and the language the page declares.

Pure functions of the markup (parsed with lxml) and of the text trafilatura found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree
import lxml.html

from citedeck.load.catalogue import LANGUAGES
from citedeck.text.scripts import count_words

# What an ad block says of itself, as its first words or its class ("ad-slot", "anzeige").
_AD_LABELS = frozenset(
    {
        "advertisement",
        "advertising",
        "anzeige",
        "werbung",
        "publicité",
        "publicite",
        "publicidad",
        "pubblicità",
        "реклама",
        "광고",
        "広告",
        "广告",
        "スポンサーリンク",
    }
)
_AD_CLASS = re.compile(
    r"^(?:ad|ads|advert\w*|anzeige\w*|werbung|publicite|publicidad|reklam\w*|promo\w*"
    r"|sponsor\w*)(?:[-_]\w+)*$",
    re.IGNORECASE,
)
# A paywall's gate: what it asks of a reader who has not paid, in the languages of the pages
# people save.
_GATE = re.compile(
    r"(?:subscribe|sign in|log in|register)(?: now)? to (?:continue|keep|read)|continue reading"
    r"|keep reading|read the full (?:story|article)|(?:for|exclusive to|reserved for)(?: paying)?"
    r" subscribers|subscribers? only|subscriber-only|(?:article|story) limit|free articles? (?:left|remaining)"
    r"|weiterlesen mit|jetzt weiterlesen|um weiterzulesen|mit (?:einem )?abo weiterlesen"
    r"|(?:nur |exklusiv )für abonnenten|réservée? aux abonnés|il vous reste \d+ ?% de cet article"
    r"|pour lire la suite|abonnez-vous pour lire|solo para suscriptores|riservato agli abbonati"
    r"|только для подписчиков|доступ\w* только подписчикам|чтобы продолжить чтение"
    r"|유료 ?회원|구독자 전용|전문을 보시려면|로그인 후 (?:이용|열람)"
    r"|会員限定|有料会員|続きを読むには|この記事は有料|付费内容|订阅后(?:可)?阅读|会员专享|付费阅读",
    re.IGNORECASE,
)
# A gate, or an ad, is a small block: one of more words than this is prose that mentions one.
_FURNITURE_WORDS = 60
_CONTAINERS = frozenset({"html", "body", "main", "article"})
# A paywall stub's article: a teaser of a paragraph or two.
STUB_WORDS = 150


@dataclass(frozen=True)
class Cleared:
    markup: str  # the page without its furniture
    gate: str | None  # what the page's paywall gate says, if it has one
    captions: tuple[str, ...]  # its images' alt texts and captions
    headings: tuple[str, ...]  # its h1 and h2 headings
    language: str | None  # the language it declares, if citedeck reads it


def cleared(markup: str) -> Cleared:
    """The page `markup` without its ad blocks and paywall gate, and what it shows of itself.
    The markup is returned as it was when there was nothing to clear."""
    root = parsed(markup)
    if root is None:
        return Cleared(markup, None, (), (), None)
    captions = tuple(
        text
        for text in (
            *(
                _words(str(alt))
                for alt in root.xpath("//img/@alt|//meta[@property='og:image:alt']/@content")
            ),
            *(_words(caption.text_content()) for caption in root.iter("figcaption")),
        )
        if text
    )
    headings = tuple(_words(h.text_content()) for h in root.xpath("//h1|//h2"))
    language = _declared_language(root)
    body = root.find("body")
    if body is None:
        return Cleared(markup, None, captions, headings, language)
    gates = list(_gates(body))
    furniture = [*_ad_blocks(body), *(gate for gate, _ in gates)]
    if not furniture:
        return Cleared(markup, None, captions, headings, language)
    for element in furniture:
        if element.getparent() is not None:  # not inside one already dropped
            element.drop_tree()
    return Cleared(
        lxml.html.tostring(root, encoding="unicode"),
        gates[0][1] if gates else None,
        captions,
        headings,
        language,
    )


_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def parsed(markup: str) -> lxml.html.HtmlElement | None:
    """The page `markup` as lxml reads it, None if it cannot."""
    try:
        # As UTF-8 whatever the page declares: it was decoded already.
        return lxml.html.document_fromstring(markup.encode("utf-8"), parser=_UTF8_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None


def _words(text: str) -> str:
    return " ".join(text.split())


def _ad_blocks(body: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The ad blocks: small blocks classed as one, or labelled as one ("Anzeige", "광고")."""
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _CONTAINERS:
            continue
        classes = f"{element.get('class', '')} {element.get('id', '')}".split()
        labelled = len(element) == 0 and _words(element.text_content()).casefold() in _AD_LABELS
        if not labelled and not any(_AD_CLASS.match(name) for name in classes):
            continue
        block = element
        parent = element.getparent()
        heads_parent = (
            parent is not None and parent.index(element) == 0 and not (parent.text or "").strip()
        )
        if labelled and heads_parent and parent.tag not in _CONTAINERS:
            block = parent  # the box the label heads
        if count_words(block.text_content()) <= _FURNITURE_WORDS:
            yield block


def _gates(body: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """The paywall's gate (the biggest small block around the words it asks a reader with),
    and those words."""
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _CONTAINERS:
            continue
        own = _words(" ".join([element.text or "", *(child.tail or "" for child in element)]))
        if not _GATE.search(own) or count_words(element.text_content()) > _FURNITURE_WORDS:
            continue
        gate = element
        parent = gate.getparent()
        while (
            parent is not None
            and parent.tag not in _CONTAINERS
            and count_words(parent.text_content()) <= _FURNITURE_WORDS
            and not _holds_prose(parent, gate)
        ):
            gate, parent = parent, parent.getparent()
        yield gate, own


# A paragraph this long is the teaser's, not the gate's ("Get unlimited access on any device.").
_TEASER_WORDS = 25


def _holds_prose(element: lxml.html.HtmlElement, inside: lxml.html.HtmlElement) -> bool:
    """Whether `element` holds a paragraph of prose outside `inside`."""
    return any(
        count_words(p.text_content()) >= _TEASER_WORDS
        for p in element.iter("p")
        if inside not in p.iterancestors() and p is not inside
    )


def paywall_stub(text: str, gate: str | None) -> tuple[str, ...]:
    """Why the article `text` of a page whose paywall gate says `gate` looks like a stub (a
    teaser saved without a subscription): empty if it has no gate, or more than a teaser."""
    words = count_words(text)
    if gate is None or words > STUB_WORDS:
        return ()
    return (
        (
            f'looks like a paywall stub: {words} words of article text, and the page says "{gate}" '
            "(saved without a subscription?)"
        ),
    )


# A paragraph is a lead paragraph outside the article if it is a sentence or more this long
# between the headline and the article's first paragraph.
_LEAD_WORDS = 15
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”»)）]?$")
# What blocks between a headline and its article hold besides a lead: bylines, captions,
# notices.
_NOT_LEAD = re.compile(
    r"byline|author|meta|caption|credit|cookie|consent|banner|newsletter|promo|share|related"
    r"|comment|subscribe|breadcrumb|kicker|signup",
    re.IGNORECASE,
)
_NOT_LEAD_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "figure", "button"})


def lead_paragraphs(markup: str, text: str) -> list[str]:
    """The paragraphs of the page `markup` between its headline (its first h1) and the first
    paragraph of `text` (trafilatura's reading of it) that `text` left out: a lead paragraph
    the page sets outside its article."""
    root = parsed(markup)
    if root is None:
        return []
    lines = {_words(line) for line in text.splitlines() if line.strip()}
    headline = next(root.iter("h1"), None)
    if headline is None:
        return []
    leads: list[str] = []
    after_headline = False
    for element in root.iter("h1", "p"):
        if element is headline:
            after_headline = True
            continue
        if not after_headline or element.tag != "p":
            continue
        paragraph = _words(element.text_content())
        if paragraph in lines:
            return leads  # the article's first paragraph
        if (
            count_words(paragraph) >= _LEAD_WORDS
            and _SENTENCE_END.search(paragraph)
            and not any(_is_furniture(ancestor) for ancestor in element.iterancestors())
            and not _is_furniture(element)
        ):
            leads.append(paragraph)
    return []  # no paragraph of the article found: nothing is known to lead it


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return element.tag in _NOT_LEAD_TAGS or bool(_NOT_LEAD.search(names))


# The lines a page ends its article with that are no part of it: copyright notices, the
# editor's credit.
_TRAILER = re.compile(
    r"©|\(c\) ?\d{4}|^copyright \d{4}|all rights reserved|alle rechte vorbehalten"
    r"|tous droits réservés|reproduction interdite|все права защищены|무단 ?전재|재배포 ?금지"
    r"|版权所有|禁止转载|未经授权|無断転載|责任编辑|責任編集",
    re.IGNORECASE,
)
_TRAILER_WORDS = 20


def without_trailer(text: str) -> str:
    """`text` without the copyright notices and editor's credits among its last lines."""
    lines = text.splitlines()
    while lines and count_words(lines[-1]) <= _TRAILER_WORDS and _TRAILER.search(lines[-1]):
        lines.pop()
    return "\n".join(lines) if len(lines) < len(text.splitlines()) else text


def _declared_language(root: lxml.html.HtmlElement) -> str | None:
    """The language the page says it is in (<html lang>, else og:locale, else its JSON-LD's
    inLanguage), by its primary code, if citedeck reads that language."""
    declared = [
        root.get("lang"),
        *root.xpath("//meta[@property='og:locale']/@content"),
        *_json_ld_languages(root),
    ]
    for tag in declared:
        if tag and str(tag).strip():
            primary = re.split(r"[-_]", str(tag).strip())[0].lower()
            return primary if primary in LANGUAGES else None
    return None


def _json_ld_languages(root: lxml.html.HtmlElement) -> Iterator[str]:
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("inLanguage"), str):
                    yield item["inLanguage"]
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
