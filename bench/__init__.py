"""Benchmarks run by hand against real services; not part of the test suite."""
