from citedeck.check import source_elsewhere
from citedeck.check.source_elsewhere import content_stems, stem

CARD = """\
- id: c
  type: source
  question: Which outlet cited MacroPolo on where the top researchers studied?
  answer: {answer}
  source: {source}
  quote: "{quote}"
"""


def test_a_fact_another_source_states_in_other_words_warns_with_its_sentence(findings) -> None:
    card = CARD.format(
        answer="The New York Times",
        source="nyt",
        quote="nearly half of the world's top A.I. researchers came from Chinese undergraduate "
        "institutions",
    )
    assert findings(source_elsewhere, card) == (
        "c.yaml:7:12: warning[source-fact-elsewhere]: 6 of the quote's 9 content words stand "
        "together in one sentence of 'restofworld' (000_06cf52921cbf3fe8.txt), line 19: "
        "'Nearly half the world’s top AI researchers completed their undergraduate studies in "
        "China, accordin…', so that source may be a fair answer too\n"
        "  hint: ask about a fact only 'nyt' reports, or ask it as a who or figure card\n"
    )


def test_a_fact_only_its_source_reports_passes(findings) -> None:
    card = CARD.format(
        answer="The New York Times",
        source="nyt",
        quote="Record numbers of young people have opted instead to compete for civil service jobs",
    )
    assert findings(source_elsewhere, card) == ""


def test_a_quote_of_few_content_words_is_not_judged(findings) -> None:
    # "half", "world", "top": three words say too little to call a fact another's.
    card = CARD.format(answer="Rest of World", source="restofworld", quote="Nearly half the world")
    assert findings(source_elsewhere, card) == ""


def test_only_source_cards_with_a_proven_quote_are_judged(findings) -> None:
    who = CARD.replace("type: source", "type: who").format(
        answer="MacroPolo",
        source="nyt",
        quote="nearly half of the world's top A.I. researchers came from Chinese undergraduate "
        "institutions, as opposed to about 18 percent from American ones, MacroPolo found",
    )
    assert findings(source_elsewhere, who) == ""
    unproven = CARD.format(
        answer="The New York Times",
        source="nyt",
        quote="Nearly half the world's top AI researchers completed their undergraduate studies",
    )
    assert "source-fact-elsewhere" not in findings(source_elsewhere, unproven)


def test_words_are_cut_to_simple_stems() -> None:
    assert {stem(w) for w in ("hire", "hired", "hires", "hiring")} == {"hir"}
    assert stem("companies") == stem("company") == "compan"
    assert stem("researchers") == stem("research") == "research"
    assert stem("top") == "top" and stem("us") == "us"


def test_content_words_leave_out_the_commonest_and_single_letters() -> None:
    words = frozenset("the world s top a i researchers in 2022 were from china".split())
    assert content_stems(words) == {"world", "top", "research", "2022", "china"}


def test_a_claim_restated_inside_a_long_glued_sentence_warns(findings) -> None:
    # The comeback post's "top-tier AI talent is increasingly gravitating back" stands in one
    # run the seed glues together ("in the USIt is"), with "Silicon Valley" earlier in it.
    card = CARD.format(
        answer="Rest of World",
        source="restofworld",
        quote="China’s top AI talent is skipping Silicon Valley",
    )
    assert findings(source_elsewhere, card).startswith(
        "c.yaml:7:12: warning[source-fact-elsewhere]: 5 of the quote's 7 content words stand "
        "together in one sentence of 'comeback' (001_290cb6f758a64024.txt), line 7: "
    )


def test_words_every_article_uses_do_not_make_a_fact_shared(findings) -> None:
    # "DeepSeek", "China", "AI", "talent" stand together in sentences of every article; the
    # quote's own words ("highlights", "strength", "pool") stand with them in none.
    card = CARD.format(
        answer="Rest of World",
        source="restofworld",
        quote="[DeepSeek] highlights the strength of China’s AI talent pool",
    )
    assert findings(source_elsewhere, card) == ""
