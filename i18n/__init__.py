"""What users read: one catalogue, Swedish first, English second."""

from i18n.catalogue import MESSAGES, format_day, plural, t

__all__ = ["MESSAGES", "format_day", "plural", "t"]
