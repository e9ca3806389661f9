"""Rhetoric Workbook: analyse political and diplomatic statements.

The pipeline reads in the names::

    read_corpus -> sentence_table / token_table -> ... -> run_report

Public names are re-exported here and imported lazily, so ``import analysis``
stays fast (the command line does not pay for pandas until it needs it).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "read_corpus": "corpus",
    "sentence_table": "text",
    "token_table": "text",
    "sentences_and_tokens": "text",
    "load_stopwords": "text",
    "length_table": "overview",
    "punkt_parameters": "text",
    "train_punkt_parameters": "text",
    "term_table": "terms",
    "tfidf_table": "terms",
    "keyness_table": "terms",
    "collocation_table": "terms",
    "kwic_table": "terms",
    "dispersion_table": "terms",
    "dispersion_summary": "terms",
    "load_lexicon": "rhetoric",
    "marker_table": "rhetoric",
    "marker_profile": "rhetoric",
    "attribute_speakers": "rhetoric",
    "marker_context_table": "rhetoric",
    "sentiment_table": "rhetoric",
    "highlight_html": "rhetoric",
    "shipped_lexicons": "rhetoric",
    "Lexicon": "rhetoric",
    "quote_table": "quotes",
    "turn_table": "quotes",
    "actor_table": "quotes",
    "target_table": "quotes",
    "load_aliases": "quotes",
    "timex_table": "timeline",
    "event_timeline": "timeline",
    "trend_table": "timeline",
    "first_use_table": "timeline",
    "phrase_table": "timeline",
    "burst_table": "timeline",
    "evidence_tables_html": "evidence",
    "linked_profile_html": "evidence",
    "linked_keyness_html": "evidence",
    "run_report": "report",
    "run_stages": "engine",
    "compute_tables": "engine",
    "save_table": "export",
    "compute_table": "export",
    "save_figure": "figures",
    "plot_document_lengths": "figures",
    "plot_terms": "figures",
    "plot_keyness": "figures",
    "plot_dispersion": "figures",
    "plot_collocations": "figures",
    "plot_marker_profile": "figures",
    "plot_marker_rates": "figures",
    "plot_sentiment_arc": "figures",
    "plot_event_timeline": "figures",
    "plot_trends": "figures",
    "plot_speaker_shares": "figures",
    "AnalysisError": "errors",
    "CorpusError": "errors",
    "ParameterError": "errors",
    "ReportError": "errors",
    "LexiconError": "errors",
    "EngineError": "errors",
    "AnalysisWarning": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"analysis.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
