"""Benchmarks of computekg: `python -m bench --help`, results in bench/README.md. Not part of the installed package."""
