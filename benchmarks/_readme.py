"""The one writer of benchmarks/README.md: each script owns the section between its markers."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).with_name("README.md")


def replace_section(name: str, report: str, *, intro: str = "", readme: Path = README) -> None:
    """Put ``report`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in ``readme``.

    Everything outside the markers (other sections, hand notes) is kept. When
    the markers are missing, the section is appended, after ``intro`` (a
    heading and a sentence on the script) when given.
    """
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    content = readme.read_text(encoding="utf-8")
    if start in content and end in content:
        head, rest = content.split(start, 1)
        content = f"{head}{start}\n{report}\n{end}{rest.split(end, 1)[1]}"
    else:
        intro = f"{intro.strip()}\n\n" if intro.strip() else ""
        content = content.rstrip("\n") + f"\n\n{intro}{start}\n{report}\n{end}\n"
    readme.write_text(content, encoding="utf-8")
