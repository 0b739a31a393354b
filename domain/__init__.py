"""The plan as the municipality speaks of it: plan → area → action → responsibility → role/person;
round → status report. Pure: no I/O, no SDK, no SQLAlchemy."""
