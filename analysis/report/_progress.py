"""Progress bars for report runs: one over the notebooks, one per notebook's cells.

The overall bar is ours; the per-notebook bar is papermill's own cell bar,
given a description and ``leave=False`` so that only the overall bar stays on
screen. ``run_report`` shows them only on a terminal outside CI.
"""

from __future__ import annotations

import sys
from typing import Any, Self

__all__ = ["Overall", "cell_bar"]


def cell_bar(notebook: str) -> dict[str, Any]:
    """tqdm options for papermill's per-notebook cell bar."""
    return {"desc": f"  {notebook}", "unit": "cell", "leave": False, "file": sys.stderr,
            "position": 1}


class Overall:
    """The overall bar: one step per notebook, then one per PDF page."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> Self:
        if self.enabled:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=self.total, desc="report", unit="notebook", file=sys.stderr,
                            position=0, leave=True)
        return self

    def start(self, what: str, *, total: int | None = None) -> None:
        if self.bar is None:
            return
        if total is not None:  # a new phase (PDF pages)
            self.bar.reset(total=total)
            self.bar.unit = "page"
        self.bar.set_postfix_str(what)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    done = step

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
