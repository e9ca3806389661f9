"""The report manifest: what ran, on what inputs, with which versions, how long.

``manifest.json`` is written into every report folder (see ``reports/README.md``
for its fields). Timestamps live only here, so that tables and figures of two
runs on the same inputs are byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

__all__ = ["new_manifest", "finish", "write_manifest", "sha256", "now"]

_VERSIONED = ("rhetoric-workbook", "pandas", "nltk", "matplotlib", "papermill", "nbconvert",
              "nbformat", "ipykernel", "dask", "distributed")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inputs(corpus: Path) -> list[dict[str, Any]]:
    """The files the notebooks read: the corpus's documents and its ``index.csv`` files.

    Listed as :func:`analysis.read_corpus` lists them, so a folder's README,
    hidden files and files of other types (``.yaml``, ``.pdf``, ...) are not
    inputs.
    """
    from analysis._folder import walk

    if corpus.is_file():
        files = [(corpus.name, corpus)]
    else:  # the documents and the index.csv files, whether metadata or documents
        files = [(rel, corpus / rel) for rel in walk(corpus)]
    return [{"path": rel, "bytes": p.stat().st_size, "sha256": sha256(p)} for rel, p in files]


def _versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": sys.version.split()[0]}
    for dist in _VERSIONED:
        try:
            versions[dist] = importlib_metadata.version(dist)
        except importlib_metadata.PackageNotFoundError:
            versions[dist] = None
    return versions


def _git_commit() -> str | None:
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=root, capture_output=True,
            text=True, timeout=10, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and commit else None


def new_manifest(name: str, corpus: Path, paths: Mapping[str, Path],
                  plan: Mapping[str, dict[str, Any]], formats: tuple[str, ...],
                  kernel_name: str, kernel_executable: str | None) -> dict[str, Any]:
    return {
        "report": name,
        "status": "running",
        "corpus": str(corpus),
        "inputs": _inputs(corpus),
        "figure_formats": list(formats),
        "kernel": {"name": kernel_name, "executable": kernel_executable},
        "versions": _versions(),
        "git_commit": _git_commit(),
        "started": now(),
        "finished": None,
        "duration_s": None,
        "notebooks": [
            {"name": nb, "source": str(paths[nb]), "source_sha256": sha256(paths[nb]),
             "parameters": plan[nb], "status": "pending", "started": None, "finished": None,
             "duration_s": None, "outputs": [], "figures": [], "tables": []}
            for nb in paths
        ],
    }


def finish(manifest: dict[str, Any], started: float, status: str) -> None:
    manifest["status"] = status
    manifest["finished"] = now()
    manifest["duration_s"] = round(time.perf_counter() - started, 3)
    for entry in manifest["notebooks"]:
        if entry["status"] == "pending":
            entry["status"] = "skipped"


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False, default=str)
    (folder / "manifest.json").write_text(text + "\n", encoding="utf-8")
