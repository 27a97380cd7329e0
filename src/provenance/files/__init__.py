"""Claim files: claims kept in YAML, JSON or CSV that a person writes, reviews and diffs.

Most people who record claims do not want to write Python for each one. A claim file
lists outlets, agents, sources, propositions, stances of one's own and claims, each
under an id local to the file, and records refer to each other by those ids
(``claimant: khatibzadeh``). The format is versioned (``version: 1``), described by a
JSON Schema shipped in the package (:func:`claim_file_schema`), and documented with
examples in ``docs/claim-files.md``. JSON files have the same structure; CSV files
hold one claim a row, for people who work in spreadsheets.

Reading is strict and safe. YAML is read at ``yaml.safe_load`` level or below: tags
that would build Python objects (``!!python/object``) are refused, aliases are refused
(so no "billion laughs"), and nothing in a file can run code or reach the network.
Every value remembers its line and column, so each problem names the file, the line,
the column, the field and what was expected — and *all* problems of a file are
reported together in one :class:`ClaimFileError`, not only the first.

Writing is lossless and stable: :func:`write_claim_file` writes every field of every
record, with readable ids derived from names, in an order that does not depend on how
the collection was built (sources by date, claims in the order of their sources), so
the same claims always give the same text and a change to one claim changes a few
lines. A write goes to a temporary file that replaces the target only when complete. CSV holds
less than YAML (see :data:`CSV_COLUMNS`); writing claims to CSV that it cannot hold
fully is refused unless ``lossy=True`` is passed. No CSV cell is a live spreadsheet
formula: a text that starts like one is written after an apostrophe, which the reader
takes off again.

Values follow one rule in every format: enumerated values are named exactly by their
labels (``denial``, ``news agency``), with a suggestion when they are not; numbers are
written in plain decimal notation (``0.8``, never ``8e-1``); text holds no control
character that an export format cannot carry.

>>> import provenance as pv
>>> claims = pv.parse_claim_yaml('''
... version: 1
... outlets:
...   fars: {name: Fars, kind: news agency}
... agents:
...   khatibzadeh: {name: Said Khatibzadeh}
... sources:
...   fars-feb-16: {outlet: fars, published: 2021-02-16}
... propositions:
...   involvement: {text: Iran was involved in the attack.}
... claims:
...   denial:
...     proposition: involvement
...     claimant: khatibzadeh
...     source: fars-feb-16
...     stance: denial
... ''')
>>> for c in claims: print(c.claimant.name, c.stance.label, c.outlet.name, sep=' | ')
Said Khatibzadeh | denial | Fars
"""

from ..errors import ClaimFileError, Problem
from ._csv import CSV_COLUMNS, parse_claim_csv, read_claim_csv, serialize_claim_csv, write_claim_csv
from ._paths import read_claim_file, write_claim_file
from ._schema import claim_file_schema
from ._table import FORMAT_VERSION
from ._yaml_json import (
    parse_claim_json,
    parse_claim_yaml,
    serialize_claim_json,
    serialize_claim_yaml,
)

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "ClaimFileError",
    "Problem",
    "claim_file_schema",
    "parse_claim_csv",
    "parse_claim_json",
    "parse_claim_yaml",
    "read_claim_csv",
    "read_claim_file",
    "serialize_claim_csv",
    "serialize_claim_json",
    "serialize_claim_yaml",
    "write_claim_csv",
    "write_claim_file",
]
