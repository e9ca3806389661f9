"""The report's landing page, ``index.html``: corpus, notebooks and links.

Every value that comes from the corpus, the parameters or the file system is
HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

__all__ = ["index_html"]


def index_html(manifest: dict[str, Any]) -> str:
    """The landing page: corpus, parameters and links; every value escaped."""
    esc = html.escape
    rows = []
    for entry in manifest["notebooks"]:
        nb = entry["name"]
        params = "<br>".join(f"<code>{esc(k)}</code> = <code>{esc(repr(v))}</code>"
                             for k, v in entry["parameters"].items())
        rows.append(
            f'<tr><td><a href="{esc(quote(nb + ".html"))}">{esc(nb)}</a></td>'
            f'<td><a href="{esc(quote(nb + ".ipynb"))}">notebook</a></td>'
            f"<td>{esc(entry['status'])}</td><td>{entry['duration_s']:.1f} s</td>"
            f"<td>{params}</td></tr>"
        )
    n_inputs = len(manifest["inputs"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Report: {esc(manifest["report"])}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .3rem .8rem; text-align: left;
          vertical-align: top; }}
code {{ font-size: .9em; }}
</style>
</head>
<body>
<h1>Report: {esc(manifest["report"])}</h1>
<p>Corpus: <code>{esc(manifest["corpus"])}</code> ({n_inputs} input file{"s" * (n_inputs != 1)})<br>
Run: {esc(manifest["started"])} to {esc(manifest["finished"])}, status {esc(manifest["status"])}<br>
Figure formats: {esc(", ".join(manifest["figure_formats"]))}</p>
<h2>Notebooks</h2>
<table>
<tr><th>Report</th><th>Executed notebook</th><th>Status</th><th>Time</th><th>Parameters</th></tr>
{chr(10).join(rows)}
</table>
<p>Figures are in <a href="figures/">figures/</a>, tables in <a href="tables/">tables/</a>;
<a href="manifest.json">manifest.json</a> records inputs, versions and timings.</p>
</body>
</html>
"""
