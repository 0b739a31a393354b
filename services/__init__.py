"""One function per user intention; each owns exactly one transaction."""
