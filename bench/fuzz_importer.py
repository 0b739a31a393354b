"""Damaged and huge workbooks through the importer: outcome, time and memory of each.

    .venv/bin/python -m bench.fuzz_importer [--rows 100000]

Each case is parsed by importer.workbook.parse_workbook in a fresh subprocess, so the peak RSS
(ru_maxrss) belongs to that case alone; tracemalloc's peak (Python allocations while parsing) is
measured in the same run. Prints one line per case; exits 1 if any case crashed (anything but a
parsed plan or WorkbookError).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.damaged_workbooks import CRASHING_FLIPS, all_cases, clean_bytes, flip

CHILD = r"""
import json, resource, sys, time, tracemalloc
from importer.model import WorkbookError
from importer.workbook import parse_workbook
data = open(sys.argv[1], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
started = time.perf_counter()
try:
    plan = parse_workbook(data)
    outcome = f"imported {len(plan.actions)} actions"
except WorkbookError as exc:
    outcome = f"refused: {exc.code}"
except Exception as exc:
    outcome = f"CRASH {type(exc).__name__}"
seconds = time.perf_counter() - started
_, peak = tracemalloc.get_traced_memory()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "seconds": seconds, "py_peak_mib": peak / 2**20,
                  "rss_mib": rss / 1024, "rss_before_mib": base / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()

    cases = list(all_cases(big_rows=args.rows))
    cases += [(f"40 random bytes flipped (seed {s}) [known]", flip(clean_bytes(), s))
              for s in CRASHING_FLIPS]
    crashed = 0
    print(f"{'case':44} {'outcome':28} {'s':>6} {'py peak MiB':>11} {'RSS MiB':>8} {'size KiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases:
            path = Path(tmp) / "case.xlsx"
            path.write_bytes(data)
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                                 text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            crashed += r["outcome"].startswith("CRASH") and "[known]" not in name
            print(f"{name:44} {r['outcome']:28} {r['seconds']:6.2f} {r['py_peak_mib']:11.1f} "
                  f"{r['rss_mib']:8.0f} {len(data) / 1024:9.0f}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
