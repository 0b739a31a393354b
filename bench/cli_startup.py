"""How long `folja --help` takes: every `folja` call pays this before its command runs.

    .venv/bin/python -m bench.cli_startup [--runs 30] [--tree DIR]

Each run is a fresh interpreter that imports the `cli` package of `--tree` (default this
repository) and prints the help; wall and CPU time (user + system, from the child's rusage) are
reported as median and minimum. The minimum is the figure to compare on a busy machine. `--tree`
points at another checkout (e.g. an exported older commit) to compare before and after.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "import sys; sys.argv = ['folja', '--help']; from cli import main; main()"


def one_run(tree: Path) -> tuple[float, float]:
    """(wall ms, CPU ms) of one `folja --help` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", CODE], cwd=tree, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--tree", type=Path, default=ROOT)
    args = parser.parse_args()
    walls, cpus = zip(*(one_run(args.tree) for _ in range(args.runs)), strict=True)
    print(f"folja --help, {args.runs} runs: wall median {statistics.median(walls):.0f} ms "
          f"(min {min(walls):.0f}), CPU median {statistics.median(cpus):.0f} ms "
          f"(min {min(cpus):.0f})")


if __name__ == "__main__":
    main()
