from citedeck.check import answer_in_question

CARD = """\
- id: c
  type: who
  question: {question}
  answer: Liang Wenfeng
  source: liang-profile
  quote: "founded by hedge fund manager Liang Wenfeng"
"""


def test_question_without_answer_passes(findings) -> None:
    assert findings(answer_in_question, CARD.format(question="Who founded DeepSeek?")) == ""


def test_answer_in_question_warns(findings) -> None:
    assert findings(answer_in_question, CARD.format(question="Did liang wenfeng found DeepSeek?")) == (
        "c.yaml:4:15: warning[answer-in-question]: the question gives the answer away: "
        "it contains 'Liang Wenfeng'\n"
    )


FIGURE = """\
- id: c
  type: figure
  question: {question}
  answer: "{answer}"
  source: liang-profile
  quote: "DeepSeek claimed to have used just 2,048 Nvidia H800s and $5.6 million"
"""


def test_a_figure_in_the_question_in_another_style_warns(findings) -> None:
    card = FIGURE.format(question="Did DeepSeek spend $5.6m on it?", answer="$5.6 million")
    assert findings(answer_in_question, card) == (
        "c.yaml:4:15: warning[answer-in-question]: the question gives the answer away: it states "
        "'$5.6m', the answer's figure\n"
    )
    card = FIGURE.format(question="How many of its 2.048 thousand chips were H800s?", answer="2,048")
    assert "answer-in-question" in findings(answer_in_question, card)


def test_a_figure_question_with_other_numbers_passes(findings) -> None:
    card = FIGURE.format(question="How much did DeepSeek spend in 2024?", answer="$5.6 million")
    assert findings(answer_in_question, card) == ""
