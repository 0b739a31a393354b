"""Several server processes on one port (`folja serve --workers N`), for PostgreSQL.

One Python process uses one core: on a machine with more, a card-save burst (bench.card_save)
is bound by that core, not by the database. Each worker is a full `folja serve` on
the same port (SO_REUSEPORT: the kernel spreads connections). Only worker 0 runs the background
loop (scheduler and outbox); FOLJA_TENANT_RATE is the installation's budget either way, as every
delivering process takes its slots from the database (services/budget.py). SQLite has one writer, so it gets one process.

The parent only supervises: SIGTERM/SIGINT stop every worker; a worker that dies stops the rest
and the parent exits with its code, so the service manager restarts one whole unit. A parent
killed outright (SIGKILL) takes its workers along: each watches the parent and stops itself, so no
orphan keeps serving (and delivering) beside the restarted unit.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from multiprocessing.connection import wait

from aiohttp import web

from app import create_app
from cli.base import configure_logging
from cli.gc_tuning import tune_gc
from cli.report import render_report
from config import Settings

log = logging.getLogger(__name__)


def _worker(settings: Settings, index: int) -> None:
    configure_logging(settings)
    app = create_app(settings, background=index == 0, render=render_report)
    app.on_startup.append(_stop_with_parent)
    tune_gc()
    web.run_app(app, host=settings.host, port=settings.port, reuse_port=True, print=None)


async def _stop_with_parent(_app) -> None:
    """When the parent is gone, stop as if told to (SIGTERM: requests in flight finish)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    loop = asyncio.get_running_loop()

    def parent_gone() -> None:
        loop.remove_reader(parent.sentinel)
        log.warning("the supervising process is gone; this worker stops")
        os.kill(os.getpid(), signal.SIGTERM)

    loop.add_reader(parent.sentinel, parent_gone)


def run_workers(settings: Settings, count: int) -> int:
    """Start `count` workers and wait. 0 when told to stop (SIGTERM/SIGINT); otherwise a worker
    stopped on its own, and its non-zero code (1 if it exited cleanly) tells the service manager
    to restart the unit."""
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_worker, args=(settings, i), name=f"folja-worker-{i}")
               for i in range(count)]
    for w in workers:
        w.start()
    log.info("%d workers on %s:%d", count, settings.host, settings.port)
    asked = {"stop": False}

    def stop_all() -> None:
        for w in workers:
            if w.is_alive():
                w.terminate()  # SIGTERM: aiohttp finishes the requests in flight

    def on_signal(_signum, _frame) -> None:
        asked["stop"] = True
        stop_all()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        wait([w.sentinel for w in workers])
        if not asked["stop"]:
            log.error("a worker stopped; stopping the others")
            stop_all()
        for w in workers:
            w.join(30)
            if w.is_alive():
                w.kill()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if asked["stop"]:
        return 0
    return next((abs(w.exitcode) for w in workers
                 if w.exitcode is not None and w.exitcode not in (0, -signal.SIGTERM)), 1)
