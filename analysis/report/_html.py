"""HTML export of an executed notebook, code hidden, nothing loaded from the network.

nbconvert's ``lab`` template loads require.js, MathJax and mermaid from a CDN:
a report page would call out to the internet when opened, and MathJax would
typeset corpus text between two dollar signs ("$5 billion ... $3 billion") as
mathematics. The report's template drops those scripts (the notebooks use no
math, widgets or diagrams). Python warnings in cell output are shown as
``Warning: <message>``, without the kernel's temporary file name and the
code line (the executed ``.ipynb`` keeps them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: HTML outputs at least this long skip nbconvert's BeautifulSoup pass (see _to_html).
_BIG_HTML = 64 * 1024

_TEMPLATE_NAME = "rhetoric_workbook_report.html.j2"
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

# warnings.formatwarning: "<file>:<line>: <Category>: <message>\n  <source line>\n"
_WARNING = re.compile(r"^\S[^\n]*?:\d+: (?P<category>[A-Za-z_]\w*Warning): (?P<message>.*)$")


def _exporter() -> Any:
    import jinja2
    from nbconvert import HTMLExporter

    return HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
    )


def _plain_warnings(text: str) -> str:
    r"""``/tmp/ipykernel_1/2.py:3: AnalysisWarning: 2 undated\n  code\n`` -> ``Warning: 2 undated``.

    Examples
    --------
    >>> _plain_warnings("/tmp/x.py:3: AnalysisWarning: 2 undated\n  t = f(x)\nok\n")
    'Warning: 2 undated\nok\n'
    """
    lines, source_pending = [], False
    for line in text.splitlines(keepends=True):
        match = _WARNING.match(line.rstrip("\n"))
        if match:
            lines.append(f"Warning: {match['message']}" + ("\n" if line.endswith("\n") else ""))
            source_pending = True
        elif source_pending and line.startswith("  "):
            source_pending = False  # the code line warnings.formatwarning adds
        else:
            lines.append(line)
    return "".join(lines)


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

    nb = copy.deepcopy(nb)
    big: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = output.get("text", "")
                output["text"] = _plain_warnings("".join(text) if isinstance(text, list)
                                                 else text)
            data = output.get("data", {})
            html = data.get("text/html")
            html = "".join(html) if isinstance(html, list) else html
            if html and len(html) >= _BIG_HTML:
                key = f"rhetoric-workbook-output-{uuid.uuid4().hex}"
                big[key] = html
                data["text/html"] = key
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    for key, html in big.items():
        if body.count(key) != 1:  # the template did not show it verbatim: export as nbconvert does
            body, _ = _exporter().from_notebook_node(_restore(nb, big),
                                                     resources={"metadata": {"name": title}})
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

