"""Names on text: whether a who card's answer is a name, and where a text names it.

A name is matched as whole words in its own letter case: "The Economist" is not in "an
economist said", and "Bank of England" is not in "the bank of a river in England". A word
written in capitals ("NVIDIA") stands for the same word capitalised. A person's full name may
stand in either order ("Zhang Yiming" is "Yiming Zhang"), and their first or last name alone
("Mr. Liang", "Allison's remarks") may stand for them where nothing joins another name to it.
An elided quote names the answer in one of its pieces, never across "...".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from citedeck.text.fold import find_word, fold, fragments

_PRONOUNS = frozenset(
    "i me you he him she her it we us they them my your his its our their mine yours hers ours "
    "theirs myself yourself himself herself itself ourselves themselves someone somebody "
    "something anyone anybody anything everyone everybody everything nobody nothing noone one "
    "ones other others another who whom whoever whose which what whatever".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those some any no every each all both either neither none many "
    "much most more several few such certain various same".split()
)
# Words for a party that name none: people by their role, groups, bodies, kinds of company.
# (Not a profession in the singular, which a newspaper may be named for: "The Economist".)
_COMMON_NOUNS = frozenset(
    "company companies firm firms startup startups business businesses board boards government "
    "governments authority authorities official officials regulator regulators lawmaker "
    "lawmakers politicians administration state states country countries nation nations city "
    "cities province region researcher researchers scientists scholars academics experts "
    "analysts economists investors executive executives founder founders engineer engineers "
    "employee employees staff worker workers student students graduates professor professors "
    "teacher teachers people person persons man men woman women guy individual individuals "
    "group groups team teams lab labs laboratory university universities college colleges "
    "school schools institute institution institutions agency agencies ministry department "
    "committee council court police military army party parties leader leaders leadership "
    "chief ceo president chairman director manager managers boss spokesperson spokesman "
    "spokeswoman representative representatives source sources insider insiders partner "
    "partners user users customer customers critics observers commenters colleague colleagues "
    "authors reporters journalists media press outlet outlets newspaper newspapers publication "
    "report reports study studies paper papers article survey organisation organization "
    "organisations organizations industry sector market public society community family "
    "friend friends rival rivals competitor competitors giant giants platform platforms "
    "website site app model models chatbot bank banks fund funds owner owners parent unit "
    "subsidiary division office headquarters member members officer officers lawyers doctors "
    "entrepreneurs developers commentators".split()
)
_DEMONYMS = frozenset(
    "chinese american british english japanese korean european western eastern asian african "
    "indian russian german french taiwanese canadian australian israeli iranian italian "
    "spanish mexican brazilian foreign domestic local".split()
)
# A person's title: not a name, and no given name when it stands before one ("Professor Chen").
_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady madam premier chairwoman senator sen rep gov "
    "governor general gen justice minister secretary chancellor king queen prince princess pope "
    "father rev reverend saint st captain capt colonel col lieutenant lt sergeant sgt detective "
    "mayor ambassador dean coach vice deputy jr sr professor president chairman director ceo "
    "chief founder executive".split()
)
# Roles written before a name like a title ("Reporter Bob", "Economist Jane Doe"); a name
# alone may be one ("The Economist"), so these are words of no run of names, not no names.
_ROLES = frozenset(
    "reporter correspondent columnist editor writer author analyst economist researcher "
    "scientist scholar historian engineer investor entrepreneur billionaire lawyer attorney "
    "agent commissioner architect artist actor actress singer player manager officer student "
    "colleague rival partner co-founder cto cfo coo leader envoy diplomat admiral critic "
    "novelist poet host anchor photographer physicist mathematician economists".split()
)
# Words a sentence may start with, capitalised there: no given name before a surname.
_FUNCTION_WORDS = frozenset(
    "and but or nor so yet for if when while as at in on of to by with from after before since "
    "until although though because then than also even still only now later today yesterday "
    "tomorrow here there where why how not yes according meanwhile however instead indeed "
    "perhaps maybe once like unlike despite during under over about into through between among "
    "against without within per via last next first unless whether including excluding "
    "following regarding concerning considering given asked says said told added noted "
    "writing speaking born based founded backed led monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
# Words that join the parts of a name and name nothing alone.
_CONNECTORS = frozenset(
    "of and for the at in on to upon de del della der den di da das do dos du van von zu la le "
    "les al el bin ibn y e et und &".split()
)
# Words that make a name an organisation's, which only its whole name names.
_ORGANISATION_WORDS = frozenset(
    "university college school institute academy inc corp corporation co ltd llc plc gmbh ag sa "
    "group company lab labs laboratory research times news post journal daily review magazine "
    "press media bank capital partners ventures fund foundation center centre council ministry "
    "department agency association party committee society technologies technology tech "
    "systems holdings airlines airways motors industries international global platforms "
    "network networks studios software ai intelligence opinion court government office bureau "
    "commission federation union league club team hospital museum library church army navy "
    "force police state city province county republic kingdom house senate congress parliament "
    "assembly administration authority board trust exchange markets securities investments "
    "management consulting solutions services energy pharmaceuticals robotics electronics "
    "semiconductor cloud digital games entertainment pictures records books publishing radio "
    "television channel store stores brands foods rail railways electric telecom "
    "communications mobile data analytics initiative project programme program forum "
    "conference summit asia america europe africa china india japan pacific world national "
    "united".split()
)
_NOT_NAMES = _PRONOUNS | _DETERMINERS | _COMMON_NOUNS | _DEMONYMS | _TITLES
# What no given name is: the words above, and those that start a sentence.
_NOT_GIVEN_NAMES = _NOT_NAMES | _ROLES | _FUNCTION_WORDS | _CONNECTORS | _ORGANISATION_WORDS

_EDGES = re.compile(r"^\W+|\W+$")
# Dashes that set a clause off ("Chen—who"): kept apart from the word before them, where
# folding would make a hyphen of them that joins the two words into one ("Chen-who").
_SET_OFF = str.maketrans(dict.fromkeys("\u2014\u2015", "~"))


def name_text(text: str) -> str:
    """`text` folded as a name is looked for in it: fold(text), character for character, but
    for a dash that sets a clause off, '~' where fold has '-'."""
    if "\u2014" in text or "\u2015" in text:
        text = text.translate(_SET_OFF)
    return fold(text)


# A source's text, read for each card whose quote gives a part of a name.
_article_text = functools.lru_cache(maxsize=8)(name_text)


def _word(token: str) -> str:
    """A token without the punctuation around it ("California," gives "California")."""
    return _EDGES.sub("", token)


def _is_uncased(word: str) -> bool:
    """Whether `word` holds a letter of a script without letter case (Han, Arabic, ...)."""
    return not word.isascii() and any(c.isalpha() and not c.isupper() and not c.islower() for c in word)


def _kind(word: str) -> str:
    folded = word.casefold()
    if folded in _PRONOUNS:
        return "a pronoun"
    if folded in _DETERMINERS:
        return "a determiner"
    if folded in _TITLES:
        return "a title"
    if folded in _DEMONYMS:
        return "a word for where a party is from"
    if folded in _COMMON_NOUNS:
        return "a common noun"
    return "a common word (a name is capitalised)"


@functools.lru_cache(maxsize=65536)
def why_not_a_name(answer: str) -> str | None:
    """Why `answer` names no person or organisation ("'they' is a pronoun"); None when it is a
    name: a word of it is capitalised (or of a script without case) and no pronoun, common
    noun, determiner, title or nationality, and each other word is capitalised or joins a
    name ("of", "and", "van")."""
    words = [w for w in map(_word, fold(answer).split()) if w]
    if not words:
        return "it holds no word"
    lowercase = [w for w in words if w.islower() and w.casefold() not in _CONNECTORS]
    if lowercase:
        word = next((w for w in lowercase if w.casefold() not in _DETERMINERS), lowercase[0])
        return f"'{word}' is {_kind(word)}"
    if any(_is_naming(word) for word in words):
        return None
    word = next((w for w in words if w.casefold() not in _CONNECTORS | _DETERMINERS), words[0])
    return f"'{word}' is {_kind(word)}"


def _is_naming(word: str) -> bool:
    return (any(c.isupper() for c in word) or _is_uncased(word)) and word.casefold() not in _NOT_NAMES


_NAME_PREFIXES = ("Mc", "Mac", "O'", "D'")


def _is_person_word(word: str) -> bool:
    """A given name or surname as English text writes one: capitalised letters ("Yu",
    "O'Brien", "Jean-Luc", "McDonald"), or letters of a script without case."""
    if _is_uncased(word):
        return word.isalpha()
    return all(
        any(
            p.isalpha() and p[0].isupper() and (len(p) == 1 or p[1:].islower())
            for p in (part, *(part[len(x):] for x in _NAME_PREFIXES if part.startswith(x)))
        )
        for part in word.split("-")
    )


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _is_given_name(word: str) -> bool:
    """Whether `word` may be a person's name, beside another ("Mary" of "Mary Chen")."""
    return (
        (_is_person_word(word) or _is_initial(word))
        and word.casefold().rstrip(".") not in _NOT_GIVEN_NAMES
    )


