"""The JSON Schema of the claim-file format, generated from the table.

Editors that understand JSON Schema use it to complete and check claim files as they
are typed. It is generated from :mod:`._table`, so it lists exactly the sections,
fields and names the reader takes; the text shipped in ``provenance/data`` is what
:func:`schema_text` writes (a test holds them equal, ``scripts/generate.py``
writes it again). The reader checks more than a schema can say: that references
resolve, that times exist, that a confidence agrees with its term, that records do not
clash.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .._values import REFUSED_CHARACTERS
from ._kinds import (
    IRI,
    ConfidenceForms,
    Derivations,
    Field,
    Grades,
    Label,
    LanguageTag,
    Names,
    Probability,
    Ref,
    Refs,
    Scale,
    Section,
    Shape,
    StanceName,
    Term,
    Text,
    Time,
    Value,
    WebAddress,
)
from ._table import (
    BUILTIN_STANCES,
    FORMAT_VERSION,
    SECTIONS,
    TERMS,
)

__all__ = ["SCHEMA_FILE", "claim_file_schema", "schema", "schema_text"]

SCHEMA_FILE = "data/claim-file.schema.json"
"""Where the schema is shipped, within the package."""


def _character_class(characters: str) -> str:
    """The characters as the inside of a regular-expression class, runs as ranges."""
    points = sorted(map(ord, characters))
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][-1] + 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    out = ""
    for run in runs:
        if len(run) >= 3:
            out += f"\\u{run[0]:04x}-\\u{run[-1]:04x}"
        else:
            out += "".join(f"\\u{point:04x}" for point in run)
    return out


_REFUSED = _character_class(REFUSED_CHARACTERS)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


_SCALARS: dict[str, dict[str, Any]] = {
    "id": {
        "type": "string",
        "pattern": f"^[^\\s,;{_REFUSED}]+$",
        "description": "An id local to the file: text without spaces, commas or semicolons.",
    },
    "text": {
        "type": "string",
        "minLength": 1,
        "allOf": [{"pattern": "\\S"}, {"pattern": f"^[^{_REFUSED}]*$"}],
        "description": (
            "Text that is not blank, without control characters other than tab, line feed "
            "and carriage return, and without U+FFFE or U+FFFF: every export format "
            "(RDF/XML included) can carry it."
        ),
    },
    "language": {
        "type": "string",
        "pattern": "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$",
        "description": "A BCP 47 language tag such as fa, en-GB or ku-Arab-IQ.",
    },
    "iri": {
        "type": "string",
        "pattern": '^[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>"{}|\\\\^`]+$',
        "description": "An absolute IRI.",
    },
    "webAddress": {
        "type": "string",
        "pattern": '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#<>"{}|\\\\^`]+([/?#][^\\s<>"{}|\\\\^`]*)?$',
        "description": "A web address: http or https, with a host.",
    },
    "time": {
        "description": (
            'A time at the precision the source gives: a year (2021), a month ("2021-02"), '
            "a day (2021-02-16) or an instant with its time-zone offset "
            "(2021-02-16T09:30:00+03:30)."
        ),
        "oneOf": [
            {"type": "integer", "minimum": 1, "maximum": 9999},
            {
                "type": "string",
                "pattern": (
                    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?"
                    "(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?$"
                ),
            },
        ],
    },
}
"""The values every section shares, in the words of JSON Schema: what a regular
expression can say of them (the reader says the rest)."""

_SCALAR_OF = {
    Text: "text",
    LanguageTag: "language",
    IRI: "iri",
    WebAddress: "webAddress",
    Time: "time",
    Ref: "id",
}


class _Schema:
    """The schema, built section by section; a named part (``$defs``) comes before the
    first section that uses it."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = dict(_SCALARS)
        self.named: dict[int, str] = {}
        """Values that a named part stands for (a grade's letter), by identity."""

    def define(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        self.defs.setdefault(name, schema)
        return _ref(name)

    def value(self, value: Value) -> dict[str, Any]:
        """The schema of a kind of value."""
        name = self.named.get(id(value))
        if name is not None:
            return _ref(name)
        scalar = _SCALAR_OF.get(type(value))
        if scalar is not None:
            return _ref(scalar)
        if isinstance(value, Names):
            return {"type": "array", "items": _ref("text")}
        if isinstance(value, Refs):
            return {"type": "array", "items": _ref("id")}
        if isinstance(value, Label):
            return {"enum": list(value.labels)}
        if isinstance(value, Term):
            return self.define(
                "term",
                {
                    "enum": list(TERMS),
                    "description": (
                        "An ICD 203 estimative term, or ICD 203's synonym of one, "
                        "written exactly so."
                    ),
                },
            )
        if isinstance(value, Probability):
            return self.define(
                "probability",
                {
                    "type": "number",
                    "minimum": 0,
                    "maximum": 1,
                    "description": (
                        "A probability in plain decimal notation: digits with an optional "
                        "fraction (0.8, 1, 0). Exponents (8e-1), NaN, infinities, signs and "
                        "quotes are refused by the reader, which JSON Schema cannot say of a "
                        "number."
                    ),
                },
            )
        if isinstance(value, Scale):
            low, high = value.bounds
            return {"type": "integer", "minimum": low, "maximum": high}
        if isinstance(value, StanceName):
            return {
                "type": "string",
                "description": (
                    f"A built-in stance, named exactly ({', '.join(BUILTIN_STANCES)}), "
                    f"or the id of a stance under `{value.section}`."
                ),
                "minLength": 1,
            }
        if isinstance(value, Grades):
            return self.grades(value)
        if isinstance(value, Derivations):
            return {"type": "array", "items": self.shape(value.shape)}
        assert isinstance(value, ConfidenceForms)
        return self.define(
            "confidence",
            {
                "description": (
                    "A probability, an ICD 203 estimative term, or both, "
                    "and/or the hedge as written."
                ),
                **self.shape(value.shape),
            },
        )

    def grades(self, value: Grades) -> dict[str, Any]:
        """A grade's letter, a grade (a letter or a mapping) and the reliability (a letter,
        or a list of grades), each a named part."""
        (short,) = [f for f in value.shape.fields if f.key in value.shape.short]
        label = short.value
        assert isinstance(label, Label)
        letters = list(label.labels)
        assert [ord(c) for c in letters] == list(range(ord(letters[0]), ord(letters[-1]) + 1))
        code = self.define(
            "gradeCode",
            {
                "type": "string",
                "pattern": f"^[{letters[0]}-{letters[-1]}]$",
                "description": (
                    "An Admiralty reliability grade, a capital letter from A (completely "
                    "reliable) to F (cannot be judged)."
                ),
            },
        )
        self.named[id(label)] = "gradeCode"
        grade = self.define("grade", self.shape(value.shape))
        return self.define(
            "reliability",
            {
                "description": "One grade for all time, or grades with the periods they apply to.",
                "oneOf": [code, {"type": "array", "items": grade}],
            },
        )

    def shape(self, shape: Shape) -> dict[str, Any]:
        """A shape's short forms, or the mapping of its fields."""
        short = [self.value(f.value) for f in shape.fields if f.key in shape.short]
        mapping = {"type": "object", **self.fields(shape.fields)}
        if "required" not in mapping:  # a mapping of optional fields still needs one
            mapping = {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": mapping["properties"],
            }
        return {"oneOf": [*short, mapping]}

    def fields(self, fields: tuple[Field, ...]) -> dict[str, Any]:
        properties = {}
        for f in fields:
            schema = self.value(f.value)
            if f.description is not None:
                if schema.get("type") == "array":
                    schema = {"type": "array", "description": f.description, **schema}
                else:
                    schema = {**schema, "description": f.description}
            properties[f.key] = schema
        required = [f.key for f in fields if f.required]
        out: dict[str, Any] = {"additionalProperties": False}
        if required:
            out["required"] = required
        out["properties"] = properties
        return out

    def section(self, table: Section) -> None:
        fields = self.fields(table.fields)
        self.defs[table.noun] = {"type": "object", "description": table.description, **fields}


def schema() -> dict[str, Any]:
    """The JSON Schema of the claim-file format, as generated from the table."""
    built = _Schema()
    for table in SECTIONS:
        built.section(table)
    sections = {
        table.name: {
            "type": ["object", "null"],
            "propertyNames": _ref("id"),
            "additionalProperties": _ref(table.noun),
        }
        for table in SECTIONS
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://w3id.org/provenance-claims/claim-file/{FORMAT_VERSION}/schema.json",
        "title": f"provenance claim file, version {FORMAT_VERSION}",
        "description": (
            "Claims with their propositions, claimants, sources and outlets, each under an id "
            "local to the file; records refer to each other by those ids. The library checks "
            "more than this schema says: that every reference resolves, that times exist in "
            "the calendar, that a confidence agrees with its term and that no two records "
            "clash. See docs/claim-files.md."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["version"],
        "properties": {
            "version": {
                "const": FORMAT_VERSION,
                "description": "The version of the claim-file format.",
            },
            **sections,
        },
        "$defs": built.defs,
    }


def schema_text() -> str:
    """The schema as the text shipped in ``provenance/data/claim-file.schema.json``."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def claim_file_schema() -> dict[str, Any]:
    """The JSON Schema of the claim-file format, as shipped in ``provenance/data``.

    Editors that understand JSON Schema use it to complete and check claim files as
    they are typed; :func:`read_claim_file` checks more than the schema can say
    (that references resolve, that times exist, that records do not clash).
    """
    text = resources.files("provenance").joinpath(SCHEMA_FILE).read_text("utf-8")
    shipped: dict[str, Any] = json.loads(text)
    return shipped
