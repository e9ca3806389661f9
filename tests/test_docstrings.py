"""Every Examples section in the package runs and shows what it says.

The numpydoc convention promises an example that runs; this test holds the
package to it by running each module's doctests (``...`` elides, whitespace
is normalised so that wide DataFrame reprs may wrap).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib
import pytest

import analysis

matplotlib.use("Agg")

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(analysis.__path__, prefix="analysis.")
    if info.name != "analysis.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_examples_run(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in finder.find(module, name):
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
