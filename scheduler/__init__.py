"""Scheduler: a tick(now) that does what is due; the database is the schedule."""
