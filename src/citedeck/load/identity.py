"""A deck's identity in Anki: the shipped deck's ids and names, which must never change, and
DeckConfig, the identity a deck project's citedeck.toml gives its own deck."""

from __future__ import annotations

from dataclasses import dataclass

# --- Identity: these values must never change. --------------------------------------------
# Anki matches a re-imported note type by its field and template names, a deck by its name, and
# a note by its GUID. Change any of them and a learner's re-import duplicates notes or refuses
# to update them, losing the link to their review history. CSS and template *text* may change.
MODEL_ID = 1727810184
MODEL_NAME = "citedeck card"
DECK_ID = 1786951981
DECK_NAME = "DeepSeek and China's AI Talent"
GUID_NAMESPACE = "citedeck"
FIELDS = ("Question", "Answer", "Quote", "Citation", "Source", "Note", "CardId", "Kind")
TEMPLATE_NAME = "Recall"
# The tag of a retired card's note: learners search for it, and sync finds the notes by it.
RETIRED_TAG = "citedeck::retired"
# -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeckConfig:
    """Which Anki deck a build fills, and how. The defaults are the shipped DeepSeek deck's
    identity above; a deck project's citedeck.toml names its own (config.py reads it). A
    deck's ids and GUID namespace are as permanent as the constants above."""

    name: str = DECK_NAME
    deck_id: int = DECK_ID
    model_id: int = MODEL_ID
    guid_namespace: str = GUID_NAMESPACE
    subdecks: bool = False
