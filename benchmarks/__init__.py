"""Speed and accuracy scripts; run them as ``python -m benchmarks.<name>``."""
