"""Benchmarks: speed and memory goals, run by hand (`python -m bench.NAME`); figures in BENCHMARKS.md."""
