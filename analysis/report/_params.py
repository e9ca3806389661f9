"""Report parameters: YAML files and presets, notebook aliases, and type checks.

Everything here runs before any notebook does, so a wrong name or a value of
the wrong type is refused with a message naming the notebook, the parameter,
the expected type and the accepted parameters, instead of papermill's warning
or an error half-way through a run.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.errors import ParameterError

__all__ = [
    "NOTEBOOK_ALIASES",
    "PRESET_DIR",
    "check_types",
    "declared_types",
    "expand_notebooks",
    "load_parameter_file",
]

#: Short names accepted for notebooks on the command line and by run_report.
NOTEBOOK_ALIASES = {
    "overview": "corpus_overview",
    "terms": "term_frequencies",
    "rhetoric": "rhetoric_markers",
    "markers": "rhetoric_markers",
}

#: Folder of named parameter presets (``-f quick`` reads ``quick.yaml`` here).
PRESET_DIR = Path(__file__).resolve().parents[2] / "seeds" / "params"

# Python type name of a default -> the types a value may have.
_ACCEPTS: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (int, float),
    "str": (str,),
    "bool": (bool,),
    "list": (list, tuple),
    "dict": (dict,),
}


def expand_notebooks(notebooks: str | Sequence[str]) -> list[str]:
    """Split a comma list of notebook names and resolve the short aliases.

    Examples
    --------
    >>> expand_notebooks("overview, terms,timeline")
    ['corpus_overview', 'term_frequencies', 'timeline']
    """
    if isinstance(notebooks, str):
        notebooks = [notebooks]
    names = []
    for item in notebooks:
        if not isinstance(item, str):
            names.append(item)  # refused later with the list of notebooks
            continue
        for part in item.split(","):
            part = part.strip()
            if part:
                names.append(NOTEBOOK_ALIASES.get(part, part))
    return names


def load_parameter_file(spec: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a YAML mapping of parameters from a file or a named preset.

    ``spec`` is a path to a ``.yaml``/``.yml`` file, or the name of a preset in
    ``seeds/params/`` (``quick`` reads ``seeds/params/quick.yaml``). Keys are
    parameter names, ``notebook.name`` keys address one notebook.

    Raises
    ------
    ParameterError
        If neither file nor preset exists, the YAML does not parse, or it is
        not a mapping with string keys.
    """
    import yaml

    path = Path(spec).expanduser()
    if not path.is_file():
        preset = PRESET_DIR / f"{spec}.yaml"
        if isinstance(spec, str) and os.sep not in spec and preset.is_file():
            path = preset
        else:
            presets = sorted(p.stem for p in PRESET_DIR.glob("*.yaml"))
            raise ParameterError(
                f"parameter file {str(spec)!r} not found; give a YAML file or one of the "
                f"presets in {PRESET_DIR}: {', '.join(presets) or 'none'}"
            )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParameterError(f"parameter file {str(path)!r} is not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ParameterError(
            f"parameter file {str(path)!r} must be a YAML mapping of parameter names to "
            "values, e.g. 'top_n: 20'"
        )
    return data


def declared_types(declared: Mapping[str, Mapping[str, Any]]) -> dict[str, str | None]:
    """The type name of each parameter: its annotation, else the type of its default.

    ``declared`` is :func:`papermill.inspect_notebook`'s answer. A default that
    is None, or not a literal, gives None (anything accepted).
    """
    types: dict[str, str | None] = {}
    for name, info in declared.items():
        kind = info.get("inferred_type_name")
        if kind in (None, "None"):
            try:
                default = ast.literal_eval(str(info.get("default")))
            except (ValueError, SyntaxError):
                kind = None
            else:
                kind = None if default is None else type(default).__name__
        types[name] = kind if kind in _ACCEPTS else None
    return types


