"""What users read: one catalogue, Swedish first, English second."""

from i18n.catalogue import MESSAGES, followup_error_text, format_day, plural, t

__all__ = ["MESSAGES", "followup_error_text", "format_day", "plural", "t"]
