"""`folja`: the operator's command line. Each subcommand is one service call under asyncio.run.

Subcommands live in one module per subject (cli/plans.py, cli/server.py, …); importing them here
registers them on the `main` group.
"""

import cli.audit  # noqa: F401  (folja audit)
import cli.delivery  # noqa: F401  (folja outbox, schedule, worker)
import cli.privacy  # noqa: F401  (folja person, folja retention)
import cli.report  # noqa: F401  (folja report)
from cli import (  # noqa: F401  (registers subcommands)
    backup,
    plans,
    roles,
    rounds,
    server,
    teams_package,
    workbook,
)
from cli.base import main

__all__ = ["main"]
