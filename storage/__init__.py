"""Persistence: the only package that imports SQLAlchemy (and the SDK state adapter)."""
