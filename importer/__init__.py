"""Följa importer: the åtgärdsplan workbook to and from the domain."""
