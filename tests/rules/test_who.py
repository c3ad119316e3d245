import unicodedata

from citedeck.rules import who

CARD = """\
- id: c
  type: who
  question: Who is this?
  answer: {answer}
  source: {source}
  quote: "{quote}"
"""


def test_full_name_in_quote_passes(findings) -> None:
    assert findings(who, CARD.format(answer="Liang Wenfeng", source="liang-profile",
                                     quote="DeepSeek, founded by hedge fund manager Liang Wenfeng")) == ""


def test_surname_passes_when_full_name_is_in_the_source(findings) -> None:
    assert findings(who, CARD.format(answer="Graham Allison", source="comeback",
                                     quote="Allison's remarks have drawn historical parallels")) == ""


def test_surname_fails_when_full_name_is_not_in_the_source(findings) -> None:
    out = findings(who, CARD.format(answer="Zizheng Pan", source="liang-profile",
                                    quote="He brought his best people with him"))
    assert out == "c.yaml:5:13: error[who-not-in-quote]: answer 'Zizheng Pan' does not appear in the quote\n"
    out = findings(who, CARD.format(answer="Ruoming Pan", source="restofworld",
                                    quote="Pan chose DeepSeek without much hesitation"))
    assert out == (
        "c.yaml:5:13: error[who-not-in-quote]: the quote names only 'Pan', and the full answer "
        "'Ruoming Pan' appears nowhere in 'restofworld' (000_06cf52921cbf3fe8.txt)\n"
    )


def test_other_types_are_not_checked(findings) -> None:
    card = CARD.format(answer="Nobody", source="restofworld", quote="Pan chose DeepSeek").replace("type: who", "type: source")
    assert findings(who, card) == ""


def test_an_accent_typed_as_a_combining_mark_matches_the_articles_letter(findings) -> None:
    # "Sabrié" in the NYT seed is one character "é"; typed as "e" and U+0301 (as some
    # keyboards and PDFs give it), it must still be found, in the answer and in the quote.
    decomposed = unicodedata.normalize("NFD", "Gilles Sabrié")
    assert decomposed != "Gilles Sabrié"
    assert findings(who, CARD.format(answer=decomposed, source="nyt",
                                     quote="Credit...Gilles Sabrié for The New York Times")) == ""
