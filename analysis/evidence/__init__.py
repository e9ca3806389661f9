"""Evidence links: summary tables whose counts link to the lines behind them.

A count in a report is only worth what the reader can check. The functions here
render a summary table (a marker profile, a keyness table) as an HTML fragment in
which every non-zero count is a link to the first of the rows it counts (marker
matches in context, KWIC lines), listed in a second table of the same fragment.
No JavaScript: a clicked group is highlighted with the CSS ``:target`` rule.

Anchor ids are made of a slug and a short hash of the key, never of raw corpus
text, and every piece of corpus text is HTML-escaped, so a document id or a text
holding ``<script>`` or quotes shows as text.

- :func:`evidence_tables_html` (:mod:`.tables`): any summary table with its
  detail rows;
- :func:`linked_profile_html`, :func:`linked_keyness_html` (:mod:`.linked`):
  a marker profile with its matches in context, a keyness table with its KWIC
  lines.
"""

from analysis.evidence.linked import linked_keyness_html, linked_profile_html
from analysis.evidence.tables import evidence_tables_html

__all__ = ["evidence_tables_html", "linked_keyness_html", "linked_profile_html"]
