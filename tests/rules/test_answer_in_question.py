from citedeck.rules import answer_in_question

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
