"""`folja`: the operator's command line. Each subcommand is one service call under asyncio.run.

Subcommands live in one module per subject (cli/plans.py, cli/server.py, …); importing them here
registers them on the `main` group.
"""

from cli import backup, plans, server, teams_package  # noqa: F401  (registers subcommands)
from cli.base import main

__all__ = ["main"]
