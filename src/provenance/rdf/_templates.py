"""Turtle and N-Triples written a record at a time, by code generated from the mapping.

The generic path (:class:`._triples.Describer` formatted by :func:`._syntax.turtle_chunks`
or :func:`._syntax.ntriples_chunks`) builds a tuple for every triple and sorts each
record's triples; it stays the reference, and what the other formats use. For the two
formats large exports are made in, this module writes each record's text straight from
its fields instead. Within a record the generic order follows from the predicates' IRIs
alone (``rdf:type`` first, then by predicate, then by object), so it is worked out here
once, from :mod:`._mapping`, when the module is imported: for every record kind and both
syntaxes, the source of a function that writes one record in that order is generated
and compiled, much as attrs compiles ``__init__``. Nothing is interpreted per record.
The bytes are the generic path's, byte for byte; a property test holds the two equal.

A record's text is appended to a list of pieces, not joined: claims' words are often
outside Latin-1, and a piece holding them would make every character of its record
(IRIs, mostly) take four bytes until the file is written. Kept apart, the IRIs stay one
byte a character and encode to UTF-8 as a copy.

Record IRIs are always written in full (``<…>``), never as prefixed names: the part of
a minted IRI after its namespace always holds a ``/`` (``claim/…``), which no prefixed
name written here may hold.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

from .._collection import ClaimSet
from .._derive import compile_function
from .._iri import Record, check_base, digest
from .._model import Agent, DerivationKind, Outlet, Source, Stance
from ._literals import decimal_lexical, time_literal
from ._mapping import (
    AGENT_MAP,
    ATTRIBUTION_MAP,
    CLAIM_MAP,
    GRADE_MAP,
    OUTLET_MAP,
    PROPOSITION_MAP,
    SOURCE_MAP,
    STANCE_MAP,
    AnyTime,
    Attributions,
    Decimal,
    Derivations,
    Grades,
    Inline,
    LanguageTag,
    Prop,
    RecordMap,
    Ref,
    Row,
    StanceIRI,
    Text,
    TimeByPrecision,
    Vocab,
    WebAddress,
)
from ._output import StrPath, atomic_write
from ._syntax import Prefixes, literal, quoted
from ._terms import (
    PREFIXES,
    QUALIFIED_ATTRIBUTION,
    TYPE,
    WAS_ATTRIBUTED_TO,
    XSD_DATE,
    XSD_DATETIME,
    XSD_DECIMAL,
    XSD_GYEAR,
    XSD_GYEARMONTH,
    XSD_LANGUAGE,
    Lit,
)
from ._triples import grade_node

__all__ = [
    "KINDS",
    "NTriplesText",
    "RecordText",
    "TurtleText",
    "encoded",
    "joined",
    "ntriples_pieces",
    "records_of_kind",
    "text_literal",
    "turtle_pieces",
    "write_pieces",
]

KINDS = ("agent", "claim", "outlet", "proposition", "source")
"""Record kinds in the order their IRIs sort: the path segment after the base."""

_PIECES = 512
"""Pieces of text per chunk of output: a hundred records or more, a few hundred kilobytes."""

_LIMIT = 1 << 11
"""Entries the caches of a stream hold before they are emptied: memory stays flat."""

_MAPS = {
    "agent": AGENT_MAP,
    "claim": CLAIM_MAP,
    "outlet": OUTLET_MAP,
    "proposition": PROPOSITION_MAP,
    "source": SOURCE_MAP,
}

_TAGS: dict[str, str] = {}
"""Language tags as written (``@`` and the tag in lower case): there are a few."""


def text_literal(value: str, language: str | None) -> str:
    """A string as both syntaxes write it, tagged with its language in lower case."""
    if language is None:
        return quoted(value)
    tag = _TAGS.get(language)
    if tag is None:
        tag = f"@{language.lower()}"
        if len(_TAGS) < _LIMIT:
            _TAGS[language] = tag
    return quoted(value) + tag


class _Digests(dict[Record, str]):
    """Digests worked out when first asked for: a stream has no collection's to reuse."""

    def __missing__(self, record: Record) -> str:
        return digest(record, self)


# --------------------------------------------------------------------------- source code


class Code(str):
    """A Python expression inside generated text, as opposed to literal text."""

    __slots__ = ()


Parts = list[str]
"""Generated text: literal strings and :class:`Code` expressions, in order."""


