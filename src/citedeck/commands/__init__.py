"""Each command's work, called by cli.py: it returns values and raises for refusals; it never prints."""
