"""Who said what: quotes and their speakers, briefing turns, actors and targets.

``read_corpus -> quote_table / turn_table / actor_table / target_table``:

- :func:`quote_table`: direct, indirect and mixed quotes with speaker, cue and role.
- :func:`turn_table`: Q:/A: turns of press-conference transcripts.
- :func:`actor_table`: people, countries and organisations named per sentence.
- :func:`target_table`: who is criticised or addressed, explicitly or veiled.
- :func:`load_aliases`: the alias table behind actors and targets.
"""

from analysis.quotes.actors import actor_table, load_aliases
from analysis.quotes.quotes import quote_table
from analysis.quotes.targets import target_table
from analysis.quotes.turns import turn_table

__all__ = ["actor_table", "load_aliases", "quote_table", "target_table", "turn_table"]