def _literal_text(text: str) -> str:
    """Literal text as it stands inside a single-quoted f-string."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("{", "{{").replace("}", "}}")
    return escaped.replace("\n", "\\n").replace("\t", "\\t")


def fstring(parts: Parts) -> str:
    """Source of an f-string giving the parts' text: one string operation at run time.

    An expression may hold neither quotes nor backslashes (Python 3.11's f-strings cannot);
    one that needs them is computed into a local first.
    """
    if not parts:
        return "''"
    if len(parts) == 1 and isinstance(parts[0], Code):
        return str(parts[0])
    body = []
    for part in parts:
        if isinstance(part, Code):
            if "'" in part or '"' in part or "\\" in part:
                raise ValueError(f"an expression with quotes in an f-string: {part}")
            body.append("{" + part + "}")
        else:
            body.append(_literal_text(part))
    return "f'" + "".join(body) + "'"


# --------------------------------------------------------------------------- the two syntaxes

_P = Prefixes(PREFIXES)


class _Syntax:
    """What differs between Turtle and N-Triples: how a subject, its types and a
    predicate's objects are said. Everything else (escapes, the order) is the same.

    ``subject`` is the text a statement about the subject starts with: in Turtle the
    subject block's opening, in N-Triples the start of every line.
    """

    name = ""
    after_text = ""
    """What follows a text piece before the next predicate's text."""
    end = ""
    """What ends a subject's text."""

    def iri(self, iri: str) -> str:
        raise NotImplementedError

    def subject(self, iri: Parts, minted: bool = True) -> Parts:
        """How statements about the subject ``iri`` start; a ``minted`` IRI is never a
        prefixed name, a stance's own may be."""
        raise NotImplementedError

    def types(self, subject: Parts, types: list[str]) -> Parts:
        """The subject and its types: the start of its text."""
        raise NotImplementedError

    def verb(self, subject: Parts, predicate: str) -> Parts:
        """The text before the first object of ``predicate``."""
        raise NotImplementedError

    def joiner(self) -> str:
        """The text between two objects of one predicate, before the verb again (if any)."""
        raise NotImplementedError

    def objects(self, subject: Parts, predicate: str, objects: list[Parts]) -> Parts:
        """A predicate with objects known when the code is generated."""
        parts = self.verb(subject, predicate)
        for i, obj in enumerate(objects):
            if i:
                parts = [*parts, self.joiner(), *self.again(subject, predicate)]
            parts = [*parts, *obj]
        return [*parts, *self.close()]

    def again(self, subject: Parts, predicate: str) -> Parts:
        """What repeats before a further object of one predicate."""
        return []

    def close(self) -> Parts:
        """What follows the last object of a predicate."""
        return []


class _TurtleSyntax(_Syntax):
    name = "turtle"
    after_text = ""
    end = " .\n"

    def iri(self, iri: str) -> str:
        return _P.iri(iri)

    def subject(self, iri: Parts, minted: bool = True) -> Parts:
        return ["<", *iri, ">"] if minted else [Code(f"_P.iri({''.join(iri)})")]

    def types(self, subject: Parts, types: list[str]) -> Parts:
        return [*subject, " a " + " , ".join(map(_P.iri, types))]

    def verb(self, subject: Parts, predicate: str) -> Parts:
        return [f" ;\n\t{_P.verb(predicate)} "]

    def joiner(self) -> str:
        return " , "


class _NTriplesSyntax(_Syntax):
    name = "nt"
    after_text = " .\n"
    end = ""

    def iri(self, iri: str) -> str:
        return f"<{iri}>"

    def subject(self, iri: Parts, minted: bool = True) -> Parts:
        return ["<", *iri, "> "]

    def types(self, subject: Parts, types: list[str]) -> Parts:
        parts: Parts = []
        for kind in types:
            parts += [*subject, f"<{TYPE}> <{kind}> .\n"]
        return parts

    def verb(self, subject: Parts, predicate: str) -> Parts:
        return [*subject, f"<{predicate}> "]

    def joiner(self) -> str:
        return " .\n"

    def again(self, subject: Parts, predicate: str) -> Parts:
        return self.verb(subject, predicate)

    def close(self) -> Parts:
        return [" .\n"]


_TURTLE = _TurtleSyntax()
_NTRIPLES = _NTriplesSyntax()


# --------------------------------------------------------------------------- generation


class _Generator:
    """Generates the source of the function that writes one kind of record in one syntax.

    The function takes the writer (``self``), the record, its digest (or the IRI of a
    node with one of its own) and the list of pieces to append to. Each row of the table
    first computes the text of its predicates into locals; then the predicates, in the
    order the generic writer sorts them, are joined into as few pieces as the text
    literals allow (each text literal is a piece of its own).
    """

    def __init__(self, syntax: _Syntax, record_map: RecordMap, iri: Parts) -> None:
        self.syntax = syntax
        self.map = record_map
        self.iri = iri
        minted = record_map.kind != "stance"
        # N-Triples repeats the subject on every line: it is worked out once, as S
        self.subject: Parts = (
            [Code("S")] if syntax is _NTRIPLES else syntax.subject([Code("s")], minted)
        )
        self.lines: list[str] = []
        self.slots: dict[str, tuple[str, str | None]] = {}
        """Per predicate: the local holding its text; or, for text literals (pieces of
        their own), the condition for their presence and the source of their pieces."""
        self.tails: list[tuple[str, str]] = []
        """Locals holding the text of nodes written after the record, by their path."""
        self.namespace: dict[str, Any] = {
            "text_literal": text_literal,
            "time_literal": time_literal,
            "XSD_DATETIME": XSD_DATETIME,
            "grade_node": grade_node,
            "_first": operator.itemgetter(0),
            "_P": _P,
        }
        self.count = 0

    def name(self, prefix: str, value: object | None = None) -> str:
        """A fresh local name; with ``value``, a constant of the generated code."""
        self.count += 1
        name = f"{prefix}{self.count}"
        if value is not None:
            self.namespace[name] = value
        return name

    def emit(self, line: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + line)

    def slot(self, predicate: str, local: str, pieces: str | None = None) -> None:
        if predicate in self.slots:
            raise TypeError(f"{self.map.kind}: two rows write {predicate}; give them an order")
        self.slots[predicate] = (local, pieces)

    def many(self, predicate: str, objects: str) -> str:
        """Source of the text of ``predicate`` with every object of the list ``objects``."""
        syntax, subject = self.syntax, self.subject
        verb = fstring(syntax.verb(subject, predicate))
        joint = fstring([syntax.joiner(), *syntax.again(subject, predicate)])
        close = "".join(syntax.close())
        return f"{verb} + {joint}.join({objects})" + (f" + {close!r}" if close else "")

    # ----------------------------------------------------------------- objects

    def object(self, value: object, ref: str) -> Parts:
        """The text of one object that is not a text literal; ``ref`` is a local."""
        if isinstance(value, Ref):
            if value.kind in ("agent", "outlet"):  # few, each named by many records
                return [Code(f"self.refs.get(id({ref})) or self.ref({ref})")]
            return ["<", Code("self.base"), value.kind + "/", Code(f"self.cache[{ref}]"), ">"]
        if isinstance(value, StanceIRI):
            return [Code(f"self.stances.get({ref}.iri) or self.stance_iri({ref})")]
        if isinstance(value, Vocab):
            table = {member: self.syntax.iri(iri) for member, iri in value.table.items()}
            return [Code(f"{self.name('VOCAB', table)}[{ref}]")]
        if isinstance(value, LanguageTag):
            return [Code(f"self.languages.get({ref}) or self.language({ref})")]
        if isinstance(value, Decimal):
            return [Code(f"{self.name('DECIMAL', _decimal(self.syntax.name))}({ref})")]
        if isinstance(value, WebAddress):
            if self.syntax is _TURTLE:
                return [Code(f"_P.known.get({ref}) or _P.iri({ref})")]
            return ["<", Code(ref), ">"]
        if isinstance(value, AnyTime):
            return [Code(f"{self.name('TIME', _time(self.syntax.name))}({ref})")]
        raise TypeError(f"{self.map.kind}: no template for a value of kind {value!r}")

    # ----------------------------------------------------------------- rows

    def row(self, row: Row, holder: str) -> None:
        if isinstance(row, Prop):
            self.prop(row, holder)
        elif isinstance(row, TimeByPrecision):
            self.time(row, holder)
        elif isinstance(row, Derivations):
            self.derivations(row, holder)
        elif isinstance(row, Grades):
            self.grades(row, holder)
        elif isinstance(row, Attributions):
            self.attributions(row, holder)
        elif isinstance(row, Inline):
            inner = self.name("inline")
            self.emit(f"{inner} = {holder}.{row.field}")
            for part in row.rows:
                self.prop(part, inner, guard=inner)
        else:  # pragma: no cover - a row kind this generator does not know
            raise TypeError(f"{self.map.kind}: no template for the row {row!r}")

    def prop(self, row: Prop, holder: str, guard: str | None = None) -> None:
        value = self.name("v")
        if guard is None:
            self.emit(f"{value} = {holder}.{row.field}")
        else:
            self.emit(f"{value} = None if {guard} is None else {guard}.{row.field}")
        present = value if row.many else f"{value} is not None"
        if isinstance(row.value, Text):
            tag = "None" if row.value.language is None else f"rec.{row.value.language}"
            if row.many:
                pieces = f"[text_literal(x, {tag}) for x in sorted({value})]"
            else:
                pieces = f"text_literal({value}, {tag})"
            self.slot(row.predicate, "True" if row.required else present, pieces)
            return
        local = self.name("p")
        if row.many:
            if isinstance(row.value, Ref) and row.value.kind not in ("agent", "outlet"):
                prefix = row.value.kind + "/"
                # IRIs of one kind sort as their digests
                objects = (
                    f"[f'<{{self.base}}{prefix}{{x}}>' "
                    f"for x in sorted({{self.cache[y] for y in {value}}})]"
                )
            else:
                objects = f"sorted([{fstring(self.object(row.value, 'y'))} for y in {value}])"
            text = self.many(row.predicate, objects)
        else:
            obj = self.object(row.value, value)
            text = fstring(self.syntax.objects(self.subject, row.predicate, [obj]))
        if row.required and guard is None:
            self.emit(f"{local} = {text}")
        else:
            self.emit(f"{local} = {text} if {present} else ''")
        self.slot(row.predicate, local)

    def time(self, row: TimeByPrecision, holder: str) -> None:
        value, instant, coarse = self.name("v"), self.name("p"), self.name("p")
        ends = self.name("TIMES", _time_ends(self.syntax.name))
        literal_text: Parts = ['"', Code("lexical"), Code(f"{ends}[datatype]")]
        said = {
            predicate: fstring(self.syntax.objects(self.subject, predicate, [literal_text]))
            for predicate in (row.instant, row.coarse)
        }
        self.emit(f"{value} = {holder}.{row.field}")
        self.emit(f"{instant} = {coarse} = ''")
        self.emit(f"if {value} is not None:")
        self.emit(f"lexical, datatype = time_literal({value})", 2)
        self.emit("if datatype == XSD_DATETIME:", 2)
        self.emit(f"{instant} = {said[row.instant]}", 3)
        self.emit("else:", 2)
        self.emit(f"{coarse} = {said[row.coarse]}", 3)
        self.slot(row.instant, instant)
        self.slot(row.coarse, coarse)

    def derivations(self, row: Derivations, holder: str) -> None:
        found = self.name("derived")
        names = {kind: self.name("p") for kind in row.table}
        self.emit(" = ".join(names.values()) + " = ''")
        self.emit(f"if {holder}.{row.field}:")
        self.emit(f"{found} = self.derivations({holder})", 2)
        for kind, predicate in row.table.items():
            member = self.name("KIND", kind)
            self.emit(f"if {member} in {found}:", 2)
            self.emit(f"{names[kind]} = {self.many(predicate, f'{found}[{member}]')}", 3)
            self.slot(predicate, names[kind])

    def grades(self, row: Grades, holder: str) -> None:
        local, tail = self.name("p"), self.name("tail")
        objects = "[f'<{n}>' for n, _ in nodes]"
        self.emit(f"{local} = {tail} = ''")
        self.emit(f"if {holder}.{row.field}:")
        self.emit(
            f"nodes = sorted([(grade_node(s, g), g) for g in {holder}.{row.field}], key=_first)", 2
        )
        self.emit(f"{local} = {self.many(row.predicate, objects)}", 2)
        self.emit("parts = []", 2)
        self.emit("for n, g in nodes:", 2)
        self.emit(f"self.render_{self.syntax.name}_grade(g, n, parts)", 3)
        self.emit(f"{tail} = ''.join(parts)", 2)
        self.slot(row.predicate, local)
        self.tails.append(("reliability", tail))

    def attributions(self, row: Attributions, holder: str) -> None:
        """The claimant and the outlet; their nodes' whole text is made here."""
        agents = {"claimant": f"{holder}.{row.field}", "outlet": f"{holder}.source.outlet"}
        roles = [role for role, _ in row.roles]
        if roles != sorted(roles) or list(agents) != roles:
            raise TypeError("attribution nodes and agents must come in the order of their IRIs")
        agent = {}
        for role, ref in agents.items():
            agent[role] = self.name("agent")
            self.emit(f"{agent[role]} = self.refs.get(id({ref})) or self.ref({ref})")
        syntax, subject = self.syntax, self.subject
        node_iris = {role: [Code("s"), f"/attribution/{role}"] for role in roles}
        attributed, qualified, tail = self.name("p"), self.name("p"), self.name("tail")
        said = syntax.objects(subject, WAS_ATTRIBUTED_TO, [[Code(agent[r])] for r in roles])
        nodes = [["<", *node_iris[r], ">"] for r in roles]
        self.emit(f"{attributed} = {fstring(said)}")
        self.emit(f"{qualified} = {fstring(syntax.objects(subject, QUALIFIED_ATTRIBUTION, nodes))}")
        agent_row, role_row = ATTRIBUTION_MAP.rows
        assert isinstance(agent_row, Prop)
        assert isinstance(role_row, Prop)
        text: Parts = []
        for role, role_iri in row.roles:
            node = syntax.subject(node_iris[role])
            objects: dict[str, Parts] = {
                agent_row.predicate: [Code(agent[role])],
                role_row.predicate: [syntax.iri(role_iri)],
            }
            text += syntax.types(node, sorted(ATTRIBUTION_MAP.types))
            for predicate in sorted(objects):
                text += syntax.objects(node, predicate, [objects[predicate]])
            text.append(syntax.end)
        self.emit(f"{tail} = {fstring(text)}")
        self.slot(WAS_ATTRIBUTED_TO, attributed)
        self.slot(QUALIFIED_ATTRIBUTION, qualified)
        self.tails.append(("attribution", tail))

    # ----------------------------------------------------------------- the function

    def head(self) -> Parts:
        """The subject and its types (one more by kind, if the record has a kind type)."""
        if self.map.kind_types is None:
            return self.syntax.types(self.subject, sorted(self.map.types))
        field, vocab = self.map.kind_types
        local = self.name("head")
        for i, (member, iri) in enumerate(vocab.table.items()):
            head = fstring(self.syntax.types(self.subject, sorted([*self.map.types, iri])))
            self.emit(f"{'if' if i == 0 else 'elif'} rec.{field} is {self.name('KIND', member)}:")
            self.emit(f"{local} = {head}", 2)
        self.emit("else:")
        self.emit(f"raise ValueError(rec.{field})", 2)
        return [Code(local)]

    def function(self, name: str) -> str:
        for row in self.map.rows:
            self.row(row, "rec")
        run: Parts = self.head()
        body, self.lines = self.lines, []
        started = False
        for predicate in sorted(self.slots):
            local, pieces = self.slots[predicate]
            if pieces is None:
                run.append(Code(local))
                continue
            before = [*([Code("head")] if started else []), *run]
            verb = self.syntax.verb(self.subject, predicate)
            depth = 1 if local == "True" else 2
            if local != "True":
                self.emit(f"if {local}:")
            self.emit(f"out.append({fstring([*before, *verb])})", depth)
            self.emit(f"out.append({self.pieces(predicate, pieces)})", depth)
            self.emit(f"head = {self.syntax.after_text!r}", depth)
            if local != "True":
                self.emit("else:")
                self.emit(f"head = {fstring(before)}", 2)
            run = []
            started = True
        tails = [Code(tail) for _, tail in sorted(self.tails)]
        before = [Code("head")] if started else []
        self.emit(f"out.append({fstring([*before, *run, self.syntax.end, *tails])})")
        start = [f"def {name}(self, rec, d, out):", f"    s = {fstring(self.iri)}"]
        if self.syntax is _NTRIPLES:
            start.append("    S = f'<{s}> '")
        return "\n".join([*start, *body, *self.lines]) + "\n"

    def pieces(self, predicate: str, pieces: str) -> str:
        """Source of the text piece of a text literal, or of several joined."""
        if not pieces.startswith("["):
            return pieces
        syntax = self.syntax
        joint = fstring([syntax.joiner(), *syntax.again(self.subject, predicate)])
        return f"{joint}.join({pieces})"


@functools.cache
def _decimal(syntax: str) -> Callable[[float], str]:
    """A confidence as the syntax writes it, remembered: claims share a few values."""

    @functools.lru_cache(maxsize=_LIMIT)
    def render(value: float) -> str:
        lit = Lit(decimal_lexical(value), XSD_DECIMAL)
        return _P.literal(lit) if syntax == "turtle" else literal(lit)

    return render


@functools.cache
def _time_ends(syntax: str) -> dict[str, str]:
    """The end of a time literal by datatype: times are digits and ``-:.TZ+``, no escapes."""
    datatypes = (XSD_DATETIME, XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR)
    if syntax == "turtle":
        return {d: f'"^^{_P.iri(d)}' for d in datatypes}
    return {d: f'"^^<{d}>' for d in datatypes}


@functools.cache
def _time(syntax: str) -> Callable[[Any], str]:
    """A time of any precision as the syntax writes it."""
    ends = _time_ends(syntax)

    def render(value: Any) -> str:
        lexical, datatype = time_literal(value)
        return '"' + lexical + ends[datatype]

    return render


def _generate(syntax: _Syntax, record_map: RecordMap, name: str, subject: Parts) -> Any:
    generator = _Generator(syntax, record_map, subject)
    source = generator.function(name)
    namespace = dict(generator.namespace)
    namespace["_P"] = _P
    return compile_function(name, source, namespace, RecordText), source


# --------------------------------------------------------------------------- writers


class RecordText:
    """One syntax's text of each record, with the IRIs it needs worked out once.

    ``cache`` is a collection's own digest of every record it holds (and so of every
    record those refer to); without one, digests are worked out as they are needed.
    The methods that write each kind of record are generated (see the module's
    docstring); :attr:`SOURCES` keeps their source for reading.
    """

    header = ""
    SOURCES: ClassVar[dict[str, str]] = {}

    def __init__(self, base: str, cache: dict[Record, str] | None = None) -> None:
        self.base = base
        self.cache: dict[Record, str] = cache if cache else _Digests()
        self.refs: dict[int, str] = {}
        """Agents' and outlets' IRIs as written, by identity: every claim and source
        names one, and an identity look-up is cheaper than hashing the record."""
        self.held: list[Agent | Outlet] = []
        """The records ``refs`` has texts for, held so that no other takes their identity."""
        self.languages: dict[str, str] = {}
        """``dcterms:language`` literals as written: there are a few languages."""
        self.stances: dict[str, str] = {}
        """Stances' IRIs as written."""
        self.custom: dict[str, Stance] = {}
        """Stances the shipped vocabulary does not define, by IRI, as they were met."""

    def ref(self, record: Agent | Outlet) -> str:
        kind = "agent" if isinstance(record, Agent) else "outlet"
        found = self.refs[id(record)] = f"<{self.base}{kind}/{self.cache[record]}>"
        self.held.append(record)
        return found

    def stance_iri(self, stance: Stance) -> str:
        if not stance.is_builtin:
            self.custom.setdefault(stance.iri, stance)
        found = self.stances[stance.iri] = self.iri(stance.iri)
        return found

    def iri(self, iri: str) -> str:
        raise NotImplementedError

    def language(self, language: str) -> str:
        raise NotImplementedError

    def trim(self) -> None:
        """Forget what was cached once it is a lot: a stream's memory stays flat."""
        if len(self.cache) > _LIMIT:
            self.cache.clear()
        if len(self.refs) > _LIMIT:
            self.refs.clear()
            self.held.clear()

    def derivations(self, source: Source) -> dict[DerivationKind, list[str]]:
        """The IRIs a source derives from, as written, by kind of derivation, each kind sorted."""
        found: dict[DerivationKind, set[str]] = {}
        for link in source.derived_from:
            found.setdefault(link.kind, set()).add(self.cache[link.source])
        return {
            kind: [f"<{self.base}source/{d}>" for d in sorted(digests)]
            for kind, digests in found.items()
        }

    def record(self, record: Record, out: list[str]) -> None:
        """Append the record's text, in the mapping's order within a record."""
        self.render(type(record).__name__.lower(), record, self.cache[record], out)

    def render(self, kind: str, record: Any, d: str, out: list[str]) -> None:
        getattr(self, f"render_{self.syntax}_{kind}")(record, d, out)

    def stance(self, stance: Stance, out: list[str]) -> None:
        """Append a stance the shipped vocabulary does not define."""
        getattr(self, f"render_{self.syntax}_stance")(stance, "", out)

    syntax = ""


class TurtleText(RecordText):
    """Each record as a Turtle subject block (and its nodes' blocks)."""

    header = _P.header()
    syntax = "turtle"

    def iri(self, iri: str) -> str:
        return _P.iri(iri)

    def language(self, language: str) -> str:
        found = self.languages[language] = _P.literal(Lit(language, XSD_LANGUAGE))
        return found


class NTriplesText(RecordText):
    """Each record as canonical N-Triples lines."""

    syntax = "nt"

    def iri(self, iri: str) -> str:
        return f"<{iri}>"

    def language(self, language: str) -> str:
        found = self.languages[language] = literal(Lit(language, XSD_LANGUAGE))
        return found


def _install() -> None:
    """Generate and attach every template, for both syntaxes."""
    for syntax, cls in ((_TURTLE, TurtleText), (_NTRIPLES, NTriplesText)):
        nodes: list[tuple[str, RecordMap, Parts]] = [
            (kind, record_map, [Code("self.base"), kind + "/", Code("d")])
            for kind, record_map in _MAPS.items()
        ]
        nodes += [("stance", STANCE_MAP, [Code("rec.iri")]), ("grade", GRADE_MAP, [Code("d")])]
        for kind, record_map, subject in nodes:
            name = f"render_{syntax.name}_{kind}"
            function, source = _generate(syntax, record_map, name, subject)
            setattr(cls, name, function)
            RecordText.SOURCES[name] = source


_install()


# --------------------------------------------------------------------------- a collection


def records_of_kind(claims: ClaimSet, kind: str) -> tuple[Record, ...]:
    """The collection's records of one kind (``"claim"``: its claims)."""
    return getattr(claims, kind + "s")  # type: ignore[no-any-return]


def _digests(claims: ClaimSet) -> dict[Record, str]:
    """The collection's own digest of every record it holds."""
    return claims.digests()  # type: ignore[return-value]


def _collection_pieces(claims: ClaimSet, text: RecordText) -> Iterator[list[str]]:
    """The collection's document: records of each kind in IRI order, then custom stances.

    Each kind's digests are looked up once, to sort by and to write, rather than twice.
    """
    out = [text.header]
    cache = text.cache
    for kind in KINDS:
        records = records_of_kind(claims, kind)
        digests = [cache[record] for record in records]
        render = getattr(text, f"render_{text.syntax}_{kind}")
        for i in sorted(range(len(records)), key=digests.__getitem__):
            render(records[i], digests[i], out)
            if len(out) >= _PIECES:
                yield out
                out = []
    for key in sorted(text.custom):  # every claim was written, so every stance was met
        text.stance(text.custom[key], out)
    yield out


def turtle_pieces(claims: ClaimSet, *, base: str) -> Iterator[list[str]]:
    """The collection as Turtle, in pieces: the generic path's bytes, made faster."""
    check_base(base)
    return _collection_pieces(claims, TurtleText(base, _digests(claims)))


def ntriples_pieces(claims: ClaimSet, *, base: str) -> Iterator[list[str]]:
    """The collection as canonical N-Triples, in pieces, as the generic path writes it."""
    check_base(base)
    return _collection_pieces(claims, NTriplesText(base, _digests(claims)))


def joined(pieces: Iterable[list[str]]) -> str:
    """The whole document as one string."""
    return "".join(itertools.chain.from_iterable(pieces))


def encoded(pieces: Iterable[list[str]]) -> Iterator[bytes]:
    """The document in UTF-8, a chunk at a time, each piece encoded as it is."""
    for chunk in pieces:
        yield b"".join([piece.encode("utf-8") for piece in chunk])


def write_pieces(path: StrPath, pieces: Iterable[list[str]]) -> None:
    """Write the document to ``path`` as it is produced, replacing the file once complete."""
    with atomic_write(path) as handle:
        for chunk in encoded(pieces):
            handle.write(chunk)
