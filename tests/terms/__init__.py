"""Tests for the analysis.terms subpackage (a package, so test module names cannot clash)."""
