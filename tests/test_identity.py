import genanki
import pytest

from citedeck.load.identity import GUID_NAMESPACE, note_guid


@pytest.mark.parametrize("namespace", [GUID_NAMESPACE, "citedeck-1472455319", "reading", "Lesen über KI 读书 🚀", ""])
def test_a_notes_guid_is_genankis_digit_for_digit(namespace: str) -> None:
    ids = ["lp-founder", "nyt-stem-graduates", "a", "0", *(f"card-{n}" for n in range(5000))]
    assert [note_guid(card_id, namespace) for card_id in ids] == [genanki.guid_for(namespace, card_id) for card_id in ids]
    assert note_guid("lp-founder") == genanki.guid_for("citedeck", "lp-founder") == "mzs^Aoa>rQ"
