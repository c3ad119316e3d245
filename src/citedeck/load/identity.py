"""A deck's identity in Anki: the shipped deck's ids and names, which must never change, and
DeckConfig, the identity a deck project's citedeck.toml gives its own deck. Apart from anki.py
so that check, which reads citedeck.toml and renders every note, need not import genanki."""

from __future__ import annotations

import hashlib
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
# -------------------------------------------------------------------------------------------
# How Anki stores a note's fields: one string, parted by this (so no field may hold it).
FIELD_SEPARATOR = "\x1f"
# The digits of the base-91 numbers genanki writes GUIDs in (genanki.util.BASE91_TABLE).
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


def note_guid(card_id: str, namespace: str = GUID_NAMESPACE) -> str:
    """A card's GUID, which depends on its id alone, so edits to its text update the same
    note: genanki's guid_for(namespace, card_id), digit for digit (a test holds them equal).
    Worked out here because genanki takes 30 ms to import, which a check would pay for this."""
    number = int.from_bytes(hashlib.sha256(f"{namespace}__{card_id}".encode()).digest()[:8], "big")
    digits = []
    while number:
        number, digit = divmod(number, len(_BASE91))
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))


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