def check_types(nb: str, values: Mapping[str, Any],
                declared: Mapping[str, Mapping[str, Any]], *, reserved: Sequence[str]) -> None:
    """Refuse a value whose type does not match the notebook's default.

    An int is accepted for a float, anything where the default is None.

    Raises
    ------
    ParameterError
        Naming the notebook, the parameter, the expected and given types and
        the parameters the notebook accepts.
    """
    types = declared_types(declared)
    for name, value in values.items():
        expected = types.get(name)
        if expected is None or value is None:
            continue
        ok = isinstance(value, _ACCEPTS[expected])
        if expected in ("int", "float") and isinstance(value, bool):
            ok = False
        if not ok:
            accepted = ", ".join(f"{n} ({types[n] or 'any'})" for n in declared
                                 if n not in reserved)
            raise ParameterError(
                f"parameter {name!r} of notebook {nb!r} expects {expected} (default "
                f"{declared[name].get('default')}), got {type(value).__name__} {value!r}; "
                f"notebook {nb!r} accepts {accepted or 'none'}"
            )


# -- the plan: which notebook gets which value ------------------------------------------

# Set by run_report itself; every notebook must declare the first two.
REQUIRED = ("corpus", "out_dir")
RESERVED = (*REQUIRED, "figure_formats")

_USE = {
    "corpus": "give the corpus as the corpus argument (CORPUS on the command line)",
    "out_dir": "the notebooks write into the report folder, chosen with out= and name= "
    "(--out, --name)",
    "figure_formats": "use the figure_formats argument (--figure-formats)",
}


def papermill_path(path: Path) -> str:
    """The path with braces doubled: papermill formats paths with str.format."""
    return str(path).replace("{", "{{").replace("}", "}}")


def plan_parameters(
    paths: Mapping[str, Path],
    parameters: Mapping[str, Any] | None,
    *,
    corpus: Path,
    formats: tuple[str, ...],
    injected: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """Return the parameters each notebook gets, checked against its parameters cell.

    ``injected`` values (the runner's ``engine`` and ``scheduler``) go to every
    notebook that declares them, like ``figure_formats``, and are no error when
    none does; ``parameters`` of the same name win over them.

    Raises
    ------
    ParameterError
        For a reserved, unknown or misaddressed name, or a value of the wrong type.
    """
    import papermill

    parameters = dict(parameters or {})
    declared = {nb: papermill.inspect_notebook(papermill_path(p)) for nb, p in paths.items()}
    for nb, names in declared.items():
        missing = [p for p in REQUIRED if p not in names]
        if missing:
            raise ParameterError(
                f"notebook {nb!r} does not declare {', '.join(map(repr, missing))} in a cell "
                f"tagged 'parameters' ({paths[nb]}); every report notebook needs {REQUIRED}"
            )

    plain: dict[str, Any] = {}
    qualified: dict[str, dict[str, Any]] = {nb: {} for nb in paths}
    for key, value in parameters.items():
        nb, dot, param = str(key).rpartition(".")
        if param in RESERVED:
            raise ParameterError(f"parameter {param!r} is set by the report runner; {_USE[param]}")
        if not dot:
            if not any(param in names for names in declared.values()):
                raise ParameterError(_unknown(param, declared))
            plain[param] = value
        elif nb not in paths:
            raise ParameterError(
                f"parameter {key!r} names notebook {nb!r}, which is not in this report "
                f"({', '.join(paths)})"
            )
        elif param not in declared[nb]:
            raise ParameterError(_unknown(param, {nb: declared[nb]}))
        else:
            qualified[nb][param] = value

    plan = {}
    for nb, names in declared.items():
        given = {"corpus": str(corpus), "out_dir": ".", "figure_formats": ",".join(formats)}
        given.update({k: v for k, v in (injected or {}).items() if v is not None})
        given.update(plain)
        given.update(qualified[nb])
        plan[nb] = {k: v for k, v in given.items() if k in names}
        check_types(nb, {k: v for k, v in plan[nb].items() if k not in RESERVED}, names,
                    reserved=RESERVED)
    return plan


def _unknown(param: str, declared: Mapping[str, Mapping[str, Any]]) -> str:
    accepted = "; ".join(
        f"notebook {nb!r} accepts {', '.join(n for n in names if n not in RESERVED) or 'none'}"
        for nb, names in declared.items()
    )
    return f"unknown parameter {param!r}: {accepted}"
