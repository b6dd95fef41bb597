"""Benchmarks: speed and memory figures (`make bench`)."""
