"""Scripts written without spaces between words (Han, Hiragana, Katakana, Thai), where a word
may end at any character; and Korean particles, which a name may carry glued on.

The stdlib's unicodedata knows no character's script; the `regex` module's `\\p{Script=...}`
does, from the Unicode version it ships, so a new ideograph is one too.
"""

from __future__ import annotations

import functools

import regex

# The scripts citedeck reads that are written without spaces: a word may end at any character.
UNSPACED_SCRIPTS = r"\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}"
_UNSPACED = regex.compile(rf"[{UNSPACED_SCRIPTS}\u30fc\u3005]")
# A page's words are counted in these and in the other scripts written without spaces (Lao,
# Myanmar, Khmer), which no rule reads: each character a word.
UNSPACED_CHARACTER = regex.compile(
    rf"[{UNSPACED_SCRIPTS}\p{{Script=Lao}}\p{{Script=Myanmar}}\p{{Script=Khmer}}\u30fc\u3005]"
)
_SPACED_WORD = regex.compile(r"\w+(?:['’.,]\w+)*")
_KATAKANA = regex.compile(r"[\p{Script=Katakana}\u30fc]")
_HANGUL = regex.compile(r"\p{Script=Hangul}")
# Characters of a number written in Chinese or Japanese ("三千五百", "2万", "3.2亿", "80万元"),
# and a unit glued to one: a quote may not cut a number apart from its scale or currency.
CJK_NUMERALS = "〇零一二两兩三四五六七八九十百千万萬亿億兆"
_CJK_UNITS = "元円圆块倍"
# Particles and honorifics a Korean name takes glued on ("김민수의", "김민수 씨"): a name found
# before one is the name.
KOREAN_PARTICLES = frozenset(
    "의 은 는 이 가 을 를 에 에게 에게서 한테 에서 와 과 도 만 께 께서 로 으로 라고 이라고 이다 "
    "씨 님 씨는 씨가 씨의 씨를 씨와 님은 님의 님이".split()
)


@functools.lru_cache(maxsize=4096)
def is_unspaced(char: str) -> bool:
    """Whether `char` is of a script written without spaces between words."""
    return char > "\u0dff" and _UNSPACED.match(char) is not None


def unspaced_boundary(before: str, after: str) -> bool:
    """Whether a word may end between `before` and `after`, one of them of a script written
    without spaces: anywhere, but inside a run of Katakana (one loanword or name, as Unicode's
    word boundaries have it) and inside a number ("三千|五百", "80|万元")."""
    if _KATAKANA.match(before) and _KATAKANA.match(after):
        return False
    in_number = before.isdigit() or before in CJK_NUMERALS
    return not (in_number and (after.isdigit() or after in CJK_NUMERALS or after in _CJK_UNITS or after == "%"))


def spaced(text: str) -> str:
    """`text` with a space for each character of a script written without spaces: what is left
    reads as words apart ("割合は35%だ" as "   35% "), character for character."""
    return _UNSPACED.sub(" ", text) if has_unspaced(text) else text


def word_count(text: str) -> int:
    """How many words `text` holds: its runs between spaces, each character of a script
    written without spaces counting as one."""
    return sum(
        len(_UNSPACED.findall(run)) + len([w for w in _UNSPACED.split(run) if w]) if has_unspaced(run) else 1
        for run in text.split()
    )


def count_words(text: str) -> int:
    """How many words a page's `text` holds, by Unicode rules: runs of letters and digits, and
    each character of a script written without spaces (Chinese, Japanese, Thai, ...) as a word
    of its own ("東京は晴れ" is 5; "Tokyo is sunny" 3)."""
    unspaced = len(UNSPACED_CHARACTER.findall(text))
    return unspaced + len(_SPACED_WORD.findall(UNSPACED_CHARACTER.sub(" ", text)))


def is_hangul(char: str) -> bool:
    """Whether `char` is a Hangul letter."""
    return char > "\u10ff" and _HANGUL.match(char) is not None


def has_unspaced(text: str) -> bool:
    """Whether `text` holds a character of a script written without spaces."""
    return not text.isascii() and any(is_unspaced(c) for c in text)


_LETTER_SCRIPTS = regex.compile(r"(\p{Script=Hangul})|([\p{Script=Hiragana}\p{Script=Katakana}])|(\p{Script=Han})|(\p{L})")


def language_by_script(text: str) -> str | None:
    """The language `text` is written in, where its script says so: Korean (mostly Hangul),
    Japanese (Han with Kana), Chinese (Han without); None for any other (Latin letters say
    nothing of which language they spell)."""
    counts = [0, 0, 0, 0]  # Hangul, Kana, Han, any other letter
    for match in _LETTER_SCRIPTS.finditer(text[:20_000]):
        counts[match.lastindex - 1] += 1
    hangul, kana, han, other = counts
    if hangul + kana + han <= other:
        return None
    if hangul >= kana + han:
        return "ko"
    return "ja" if kana * 10 >= han else "zh"
