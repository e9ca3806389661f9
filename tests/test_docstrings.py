"""Every Examples section in the package runs and shows what it says.

The numpydoc convention promises an example that runs; this test holds the
package to it by running each module's doctests (``...`` elides, whitespace
is normalised so that wide DataFrame reprs may wrap).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
from matplotlib import pyplot

import analysis


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
    try:
        for test in finder.find(module, name):
            runner.run(test, out=report.append)
    finally:
        pyplot.close("all")  # the figure examples leave no figure open for later tests
    assert runner.failures == 0, "".join(report)
