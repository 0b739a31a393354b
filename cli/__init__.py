"""`folja`: the operator's command line. Each subcommand is one service call under asyncio.run.

Subcommands live in one module per subject (cli/plans.py, cli/server.py, …); importing them here
registers them on the `main` group.
"""

from cli import (  # noqa: F401  (each registers its subcommands on `main`)
    audit,
    backup,
    city,
    delivery,
    districts,
    indicators,
    periods,
    plans,
    privacy,
    report,
    roles,
    rounds,
    server,
    teams_package,
    workbook,
)
from cli.base import main

__all__ = ["main"]