@dataclass(frozen=True)
class Name:
    """A who card's answer as a name: its words, and its names without a title."""

    words: tuple[str, ...]  # as the answer writes them, a leading "the" left out
    names: tuple[str, ...]  # the words but a title before them ("Mr.", "Professor")
    person: bool  # whether they are a person's names: a part of them may stand for them

    @classmethod
    @functools.lru_cache(maxsize=65536)  # the who rule and the card's back read each answer
    def of(cls, answer: str) -> Name:
        words = fold(answer).split()
        if len(words) > 1 and words[0].casefold() == "the":
            words = words[1:]
        names = list(words)
        while len(names) > 1 and _word(names[0]).casefold() in _TITLES:
            names.pop(0)
        person = 2 <= len(names) <= 4 and all(
            _is_given_name(w) and (not _is_initial(w) or 0 < i < len(names) - 1)
            for i, w in enumerate(names)
        )
        return cls(tuple(words), tuple(names), person)

    @functools.cached_property
    def forms(self) -> tuple[str, ...]:
        """Each way a text may write the whole name: as the answer does, or without its
        title; a person's names with the family name first or last; each also in capitals."""
        names = self.names
        orders = [names]
        if self.person:
            orders += [names[-1:] + names[:-1], names[1:] + names[:1]]
        forms = [" ".join(self.words), *(" ".join(order) for order in orders)]
        forms += [form.upper() for form in forms]
        return tuple(dict.fromkeys(forms))

    @functools.cached_property
    def parts(self) -> tuple[str, ...]:
        """The names that may stand alone for a person: the first and the last."""
        if not self.person:
            return ()
        return tuple(dict.fromkeys(p for p in (self.names[0], self.names[-1]) if len(p) > 1))

    def is_own(self, words: str) -> bool:
        """Whether each of `words` (a name a text writes) is one of this person's names."""
        own = {w.upper() for w in self.names}
        return all(w.upper() in own for w in words.split())

    @functools.cached_property
    def words_to_find(self) -> tuple[str, ...]:
        """The words a text must hold to name it: its words, but connectors and titles."""
        found = (_word(w) for w in self.names)
        return tuple(dict.fromkeys(w for w in found if w and w.casefold() not in _CONNECTORS))


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word`, or `word` in capitals, stands in `text` as a whole word."""
    found = []
    for written in dict.fromkeys((word, word.upper())):
        if written not in text:
            continue
        pos = find_word(text, written)
        while pos >= 0:
            found.append(pos)
            pos = find_word(text, written, pos + 1)
    return sorted(found)


_TRAILING = re.compile(r"(?:'s|[,.;:!?)\"'~])+$")
# Words inside a name that join its parts ("Bank of England", "Ludwig van Beethoven").
_INNER_CONNECTORS = frozenset(
    "of de del della der den di da das do dos du van von zu la le al el bin ibn".split()
)
_NOT_IN_A_RUN = _FUNCTION_WORDS | _TITLES | _ROLES | _PRONOUNS | _DETERMINERS | _CONNECTORS


def _is_name_word(word: str) -> bool:
    """Whether `word` may be a word of a name beside another: capitalised, or of a script
    without case, or digits with a capital ("36Kr"); not a title, pronoun or word that starts
    sentences; not an adjective made with a hyphen ("Beijing-based")."""
    if not word or not word[-1].isalnum() or word.endswith("'s"):
        return False
    first = word[0]
    if not (first.isupper() or _is_uncased(first) or (first.isdigit() and any(c.isupper() for c in word))):
        return False
    if any(part[:1].islower() for part in word.split("-")):
        return False
    return word.casefold() not in _NOT_IN_A_RUN


def _glued_tail(token: str) -> str:
    """The capitalised end of a token that glues two sentences ("Vivian" of "moreVivian");
    the token itself when it starts with a capital, or has no such end."""
    if not token[:1].islower():
        return token
    for i in range(len(token) - 1, 0, -1):
        if token[i].isupper() and token[i - 1].islower():
            return token[i:]
    return token


def name_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole name that the words at [start, end) of `text` are part of: the
    capitalised words standing next to them, and "of" (or "van", "de", ...) between two
    ("Mary Chen" around "Chen", "Kennedy School of Government" around "Kennedy"). A title,
    a possessive, punctuation, or a word that starts sentences ends it ("Mr. Chen", "Nvidia's
    Chen", "When Chen"); a possessive or punctuation after a word ends it there."""
    while True:
        words = []  # the words before `start`, nearest first, while they may join it
        cursor = start
        while cursor >= 2 and text[cursor - 1] == " ":
            begin = text.rfind(" ", 0, cursor - 1) + 1
            words.append(text[begin : cursor - 1])
            cursor = begin
            if words[-1].casefold() not in _INNER_CONNECTORS | {"the"}:
                break
        if not words or (len(words) > 1 and words[-2] == "the"):
            break
        word = _glued_tail(words[-1])
        if not _is_name_word(word):
            break
        start = cursor + len(words[-1]) - len(word)
        if word != words[-1]:
            break
    while end < len(text) and text[end] == " ":
        words, cursor = [], end
        while cursor < len(text) and text[cursor] == " ":
            stop = text.find(" ", cursor + 1)
            stop = len(text) if stop < 0 else stop
            words.append(text[cursor + 1 : stop])
            cursor = stop
            if words[-1].casefold() not in _INNER_CONNECTORS | {"the"}:
                break
        word = _TRAILING.sub("", words[-1])
        if not _is_name_word(word) or (len(words) > 1 and words[0] == "the"):
            break
        end = cursor - len(words[-1]) + len(word)
        if word != words[-1]:
            break
    return start, end


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` of `text` may start a sentence (where a common word is
    capitalised): it starts the text, follows a sentence's end or an opening quote mark, or
    is glued to the sentence before it ("timeThis")."""
    before = text[:start]
    if not before.strip():
        return True
    if not before.endswith(" "):
        return before[-1].islower() or before[-1] in ".!?"
    before = before.rstrip()
    if before[-1] in "\"'([" and (len(before) == 1 or before[-2] == " "):
        return True
    ended = before.rstrip("\"')]")
    if ended and ended[-1] in ".!?:":
        last = ended.split()[-1].rstrip(".!?:").casefold()
        return last not in _TITLES
    return False


@dataclass(frozen=True)
class Sighting:
    """Where a quote names the answer: the span in fold(quote); with `part`, the first or
    last name that stands there for the whole; whether it may start a sentence."""

    span: tuple[int, int]
    part: str | None = None
    starts_sentence: bool = False


@dataclass(frozen=True)
class Reading:
    """What a quote says of a name: where it names it whole (in one piece), else where a part
    of it stands alone for it; and a longer name the quote makes of it instead, as (what of
    the answer it holds, the longer name): "Mary Chen" of "Chen" for "Robert Chen", "Kennedy
    School of Government" of "Kennedy"."""

    whole: Sighting | None
    part: Sighting | None
    longer: tuple[str, str] | None

