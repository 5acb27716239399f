"""Benchmarks that `make bench` runs; each prints its own figures beside a baseline."""
