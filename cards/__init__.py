"""Adaptive Card 1.5 dicts built by small pure functions; card payloads parsed into values."""
