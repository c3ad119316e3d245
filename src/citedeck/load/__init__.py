"""Reading a deck project: the one YAML reader, card files, the source catalogue, citedeck.toml."""
