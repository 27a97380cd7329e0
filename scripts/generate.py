"""Write the files generated from the mapping: the JSON-LD context and the structural shapes.

Run it after changing ``src/provenance/rdf/_mapping.py``::

    python scripts/generate.py          # rewrite the generated files
    python scripts/generate.py --check  # exit 1 if any of them is out of date

``tests/test_generated.py`` fails while a shipped file differs from what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.rdf._context import context_text
from provenance.rdf._shapes import BEGIN, END, section

DATA = Path(__file__).resolve().parents[1] / "src" / "provenance" / "data"


def generated() -> dict[Path, str]:
    """Each generated file's path and the text it should hold."""
    shapes = (DATA / "shapes.ttl").read_text(encoding="utf-8")
    start, end = shapes.index(BEGIN), shapes.index(END)
    after = shapes.index("\n", end) + 1
    return {
        DATA / "context.jsonld": context_text(),
        DATA / "shapes.ttl": shapes[:start] + section() + shapes[after:],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = [path for path, text in generated().items() if path.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.name} is out of date: run python scripts/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in generated().items():
        if path in stale:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
