"""Benchmarks of AlignSpec: parse and resolve throughput, and classification (see README.md)."""
