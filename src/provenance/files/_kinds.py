"""The words the claim-file table is written in: kinds of value, fields, shapes, sections, and
the parts of a CSV row.

Each class here is a declaration, data only: :mod:`._table` uses them to declare the
format once, and the interpreter, the writers and the schema each read the declaration
their own way (by the class of each kind of value, as :mod:`provenance.rdf._triples`
reads the RDF mapping). A kind of value that is more than a plain value (grades,
derivations, a confidence in its forms, a stance by label or id) is a named class of
its own, so each reader's handling of it is one named branch, never a flag.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Any, TypeAlias

import attrs

from ..scales import EstimativeTerm

__all__ = [
    "IRI",
    "Column",
    "ConfidenceForms",
    "CsvLayout",
    "Derivations",
    "Field",
    "Grades",
    "Group",
    "Label",
    "LanguageTag",
    "Names",
    "OwnStances",
    "Part",
    "Probability",
    "Ref",
    "Refs",
    "Scale",
    "Section",
    "Shape",
    "ShapeColumns",
    "StanceColumns",
    "StanceName",
    "Term",
    "Text",
    "Time",
    "Value",
    "WebAddress",
    "columns_of",
    "csv_columns",
    "shape_of",
]


# --------------------------------------------------------------------------- kinds of value


@attrs.frozen
class Text:
    """Text: not blank, with no character an export format cannot carry."""


@attrs.frozen
class LanguageTag:
    """A BCP 47 language tag (``fa``, ``en-GB``), read as text; the model checks the tag."""


@attrs.frozen
class IRI:
    """An absolute IRI (a stance of one's own), read as text; the model checks it."""


@attrs.frozen
class WebAddress:
    """A web address (an outlet's home page, a source's page): http or https with a host,
    read as text; the model checks it."""


@attrs.frozen
class Names:
    """A list of names (an agent's aliases), written on one line in sorted order."""

    example: str = "[ITIC, Meir Amit Center]"
    item: str = "a name"
    """What each item is, in errors."""


@attrs.frozen
class Label:
    """A member of an enum, named exactly by its label, as the writer writes it."""

    members: type[enum.Enum]
    attribute: str
    """The member's attribute that is its label (``"value"``, ``"label"``)."""
    what: str = ""
    """Words before "one of …" in errors (``"an Admiralty reliability grade, "``)."""
    labels: dict[str, Any] = attrs.field(init=False, eq=False, hash=False, repr=False)
    """Each label, with the member it names, in the enum's order."""

    @labels.default
    def _labels_of_members(self) -> dict[str, Any]:
        return {getattr(member, self.attribute): member for member in self.members}


@attrs.frozen
class Term:
    """An ICD 203 estimative term, named by its words or by ICD 203's synonym for them."""

    labels: dict[str, EstimativeTerm] = attrs.field(eq=False, hash=False)


@attrs.frozen
class Ref:
    """The id of a record defined under another section (or the same one)."""

    section: str


@attrs.frozen
class Refs:
    """A list of ids of records of a section, written on one line in sorted order."""

    section: str
    example: str


@attrs.frozen
class Time:
    """A time at the precision known: a year, a month, a day, or an instant with its offset."""


@attrs.frozen
class Probability:
    """A number from 0 to 1, in plain decimal notation (``0.8``, never ``8e-1``)."""


@attrs.frozen
class Scale:
    """A member of a numbered scale, named by its number in plain notation (``2``)."""

    scale: type[enum.Enum]
    expected: str

    @property
    def bounds(self) -> tuple[int, int]:
        numbers = [member.value for member in self.scale]
        return min(numbers), max(numbers)


@attrs.frozen
class Grades:
    """Reliability grades: a letter for all time (``C``), or a list of letters and
    mappings of a grade with the period it covers (``[{grade: C, start: 2019}]``)."""

    shape: Shape
    expected: str
    """What a grade is, in errors."""
    example: str


@attrs.frozen
class Derivations:
    """The sources a source took its content from: each an id (derived) or a mapping of
    the source's id and how (``{source: isna-feb-14, kind: quoted}``)."""

    shape: Shape
    example: str


@attrs.frozen
class ConfidenceForms:
    """A confidence: a number (``0.8``), an estimative term (``likely``), or a mapping of
    value, term and wording."""

    shape: Shape


@attrs.frozen
class StanceName:
    """A stance: a built-in one named exactly by its label (``denial``), or the id of a
    stance of one's own defined under ``stances``."""

    section: str = "stances"


Value: TypeAlias = (
    Text
    | LanguageTag
    | IRI
    | WebAddress
    | Names
    | Label
    | Term
    | Ref
    | Refs
    | Time
    | Probability
    | Scale
    | Grades
    | Derivations
    | ConfidenceForms
    | StanceName
)


# --------------------------------------------------------------------------- fields


def _words(field: Field) -> str:
    return field.field.replace("_", " ")


def _key(field: Field) -> str:
    return field.field


@attrs.frozen
class Field:
    """One model field in a claim file."""

    field: str
    value: Value
    required: bool = False
    words: str = attrs.field(default=attrs.Factory(_words, takes_self=True))
    """The field in the words of errors (``"date"`` for ``published``)."""
    description: str | None = None
    """What the JSON Schema says of the field, where its kind of value does not say it all."""
    key: str = attrs.field(default=attrs.Factory(_key, takes_self=True))
    """The field's name in the file."""


@attrs.frozen
class Shape:
    """A value written as a mapping of its own fields (a confidence, a grading, a derivation)."""

    cls: type
    fields: tuple[Field, ...]
    short: tuple[str, ...]
    """The fields that, set alone, are written as the bare value instead of a mapping."""


@attrs.frozen
class OwnStances:
    """What makes the ``stances`` section more than a list of records: a stance of one's
    own is a value claims hold, not a record of the collection; it is known by its IRI
    alone, so two stances under one IRI are a problem; and its id must not be the name of
    a built-in stance, which a claim's ``stance`` would mean instead."""

    identity: str = "iri"


@attrs.frozen
class Section:
    """One section of a claim file: a mapping from ids to records of one kind."""

    name: str
    noun: str
    """One of its records, in errors (``"outlet"``)."""
    cls: type
    description: str
    fields: tuple[Field, ...]
    handler: OwnStances | None = None


def shape_of(value: Value) -> Shape:
    """The shape of a value that is written as a mapping of its own fields."""
    if isinstance(value, Grades | Derivations | ConfidenceForms):
        return value.shape
    raise TypeError(f"a value of kind {value!r} has no shape")


# --------------------------------------------------------------------------- CSV


@attrs.frozen
class Column:
    """A CSV column holding one field of the record of the group it is in."""

    name: str
    field: str
    required: bool = False
    """Every row needs a value here."""
    default: str | None = None
    """What an empty cell means (an agent's kind); ``" "`` makes an empty cell a problem of
    its own column, reported as blank, where the record needs the field."""


@attrs.frozen
class Group:
    """The columns of the record a reference field leads to (a claim's claimant).

    The record is in a row when its first column has a value; the reference then names
    it, and problems of the reference are those of that first column.
    """

    field: str
    columns: tuple[Part, ...]


@attrs.frozen
class StanceColumns:
    """A claim's stance: the label of a built-in stance, or with an IRI and a polarity, a
    stance of one's own, defined by the row."""

    field: str
    label: Column
    iri: Column
    polarity: Column


@attrs.frozen
class ShapeColumns:
    """The columns of a value written as a mapping in YAML (a claim's confidence)."""

    field: str
    columns: tuple[Column, ...]


Part: TypeAlias = Column | Group | StanceColumns | ShapeColumns


@attrs.frozen
class CsvLayout:
    """One claim a row: its id, then the columns of its fields, reached from the claim."""

    id: str
    parts: tuple[Part, ...]


def columns_of(parts: Iterable[Part]) -> Iterator[Column]:
    """The columns of ``parts``, in the order they are written."""
    for part in parts:
        if isinstance(part, Column):
            yield part
        elif isinstance(part, Group):
            yield from columns_of(part.columns)
        elif isinstance(part, StanceColumns):
            yield from (part.label, part.iri, part.polarity)
        else:
            yield from part.columns


def csv_columns(layout: CsvLayout) -> tuple[str, ...]:
    """The names of the columns, in the order they are written."""
    return (layout.id, *(column.name for column in columns_of(layout.parts)))
