"""Print the report's HTML pages to PDF with a headless Chromium (no LaTeX).

The browser is looked up before anything runs: the ``chromium`` argument
(``--chromium PATH``), else ``$RHETORIC_CHROMIUM``, else ``chromium``,
``chromium-browser`` or ``google-chrome`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import ParameterError, ReportError

__all__ = ["REPORT_FORMATS", "find_chromium", "parse_report_formats", "print_pdf"]

#: Report formats: every report has HTML; PDF is printed from it.
REPORT_FORMATS = ("html", "pdf")

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-pdf-header-footer")


def parse_report_formats(formats: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Split and check report formats; ``html`` is always produced.

    Examples
    --------
    >>> parse_report_formats("pdf")
    ('html', 'pdf')
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    seen = {"html"}
    for item in items:
        item = str(item).strip().lower()
        if not item:
            continue
        if item not in REPORT_FORMATS:
            hint = (" (figure formats are chosen with figure_formats, --figure-formats)"
                    if item in ("png", "svg") else "")
            raise ParameterError(
                f"unknown report format {item!r}; choose from {', '.join(REPORT_FORMATS)}{hint}"
            )
        seen.add(item)
    return tuple(f for f in REPORT_FORMATS if f in seen)


def find_chromium(chromium: str | os.PathLike[str] | None = None) -> str:
    """The Chromium executable to print with.

    Raises
    ------
    ParameterError
        If the given path is not an executable, or none is found; the message
        says how to install one.
    """
    given = chromium or os.environ.get("RHETORIC_CHROMIUM")
    if given:
        found = shutil.which(str(given))
        if not found:
            raise ParameterError(f"Chromium {str(given)!r} (from --chromium or "
                                 "RHETORIC_CHROMIUM) is not an executable file")
        return found
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ParameterError(
        "PDF reports need a headless Chromium and none was found (looked for "
        f"{', '.join(_CANDIDATES)} on PATH, --chromium, RHETORIC_CHROMIUM); install it "
        "with 'apt-get install chromium' (Debian/Ubuntu), or drop pdf from --formats"
    )


def print_pdf(chromium: str, page: Path, pdf: Path, *, timeout: float = 120) -> None:
    """Print one HTML file to PDF.

    Raises
    ------
    ReportError
        If Chromium fails or writes no PDF.
    """
    with tempfile.TemporaryDirectory(prefix="rhetoric-chromium-") as profile:
        argv = [chromium, *_FLAGS, f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"printing {page.name} to PDF with {chromium} failed: {exc}") from None
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        tail = " ".join(done.stderr.strip().splitlines()[-3:])
        raise ReportError(f"printing {page.name} to PDF with {chromium} failed "
                          f"(exit {done.returncode}): {tail}")
