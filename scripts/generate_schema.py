"""Write the claim-file JSON Schema again from the table in provenance.files.

    python scripts/generate_schema.py          # rewrite src/provenance/data/claim-file.schema.json
    python scripts/generate_schema.py --check  # exit 1 if the shipped file differs
    python scripts/generate_schema.py -o FILE  # write it elsewhere

The schema is generated from the declaration in ``provenance/files/_table.py``; a test
holds the shipped file equal to what this writes, so a change to the table that is not
followed by running this script fails the suite.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provenance.files._schema import SCHEMA_FILE, schema_text

SHIPPED = Path(__file__).resolve().parents[1] / "src" / "provenance" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=SHIPPED, help="the file to write")
    parser.add_argument(
        "--check", action="store_true", help="compare with the file instead of writing it"
    )
    args = parser.parse_args(argv)
    text = schema_text()
    target: Path = args.output
    if args.check:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return 0
        print(f"{target} is not what the table gives: run scripts/generate_schema.py")
        return 1
    target.write_bytes(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