def _pieces(text: str) -> list[tuple[int, str]]:
    """The pieces of `text` between elisions, each with where it starts in `text`."""
    found = []
    cursor = 0
    for piece in fragments(text):
        cursor = text.find(piece, cursor)
        found.append((cursor, piece))
        cursor += len(piece)
    return found


def _first(sightings: list[Sighting]) -> Sighting | None:
    """The first sighting that does not start a sentence, else the first."""
    return next((s for s in sightings if not s.starts_sentence), sightings[0] if sightings else None)


@functools.lru_cache(maxsize=65536)  # the who rule reads each card's quote, and its back again
def read_quote(answer: str, quote: str) -> Reading:
    """Where `quote` names `answer`: see Reading. A whole name may stand inside a person's
    longer name ("Xi" in "Xi Jinping"), not inside another longer name ("Times" in "Global
    Times"); a part stands alone or beside the person's other names only."""
    name = Name.of(answer)
    pieces = _pieces(name_text(quote))
    whole, longer = _sightings(name, pieces, {form: None for form in name.forms})
    if whole:
        return Reading(whole, None, None)
    parts, longer_part = _sightings(name, pieces, {part: part for part in name.parts})
    return Reading(None, parts, longer_part or longer)


def _sightings(
    name: Name, pieces: list[tuple[int, str]], wanted: dict[str, str | None]
) -> tuple[Sighting | None, tuple[str, str] | None]:
    """The first sighting in `pieces` of a `wanted` form (each mapped to the part it is,
    None for the whole name), and the first longer name one stands in instead."""
    found: list[Sighting] = []
    longer = None
    for offset, piece in pieces:
        for said, part in wanted.items():
            for pos in _occurrences(piece, said):
                start, end = name_around(piece, pos, pos + len(said))
                around = piece[start:end]
                if around != said and not (name.is_own(around) if part else Name.of(around).person):
                    longer = longer or (said, around)
                    continue
                span = (offset + pos, offset + pos + len(said))
                found.append(Sighting(span, part, _starts_sentence(piece, pos)))
    found.sort(key=lambda s: s.span)
    return _first(found), longer


