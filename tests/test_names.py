"""Names on text: what is a name, where a quote names one, what an article says of a part."""

from __future__ import annotations

from conftest import SEEDS

from citedeck.text.fold import fold
from citedeck.text.names import (
    Missing,
    Name,
    is_common_word,
    missing_words,
    name_around,
    name_span,
    name_text,
    names_whole,
    other_names_with,
    read_quote,
    why_not_a_name,
)

NYT = (SEEDS / "003_ab8ac3ee00bb6825.txt").read_text(encoding="utf-8")
ROW = (SEEDS / "000_06cf52921cbf3fe8.txt").read_text(encoding="utf-8")


def spanned(answer: str, quote: str) -> str | None:
    span = name_span(answer, quote)
    return None if span is None else fold(quote)[span[0] : span[1]]


def test_name_span_is_the_whole_name_in_whichever_order() -> None:
    quote = "DeepSeek, founded by hedge fund manager Liang Wenfeng"
    assert name_span("Liang Wenfeng", quote) == (40, 53)
    assert name_span("Wenfeng Liang", quote) == (40, 53)
    assert spanned("Zizheng Pan", "Pan Zizheng\u2019s key contributions") == "Pan Zizheng"
    assert spanned("Nvidia", "a career at NVIDIA\u2014then") == "NVIDIA"
    assert spanned("The New York Times", "Gilles Sabrié for The New York Times") == "New York Times"


def test_name_span_is_the_part_standing_alone() -> None:
    quote = "\u201cInnovation requires as little intervention,\u201d Mr. Liang said"
    assert name_span("Liang Wenfeng", quote) == (50, 55)
    assert spanned("Liang Wenfeng", quote) == "Liang"
    assert spanned("Graham Allison", "Allison\u2019s remarks") == "Allison"
    # The whole name, where a piece holds it, before a part in an earlier piece.
    assert spanned("Zizheng Pan", "Pan chose DeepSeek ... said Zizheng Pan") == "Zizheng Pan"


def test_name_span_is_in_the_folded_quote() -> None:
    quote = "said  \u201cthe\u201d\u00a0founder,\n Liang Wenfeng"
    start, end = name_span("Liang Wenfeng", quote)  # type: ignore[misc]
    assert fold(quote)[start:end] == "Liang Wenfeng"
    assert len(name_text(quote)) == len(fold(quote))


def test_name_span_is_none_where_the_quote_names_no_one_or_another() -> None:
    assert name_span("Robert Chen", "said Mary Chen") is None
    assert name_span("Liang Wenfeng", "Liang ... Wenfeng") is None
    assert name_span("Kennedy", "the Kennedy School of Government") is None
    assert name_span("The Economist", "an economist said") is None
    assert name_span("Bank of England", "the bank of a river in England") is None


def test_why_not_a_name() -> None:
    assert why_not_a_name("she") == "'she' is a pronoun"
    assert why_not_a_name("Someone") == "'Someone' is a pronoun"
    assert why_not_a_name("The Company") == "'Company' is a common noun"
    assert why_not_a_name("the researchers") == "'researchers' is a common noun"
    assert why_not_a_name("The President") == "'President' is a title"
    assert why_not_a_name("Chinese Officials") == "'Chinese' is a word for where a party is from"
    assert why_not_a_name("the guy in the hat") == "'guy' is a common noun"
    assert why_not_a_name("a reporter") == "'reporter' is a common word (a name is capitalised)"
    for name in ("The Economist", "Bank of England", "Xi", "Li", "36Kr", "01.AI", "eBay", "梁文锋",
                 "Ludwig van Beethoven", "Charles de Gaulle", "President Xi", "High-Flyer"):
        assert why_not_a_name(name) is None, name


def test_a_person_may_be_named_by_a_part_an_organisation_not() -> None:
    assert Name.of("Liang Wenfeng").parts == ("Liang", "Wenfeng")
    assert Name.of("Dr. Jane Smith").parts == ("Jane", "Smith")
    assert Name.of("Mary-Kate O'Brien").parts == ("Mary-Kate", "O'Brien")
    assert Name.of("Robert J. Chen").parts == ("Robert", "Chen")
    for organisation in ("Bank of England", "Stanford University", "Microsoft Research Asia", "Global Times",
                         "Google DeepMind", "Apple Inc", "Xi", "Mr. Liang", "Ludwig van Beethoven"):
        assert Name.of(organisation).parts == (), organisation


