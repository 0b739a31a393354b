"""Prose Följa compiles (help, summaries, reminders, Uppföljning cells) from Jinja2 templates."""

from reports.rendering import render

__all__ = ["render"]