def name_span(answer: str, quote: str) -> tuple[int, int] | None:
    """The span of fold(quote) that names `answer`, as the who rule proves it: the whole name
    (in whichever order), else the first or last name standing alone for it ("Liang" of "Mr.
    Liang"); None when the quote does neither."""
    reading = read_quote(answer, quote)
    if reading.whole:
        return reading.whole.span
    if reading.part and reading.longer is None and not missing_words(answer, quote).across_pieces:
        return reading.part.span
    return None


def names_whole(answer: str, text: str) -> bool:
    """Whether `text` (an article) names `answer` whole, in any of its forms."""
    article = _article_text(text)
    return any(find_word(article, form) >= 0 for form in Name.of(answer).forms)


def other_names_with(answer: str, part: str, text: str) -> list[str]:
    """The names other than `answer` that `text` (an article) joins `part` to ("Mary Chen"
    for the part "Chen" of "Robert Chen"), as it writes them, in order."""
    article = _article_text(text)
    name = Name.of(answer)
    found = []
    for pos in _occurrences(article, part):
        start, end = name_around(article, pos, pos + len(part))
        if not name.is_own(article[start:end]):
            found.append(article[start:end])
    return list(dict.fromkeys(found))


def is_common_word(word: str, *texts: str) -> bool:
    """Whether `word`, capitalised, may be a common word that starts a sentence: one of the
    words that name no one, or a word `texts` write in lowercase."""
    lower = word.lower()
    return (
        word.casefold() in _NOT_GIVEN_NAMES
        or lower != word and any(find_word(_article_text(t), lower) >= 0 for t in texts)
    )


@dataclass(frozen=True)
class Missing:
    """Why a quote does not name an answer: its words the quote holds and those it lacks; of
    those it lacks, how the quote writes them in another letter case; and whether the quote
    holds the whole name across '...'."""

    held: tuple[str, ...]
    lacking: tuple[str, ...]
    other_case: tuple[tuple[str, str], ...]
    across_pieces: bool


def missing_words(answer: str, quote: str) -> Missing:
    """What of `answer` `quote` lacks (for a quote that does not name it)."""
    name = Name.of(answer)
    text = name_text(quote)
    pieces = [piece for _, piece in _pieces(text)]
    held, lacking, other_case = [], [], []
    for word in name.words_to_find:
        if any(_occurrences(piece, word) for piece in pieces):
            held.append(word)
            continue
        lacking.append(word)
        folded = text.casefold()
        pos = find_word(folded, word.casefold())
        if pos >= 0 and len(folded) == len(text):
            other_case.append((word, text[pos : pos + len(word)]))
    joined = " ".join(pieces)
    across = not lacking and any(find_word(joined, form) >= 0 for form in name.forms)
    return Missing(tuple(held), tuple(lacking), tuple(other_case), across)
