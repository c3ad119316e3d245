"""citedeck: Anki decks whose every card is proven against its source articles."""

__version__ = "0.1.0"
