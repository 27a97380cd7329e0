"""A located claim document → a :class:`~provenance.ClaimSet`, every problem collected.

The interpreter follows the table (:mod:`._table`): the sections a file may have, the
fields each record may and must have, and for each field the conversion its kind of
value calls for (:mod:`._conversions`), made once per file rather than once per
record. YAML, JSON and CSV (whose rows are first turned into such a document) all go
through it, so they share every check and every message.
"""

from __future__ import annotations

from typing import Any

from .._collection import ClaimSet
from .._model import Stance
from ..errors import ConflictError, UnknownStanceError, ValidationError
from ._conversions import Conversions, Convert, Entry, allowed, article, key_of
from ._kinds import (
    Derivations,
    OwnStances,
    Ref,
    Refs,
    Section,
)
from ._located import (
    INTEGER,
    LIST,
    MAP,
    NULL,
    REFUSED,
    TEXT,
    Node,
    describe,
    quote,
)
from ._problems import Problems
from ._scalars import (
    ID,
    ID_EXPECTED,
    BadValueError,
    DependencyError,
)
from ._table import (
    FORMAT_VERSION,
    SECTIONS,
)

__all__ = ["Interpreter", "identity_words"]

_TOP_FIELDS = ("version", *(s.name for s in SECTIONS))


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def identity_words(table: Section) -> str:
    """What identifies a record of the section, in words: "an agent is known by its kind
    and name" (from the model's ``IDENTITY`` and the words of each field)."""
    words = {f.field: f.words for f in table.fields}
    listed = _listed([words[name] for name in table.cls.IDENTITY])  # type: ignore[attr-defined]
    return f"{article(table.noun)} {table.noun} is known by its {listed}"


_VISITING, _DONE = 1, 2


def _self_links(table: Section) -> list[tuple[str, str | None]]:
    """The fields by which a record refers to records of its own section (an agent to the
    agent it acts for), with the key of the reference inside a mapping, if any: records
    are built after those they refer to."""
    links: list[tuple[str, str | None]] = []
    for f in table.fields:
        value = f.value
        if isinstance(value, Ref | Refs) and value.section == table.name:
            links.append((f.key, None))
        elif isinstance(value, Derivations):
            inner = [g.key for g in value.shape.fields if isinstance(g.value, Ref)]
            links.append((f.key, inner[0]))
    return links


