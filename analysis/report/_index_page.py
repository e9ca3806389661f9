"""The report's landing page, ``index.html``: corpus summary, links, key figures.

Every value that comes from the corpus, the parameters or the file system is
HTML-escaped; figure file names are URL-quoted and escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = ["corpus_summary", "index_html"]


def corpus_summary(folder: Path, corpus: Path) -> dict[str, Any]:
    """Documents, date range, words and characters of the corpus.

    Read from ``tables/corpus_overview-lengths.csv`` and ``-documents.csv``
    when the report ran ``corpus_overview`` (cheap); otherwise from
    :func:`analysis.read_corpus` (no words then: tokenising is not cheap).

    Returns
    -------
    dict
        ``documents`` (int), ``first_date``, ``last_date`` (ISO date str or
        None), ``words`` (int or None), ``characters`` (int) and ``source``
        (where the figures came from).
    """
    import pandas as pd

    lengths = folder / "tables" / "corpus_overview-lengths.csv"
    documents = folder / "tables" / "corpus_overview-documents.csv"
    if lengths.is_file() and documents.is_file():
        lens = pd.read_csv(lengths)
        docs = pd.read_csv(documents, usecols=["date", "n_chars"])
        words = int(lens["n_words"].sum()) if "n_words" in lens else None
        source = "corpus_overview tables"
    else:
        from analysis.corpus import read_corpus

        docs = read_corpus(corpus)
        words, source = None, "read_corpus"
    dates = pd.to_datetime(docs["date"], errors="coerce").dropna()
    return {
        "documents": len(docs),
        "first_date": dates.min().date().isoformat() if len(dates) else None,
        "last_date": dates.max().date().isoformat() if len(dates) else None,
        "words": words,
        "characters": int(docs["n_chars"].sum()),
        "source": source,
    }


def _figures(folder: Path | None, notebook: str) -> list[str]:
    """Relative paths of the notebook's figures: PNG, else SVG (inline), else PDF (links)."""
    if folder is None:
        return []
    for ext in ("png", "svg", "pdf"):
        found = sorted((folder / "figures").glob(f"{notebook}-*.{ext}"))
        if found:
            return [f"figures/{p.name}" for p in found]
    return []


def index_html(manifest: dict[str, Any], folder: Path | None = None) -> str:
    """The landing page: corpus summary, links, key figures; every value escaped."""
    esc = html.escape
    pdf = "pdf" in manifest.get("formats", [])
    rows, sections = [], []
    for entry in manifest["notebooks"]:
        nb = entry["name"]
        params = "<br>".join(f"<code>{esc(k)}</code> = <code>{esc(repr(v))}</code>"
                             for k, v in entry["parameters"].items())
        pdf_link = f' · <a href="{esc(quote(nb + ".pdf"))}">PDF</a>' if pdf else ""
        rows.append(
            f'<tr><td><a href="{esc(quote(nb + ".html"))}">{esc(nb)}</a>{pdf_link}</td>'
            f'<td><a href="{esc(quote(nb + ".ipynb"))}">notebook</a></td>'
            f"<td>{esc(entry['status'])}</td><td>{entry['duration_s'] or 0:.1f} s</td>"
            f"<td>{params}</td></tr>"
        )
        figures = _figures(folder, nb)
        if figures and figures[0].endswith(".pdf"):  # browsers show no PDF in <img>
            imgs = "<ul>\n" + "\n".join(
                f'<li><a href="{esc(quote(f))}">{esc(Path(f).stem)}</a> (PDF)</li>'
                for f in figures
            ) + "\n</ul>"
        elif figures:
            imgs = "\n".join(
                f'<figure><a href="{esc(quote(f))}"><img src="{esc(quote(f))}" '
                f'alt="{esc(Path(f).stem)}" loading="lazy"></a>'
                f"<figcaption>{esc(Path(f).stem)}</figcaption></figure>"
                for f in figures
            )
        if figures:
            sections.append(f'<h3><a href="{esc(quote(nb + ".html"))}">{esc(nb)}</a></h3>\n{imgs}')
    n_inputs = len(manifest["inputs"])
    summary = manifest.get("summary") or {}
    facts = []
    if summary:
        facts.append(f"{summary['documents']:,} document{'s' * (summary['documents'] != 1)}")
        if summary.get("words") is not None:
            facts.append(f"{summary['words']:,} words")
        facts.append(f"{summary['characters']:,} characters")
        if summary.get("first_date"):
            facts.append(f"dated {esc(summary['first_date'])} to {esc(summary['last_date'])}")
        else:
            facts.append("no dates")
    facts_html = "<br>\n" + ", ".join(facts) if facts else ""
    figures_html = "\n".join(sections) or "<p>No figures.</p>"
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
figure {{ margin: 1rem 0; }}
figure img {{ max-width: 100%; }}
</style>
</head>
<body>
<h1>Report: {esc(manifest["report"])}</h1>
<p>Corpus: <code>{esc(manifest["corpus"])}</code> ({n_inputs} input file{"s" * (n_inputs != 1)}){facts_html}<br>
Run: {esc(manifest["started"])} to {esc(str(manifest["finished"]))}, status {esc(manifest["status"])}<br>
Figure formats: {esc(", ".join(manifest["figure_formats"]))}</p>
<h2>Notebooks</h2>
<table>
<tr><th>Report</th><th>Executed notebook</th><th>Status</th><th>Time</th><th>Parameters</th></tr>
{chr(10).join(rows)}
</table>
<h2>Key figures</h2>
{figures_html}
<p>Figures are in <a href="figures/">figures/</a>, tables in <a href="tables/">tables/</a>;
<a href="manifest.json">manifest.json</a> records inputs, versions and timings.</p>
</body>
</html>
"""
