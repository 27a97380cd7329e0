"""Write the files generated from the declarations: the JSON-LD context, the structural
SHACL shapes and the claim-file JSON Schema.

Run it after changing ``src/provenance/rdf/_mapping.py`` or ``src/provenance/files/_table.py``::

    python scripts/generate.py          # rewrite the generated files
    python scripts/generate.py --check  # exit 1 if any of them is out of date

``tests/test_generated.py`` fails while a shipped file differs from what this writes.
``--data FOLDER`` writes (or checks) the files in another folder, for trying a change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.files._schema import schema_text
from provenance.rdf._context import context_text
from provenance.rdf._shapes import BEGIN, END, section

DATA = Path(__file__).resolve().parents[1] / "src" / "provenance" / "data"


def generated(data: Path = DATA) -> dict[Path, str]:
    """Each generated file's path and the text it should hold. The shapes file keeps its
    hand-written rules: only the part between its markers is generated."""
    shapes = (DATA / "shapes.ttl").read_text(encoding="utf-8")
    start, end = shapes.index(BEGIN), shapes.index(END)
    after = shapes.index("\n", end) + 1
    return {
        data / "context.jsonld": context_text(),
        data / "shapes.ttl": shapes[:start] + section() + shapes[after:],
        data / "claim-file.schema.json": schema_text(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the files")
    args = parser.parse_args(argv)
    texts = generated(args.data)
    stale = [
        path
        for path, text in texts.items()
        if not path.is_file() or path.read_text("utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"{path.name} is out of date: run python scripts/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_bytes(texts[path].encode("utf-8"))
        print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