def test_forms_are_the_orders_of_a_persons_names_and_capitals() -> None:
    assert Name.of("Dr. Jane Smith").forms == (
        "Dr. Jane Smith", "Jane Smith", "Smith Jane", "DR. JANE SMITH", "JANE SMITH", "SMITH JANE",
    )
    assert Name.of("the Bank of England").forms == ("Bank of England", "BANK OF ENGLAND")


def test_name_around_takes_the_words_of_one_name() -> None:
    def around(text: str, word: str) -> str:
        pos = text.index(word)
        start, end = name_around(text, pos, pos + len(word))
        return text[start:end]

    assert around("said Mary Chen, who", "Chen") == "Mary Chen"
    assert around("said Mary Ann Chen", "Chen") == "Mary Ann Chen"
    assert around("said Mr. Chen", "Chen") == "Chen"
    assert around("When Chen said", "Chen") == "Chen"
    assert around("Professor Chen said", "Chen") == "Chen"
    assert around("Nvidia's Chen said", "Chen") == "Chen"
    assert around("the Beijing-based Chen", "Chen") == "Chen"
    assert around("Chen's remarks", "Chen") == "Chen"
    assert around("Chen Mary, said", "Chen") == "Chen Mary"
    assert around("the Kennedy School of Government at Harvard", "Kennedy") == "Kennedy School of Government"
    assert around("the Bank of the West", "West") == "Bank of the West"
    assert around("Tsinghua University and Peking University", "Peking") == "Peking University"
    assert around("learn moreVivian Wang is", "Wang") == "Vivian Wang"
    assert around("Reporter Bob counted", "Bob") == "Bob"
    assert around("in May Chen said", "Chen") == "May Chen"  # May may be her name: unsure, joined


def test_read_quote_names_the_longer_name_it_finds() -> None:
    reading = read_quote("Robert Chen", "said Mary Chen")
    assert (reading.whole, reading.part, reading.longer) == (None, None, ("Chen", "Mary Chen"))
    reading = read_quote("Times", "outlet Global Times reported")
    assert (reading.whole, reading.longer) == (None, ("Times", "Global Times"))
    # A whole name inside a person's longer name is named.
    assert read_quote("Xi", "leader, Xi Jinping, the party").whole is not None


def test_a_part_that_may_start_a_sentence_is_marked() -> None:
    assert read_quote("Graham Allison", "Allison encapsulates this").part.starts_sentence  # type: ignore[union-attr]
    assert read_quote("Graham Allison", "as Allison said. Later").part.starts_sentence is False  # type: ignore[union-attr]
    assert read_quote("Graham Allison", "it was so. Allison said").part.starts_sentence  # type: ignore[union-attr]
    assert read_quote("Graham Allison", "said Mr. Allison").part.starts_sentence is False  # type: ignore[union-attr]
    assert read_quote("Graham Allison", "underappreciatedAllison's remarks").part.starts_sentence  # type: ignore[union-attr]


def test_is_common_word() -> None:
    assert is_common_word("Less", ROW)  # "less" stands in the article
    assert is_common_word("Still", "no text")  # a word that starts sentences
    assert not is_common_word("Pan", ROW)
    assert not is_common_word("Song", ROW)


def test_names_whole_in_any_order_and_case_kept() -> None:
    assert names_whole("Yanbo Wang", NYT)
    assert names_whole("Wang Yanbo", NYT)
    assert not names_whole("Yanbo Chen", NYT)
    assert not names_whole("yanbo wang", NYT)


def test_other_names_with_a_part() -> None:
    assert other_names_with("Yanbo Wang", "Wang", NYT) == ["Vivian Wang"]
    assert other_names_with("Vivian Wang", "Wang", NYT) == ["Yanbo Wang"]
    assert other_names_with("Zhiding Yu", "Yu", ROW) == ["Yu Zhou"]
    assert other_names_with("Daniel Palomar", "Palomar", ROW) == []
    assert other_names_with("Zizheng Pan", "Pan", ROW) == []


def test_missing_words() -> None:
    assert missing_words("Bank of England", "the bank of a river in England") == Missing(
        ("England",), ("Bank",), (("Bank", "bank"),), False
    )
    assert missing_words("Liang Wenfeng", "Liang ... Wenfeng") == Missing(("Liang", "Wenfeng"), (), (), True)
    assert missing_words("Ruoming Pan", "Pan chose") == Missing(("Pan",), ("Ruoming",), (), False)
