"""Benchmarks: each ``bench/bench_*.py`` prints a table with a baseline measured in the same run."""
