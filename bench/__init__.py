"""Benchmarks run by hand: `python -m bench.run` (see README.md)."""
