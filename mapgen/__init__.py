"""mapgen: turn a news article into a map of the places it names."""
