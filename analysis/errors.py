"""One error family for the workbook.

Every error a user can cause with bad input derives from :class:`AnalysisError`,
so a notebook or script can catch the whole family with one ``except``. Messages
name the file or parameter at fault and say what to do about it.

Warnings about input that was accepted but deserves attention (skipped binary
files, empty documents, renamed duplicate ids) use :class:`AnalysisWarning`.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "CorpusError",
    "ParameterError",
    "ReportError",
    "LexiconError",
    "EngineError",
    "AnalysisWarning",
]


class AnalysisError(Exception):
    """Base class of every error raised by the ``analysis`` package."""


class CorpusError(AnalysisError):
    """A corpus source cannot be read: missing path, no documents, missing column."""


class ParameterError(AnalysisError, ValueError):
    """A function or notebook parameter has a value outside what is accepted."""


class LexiconError(AnalysisError):
    """A lexicon file cannot be used: the message names the file, the line and the problem."""


class EngineError(AnalysisError):
    """The Dask engine cannot run: unreachable scheduler, or documents it cannot reduce."""


class ReportError(AnalysisError):
    """A report run failed; the message names the notebook, cell and exception."""


class AnalysisWarning(UserWarning):
    """Input was accepted but something about it deserves the user's attention."""
