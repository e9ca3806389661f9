"""HTML pieces of the evidence tables: cells, anchor ids and the scoped style."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

import numpy as np
import pandas as pd

PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")  # an id prefix the anchors may start with
CONTEXT = ("left", "match", "right")


def missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell(value: Any, digits: int) -> str:
    if missing(value):
        return ""
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if value != 0 and abs(value) < 10.0 ** -digits:
            return f"{value:.{max(digits, 1)}e}"  # a small p-value stays readable
        return f"{value:.{digits}f}"
    return html.escape(str(value), quote=True)


def anchor(prefix: str, key: tuple, used: set[str]) -> str:
    """A safe, stable, unique id: prefix, a slug of the key and a hash of it."""
    parts = "\x1f".join(f"{type(v).__name__}:{v}" for v in key)
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(map(str, key)).lower()).strip("-")[:32].strip("-")
    digest = hashlib.sha1(parts.encode("utf-8", "surrogatepass")).hexdigest()
    for size in (10, 16, 40):
        ident = f"{prefix}-{slug}-{digest[:size]}" if slug else f"{prefix}-{digest[:size]}"
        if ident not in used:
            used.add(ident)
            return ident
    n = 2
    while f"{ident}-{n}" in used:
        n += 1
    used.add(f"{ident}-{n}")
    return f"{ident}-{n}"


def style(prefix: str) -> str:
    scope = f".{prefix}"
    return (
        "<style>"
        f"{scope} table{{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}}"
        f"{scope} th,{scope} td{{border:1px solid #ddd;padding:2px 6px;vertical-align:top}}"
        f"{scope} td.ev-n{{text-align:right}}"
        f"{scope} td.ev-left{{text-align:right;color:#555}}"
        f"{scope} td.ev-right{{color:#555}}"
        f"{scope} td.ev-match{{font-weight:bold;white-space:nowrap}}"
        f"{scope} tr.ev-key th{{text-align:left;background:#f4f4f4}}"
        f"{scope} tr:target,{scope} tr:target~tr{{background:#fff3b0}}"
        "</style>"
    )