class Interpreter(Conversions):
    """Turns a located document into a :class:`ClaimSet`, collecting every problem.

    Records are built in dependency order (an agent after the agent it acts for, a
    source after the sources it derives from, a claim after the claims it supports),
    each reference resolved by id. A record whose own value is wrong is reported; a
    record that only depends on a wrong one is skipped quietly, so one mistake gives
    one problem, not a cascade.
    """

    def __init__(self, problems: Problems, *, flag_duplicates: bool = True) -> None:
        super().__init__(problems)
        self.flag_duplicates = flag_duplicates
        self.order: dict[str, list[str]] = {s.name: [] for s in SECTIONS}
        self.fields: dict[str, list[tuple[str, str, bool, Convert]]] = {
            s.name: [(f.key, f.field, f.required, self.converter(f.value)) for f in s.fields]
            for s in SECTIONS
        }

    # ------------------------------------------------------------------ the document

    def run(self, root: Node) -> ClaimSet | None:
        try:
            fields = self.mapping(root, "", dict.fromkeys(_TOP_FIELDS, False))
        except BadValueError as bad:
            if root.kind != REFUSED:
                bad.expected = "a claim file: a mapping that starts with `version: 1`"
            self.bad(bad, "")
            return None
        version = fields.get("version")
        if version is None:
            self.problems.add(
                root, "version", f"the field `version: {FORMAT_VERSION}` at the top", "nothing"
            )
        elif version.kind != INTEGER or version.raw != str(FORMAT_VERSION):
            self.problems.add(
                version,
                "version",
                f"version {FORMAT_VERSION} (the claim-file format this library reads)",
                describe(version),
            )
        for table in SECTIONS:
            if table.name in fields:
                self.collect(table, fields[table.name])
        for table in SECTIONS:
            self.build_section(table)
            if isinstance(table.handler, OwnStances):
                self.one_stance_per_iri(table, table.handler)
        return self.assemble()

    def collect(self, table: Section, node: Node) -> None:
        if node.kind == NULL:
            return
        name, noun, fields = table.name, table.noun, allowed(table.fields)
        try:
            self.refused(node)
            if node.kind != MAP:
                raise BadValueError(f"a mapping from ids to {name}", node)
        except BadValueError as bad:
            self.bad(bad, name)
            return
        held = self.entries[name]
        for key, value in node.value:
            try:
                ident = self.text(key, ID_EXPECTED)
                if not ID.match(ident):
                    raise BadValueError(ID_EXPECTED, key)
            except BadValueError as bad:
                self.bad(bad, name)
                continue
            path = f"{name}.{ident}"
            if ident in held:
                self.problems.add(
                    key,
                    path,
                    f"each {noun} id once",
                    f"{ident!r} again (first on line {held[ident].key.line})",
                )
                continue
            if isinstance(table.handler, OwnStances) and _names_a_builtin_stance(ident):
                self.problems.add(
                    key, path, "a stance id that is not the name of a built-in stance", repr(ident)
                )
                continue
            try:
                record_fields = self.mapping(value, path, fields)
            except BadValueError as bad:
                if value.kind != REFUSED:
                    bad.expected = f"the fields of {article(noun)} {noun}: " + ", ".join(fields)
                self.bad(bad, path)
                continue
            held[ident] = Entry(name, ident, key, value, record_fields)

    # ------------------------------------------------------------------ building

    def one_stance_per_iri(self, table: Section, handler: OwnStances) -> None:
        """Two different stances under one IRI would describe one RDF node two ways."""
        name = table.name
        first: dict[str, str] = {}
        for ident in list(self.order[name]):
            iri = getattr(self.built[name][ident], handler.identity)
            held = first.setdefault(iri, ident)
            if held == ident:
                continue
            entry, other = self.entries[name][ident], self.entries[name][held]
            self.problems.add(
                entry.fields.get(handler.identity, entry.key),
                f"{entry.path}.{handler.identity}",
                f"an IRI of this stance alone ({held!r} on line {other.key.line} has it, "
                "with another label or polarity)",
                quote(iri),
            )
            del self.built[name][ident]
            self.order[name].remove(ident)

    def build_section(self, table: Section) -> None:
        name = table.name
        entries = self.entries[name]
        links = _self_links(table)
        order, broken = (
            (list(entries), set()) if not links else self.dependency_order(entries, links)
        )
        firsts: dict[Any, Entry] = {}
        for ident in order:
            if ident in broken:
                continue
            entry = entries[ident]
            try:
                record = self.make(entry, table)
            except DependencyError:
                continue
            except BadValueError as bad:
                self.bad(bad, entry.path)
                continue
            first = firsts.get(record)
            if first is not None and self.flag_duplicates:
                noun = table.noun
                self.problems.add(
                    entry.key,
                    entry.path,
                    f"each {noun} once (refer to {first.id!r} instead)",
                    f"the same {noun} as {first.id!r} on line {first.key.line}",
                )
                continue
            firsts.setdefault(record, entry)
            self.built[name][ident] = record
            self.order[name].append(ident)

    def dependency_order(
        self, entries: dict[str, Entry], links: list[tuple[str, str | None]]
    ) -> tuple[list[str], set[str]]:
        """Ids with every record before those that refer to it; cycles are reported."""
        state: dict[str, int] = {}
        order: list[str] = []
        broken: set[str] = set()
        for start, first in entries.items():
            if start in state:
                continue
            state[start] = _VISITING
            stack = [(start, iter(_links_of(first, links)))]
            while stack:
                ident, pending = stack[-1]
                for target, node in pending:
                    if target not in entries:
                        continue  # reported when the reference is resolved
                    seen = state.get(target)
                    if seen is None:
                        state[target] = _VISITING
                        stack.append((target, iter(_links_of(entries[target], links))))
                        break
                    if seen == _VISITING and ident not in broken:
                        loop = [i for i, _ in stack]
                        loop = [*loop[loop.index(target) :], target]
                        entry = entries[ident]
                        self.problems.add(
                            node,
                            entry.path,
                            "references that do not lead back to where they start",
                            "a cycle: " + " → ".join(loop),
                        )
                        broken.add(ident)
                else:
                    stack.pop()
                    state[ident] = _DONE
                    order.append(ident)
        return order, broken

    # ------------------------------------------------------------------ records

    def make(self, entry: Entry, table: Section) -> Any:
        """The record of an entry: each present field converted, as its row says.

        Every field is tried, so each wrong one is reported, before giving up with
        :class:`DependencyError`.
        """
        kwargs: dict[str, Any] = {}
        failed = False
        fields = entry.fields
        for key, field, required, convert in self.fields[table.name]:
            node = fields.get(key)
            if node is None:
                if required:
                    failed = True  # reported as missing by mapping()
                continue
            if node.kind == NULL and not required:
                continue  # an optional field left empty
            path = f"{entry.path}.{key}"
            try:
                kwargs[field] = convert(node, path)
            except BadValueError as bad:
                self.bad(bad, path)
                failed = True
            except DependencyError:
                failed = True
        if failed:
            raise DependencyError
        try:
            return table.cls(**kwargs)
        except ValidationError as error:
            key = key_of(table.fields, error.field)
            node = fields.get(key, entry.key)
            value = error.value
            found = quote(value) if isinstance(value, str) else quote(repr(value))
            self.problems.add(node, f"{entry.path}.{key}", error.expected, found)
            raise DependencyError from None

    # ------------------------------------------------------------------ the collection

    def assemble(self) -> ClaimSet | None:
        """Every built record in one collection; records that share an identity are reported."""
        claims = ClaimSet()
        owner: dict[Any, Entry] = {}
        for table in SECTIONS:
            if isinstance(table.handler, OwnStances):
                continue  # values the claims hold, not records of the collection
            name, noun = table.name, table.noun
            for ident in self.order[name]:
                record = self.built[name][ident]
                entry = self.entries[name][ident]
                try:
                    claims.add(record)
                except ConflictError as error:
                    first = owner.get(error.first)
                    other = f"{first.id!r} (line {first.key.line})" if first else "another record"
                    differ = ", ".join(error.fields) or "content"
                    self.problems.add(
                        entry.key,
                        entry.path,
                        f"{article(noun)} {noun} whose identity differs from {other}'s "
                        f"({identity_words(table)})",
                        f"the same identity with a different {differ}",
                    )
                    continue
                owner.setdefault(record, entry)
        return None if self.problems.found else claims


def _names_a_builtin_stance(ident: str) -> bool:
    try:
        Stance.named(ident)
    except UnknownStanceError:
        return False
    return True


def _links_of(entry: Entry, links: list[tuple[str, str | None]]) -> list[tuple[str, Node]]:
    found = []
    for field, key in links:
        node = entry.fields.get(field)
        if node is None:
            continue
        for item in node.value if node.kind == LIST else [node]:
            target = item
            if item.kind == MAP and key is not None:
                target = next((v for k, v in item.value if k.value == key), item)
            if target.kind == TEXT:
                found.append((target.value, target))
    return found
