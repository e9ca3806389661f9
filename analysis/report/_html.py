"""HTML export of an executed notebook, code hidden."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: HTML outputs at least this long skip nbconvert's BeautifulSoup pass (see _to_html).
_BIG_HTML = 64 * 1024


def _to_html(nb: Any, title: str) -> str:
    """Export an executed notebook to HTML with its code hidden.

    nbconvert re-parses the whole page with BeautifulSoup's pure-Python parser
    to add ``alt`` text to images and ``tabindex`` to output areas: 13 s for
    the 4 MB ``rhetoric_markers`` page of MFA 2018 (its evidence tables). Our
    large HTML outputs (tables, evidence, highlighted text) hold neither images
    nor output areas, so each is swapped for a placeholder before the export
    and put back, verbatim, after it; everything else goes through nbconvert
    unchanged.
    """
    import copy
    import uuid

    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    big: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html")
            html = "".join(html) if isinstance(html, list) else html
            if html and len(html) >= _BIG_HTML:
                key = f"rhetoric-workbook-output-{uuid.uuid4().hex}"
                big[key] = html
                data["text/html"] = key
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    for key, html in big.items():
        if body.count(key) != 1:  # the template did not show it verbatim: export as nbconvert does
            body, _ = HTMLExporter(
                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
            ).from_notebook_node(_restore(nb, big), resources={"metadata": {"name": title}})
            return body
        body = body.replace(key, html)
    return body


def _restore(nb: Any, big: Mapping[str, str]) -> Any:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if data.get("text/html") in big:
                data["text/html"] = big[data["text/html"]]
    return nb

