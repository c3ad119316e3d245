"""Text as the checker reads it: typography folded with an offset map, numbers by value, names and word boundaries."""
