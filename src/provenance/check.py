"""The consistency checker and its rule catalogue.

:func:`check` reads a collection once, builds a few indexes (claims by claimant and
proposition, agents by normalised name, claims by what identifies them as the same act of
claiming) and looks each claim up in them, so its time grows with the number of claims,
never with the number of pairs of claims. It returns a :class:`Report`: violations are
values, not exceptions, each with a stable rule code, a severity, the IRIs of the records
involved and a message a person understands.

The same catalogue is enforced on RDF by the SHACL shapes shipped with the package
(:mod:`provenance.shacl`); both engines speak in the codes of :meth:`Rule.catalogue`.
A :class:`~provenance.ClaimSet` cannot hold records that break the structure and reference
rules (the model refuses them on construction), so :func:`check` raises the time and logic
rules; the SHACL shapes raise every rule on any RDF, including RDF that other tools wrote.

>>> import datetime as dt
>>> import provenance as pv
>>> fars = pv.Source(outlet=pv.Outlet(name="Fars"), published=dt.date(2021, 2, 16))
>>> late = pv.Claim(proposition=pv.Proposition("Iran was involved."),
...                 claimant=pv.Agent(name="Said Khatibzadeh"), source=fars,
...                 stance="denial", made_at=dt.date(2021, 2, 18))
>>> report = pv.check([late])
>>> report.ok, report.codes
(False, frozenset({'PV301'}))
>>> print(report.errors[0].message)
a claim by Said Khatibzadeh made on 2021-02-18, after its source (Fars, published 2021-02-16) ...
"""

from __future__ import annotations

import bisect
import enum
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from ._collection import ClaimSet
from ._iri import Record, check_base, iri
from ._model import (
    Agent,
    Claim,
    DerivationKind,
    Outlet,
    Polarity,
    Proposition,
    Source,
    Stance,
)
from ._namespace import DEFAULT_BASE
from ._values import Time, time_lexical
from ._views import span as _span
from .scales import Credibility

__all__ = ["Report", "Rule", "Severity", "Violation", "check"]


class Severity(enum.Enum):
    """How bad a violation is.

    An **error** is data that cannot be right as recorded: a claim made after the source
    that reports it, a link to nothing. A **warning** is data that is probably a mistake
    but can be true to the sources: a claimant who affirms and later denies without
    retracting, two agents with one name.
    """

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Rule:
    """One rule of the catalogue: a stable code, a short name, a severity and its meaning.

    ``python`` and ``shacl`` say which engine can raise it: :func:`check` on a
    :class:`~provenance.ClaimSet`, and the shipped SHACL shapes on RDF.

    >>> Rule.from_code("PV301").name
    'claim-after-source'
    """

    code: str
    name: str
    severity: Severity
    title: str
    python: bool
    shacl: bool = True

    @classmethod
    def catalogue(cls) -> tuple[Rule, ...]:
        """Every rule, in code order."""
        return _CATALOGUE

    @classmethod
    def from_code(cls, code: str) -> Rule:
        """The rule with ``code`` (``"PV301"``); :class:`KeyError` for an unknown code."""
        return _BY_CODE[code]


_E, _W = Severity.ERROR, Severity.WARNING
_CATALOGUE = tuple(
    Rule(code, name, severity, title, python=python)
    for code, name, severity, title, python in [
        # structure: the model refuses these on construction
        ("PV101", "required-value", _E, "a record lacks a value it must have", False),
        ("PV102", "single-value", _E, "a property has more values than it allows", False),
        ("PV103", "value-kind", _E, "a value of the wrong kind or datatype", False),
        ("PV104", "confidence-range", _E, "a confidence outside 0 to 1", False),
        (
            "PV105",
            "confidence-term",
            _E,
            "a confidence outside the band of its estimative term",
            False,
        ),
        ("PV106", "unknown-stance", _E, "a stance neither built in nor described", False),
        ("PV107", "invalid-iri", _E, "an IRI that is not an absolute RFC 3987 IRI", False),
        ("PV108", "instant-without-zone", _E, "an instant without a time zone", False),
        ("PV109", "unknown-concept", _E, "a grade, term or kind outside its scheme", False),
        # references: a ClaimSet resolves every reference and cannot hold a cycle
        ("PV201", "dangling-link", _E, "a link to a record that is not there", False),
        ("PV202", "link-cycle", _E, "links that lead back to where they started", False),
        (
            "PV203",
            "supports-and-contests",
            _E,
            "a claim that both supports and contests another",
            False,
        ),
        ("PV204", "self-link", _E, "a record linked to itself", False),
        (
            "PV205",
            "outlet-mismatch",
            _E,
            "a claim attributed to an outlet that did not publish its source",
            False,
        ),
        # time
        (
            "PV301",
            "claim-after-source",
            _E,
            "a claim made after the source that reports it was published",
            True,
        ),
        (
            "PV302",
            "derived-from-later",
            _E,
            "a source derived from a source published after it",
            True,
        ),
        (
            "PV303",
            "claim-after-retraction",
            _E,
            "a retraction made before the claim it withdraws",
            True,
        ),
        (
            "PV304",
            "link-to-later-claim",
            _W,
            "a claim that supports or contests a claim made after it",
            True,
        ),
        # logic
        (
            "PV401",
            "affirms-and-denies",
            _W,
            "a claimant who affirms and denies one proposition with no retraction between",
            True,
        ),
        ("PV402", "shared-name", _W, "two agents, or two outlets, sharing a name or alias", True),
        ("PV403", "duplicate-claim", _W, "the same claim recorded twice", True),
        (
            "PV404",
            "unconfirmed-confirmation",
            _W,
            "credibility 'confirmed' on a contested proposition that no claim confirms",
            True,
        ),
    ]
)
_BY_CODE = {rule.code: rule for rule in _CATALOGUE}


@attrs.frozen
class Violation:
    """One breach of one rule.

    ``nodes`` are the IRIs (or ``_:`` blank-node labels, from RDF) of the records
    involved, the one the rule is about first: the late claim, the agent who contradicts
    themselves, the second record of a pair.
    """

    code: str
    severity: Severity
    nodes: tuple[str, ...]
    message: str

    @property
    def rule(self) -> Rule:
        """The catalogue entry this violation breaches."""
        return Rule.from_code(self.code)

    @property
    def focus(self) -> str:
        """The IRI of the record the violation is about."""
        return self.nodes[0]

    def __str__(self) -> str:
        return f"{self.code} {self.severity.value} <{self.focus}>: {self.message}"


def _in_order(violations: Iterable[Violation]) -> tuple[Violation, ...]:
    return tuple(sorted(violations, key=lambda v: (v.code, v.nodes, v.message)))


@attrs.frozen
class Report:
    """What :func:`check` or :mod:`provenance.shacl` found: violations in a stable order.

    ``ok`` is true when there is no error (warnings allowed); ``codes`` is the set of
    rule codes raised. ``str(report)`` lists every violation, one per line.
    """

    violations: tuple[Violation, ...] = attrs.field(default=(), converter=_in_order)

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The violations of severity error."""
        return tuple(v for v in self.violations if v.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The violations of severity warning."""
        return tuple(v for v in self.violations if v.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether there is no error; warnings do not count."""
        return not self.errors

    @property
    def codes(self) -> frozenset[str]:
        """The codes of the rules broken."""
        return frozenset(v.code for v in self.violations)

    def ignoring(self, *codes: str) -> Report:
        """This report without the violations of ``codes`` (``report.ignoring("PV402")``)."""
        for code in codes:
            Rule.from_code(code)
        return Report(v for v in self.violations if v.code not in codes)

    @classmethod
    def combine(cls, *reports: Report) -> Report:
        """One report of the violations of ``reports``, each breach of a rule once.

        :func:`check` and the SHACL shapes both know the time and logic rules, so a file
        checked by both reports such a breach twice; here a violation of one rule about
        the same record (the same :attr:`~Violation.focus`) is kept once, as the last of
        ``reports`` to hold it words it.
        """
        unique = {(v.code, v.focus): v for report in reports for v in report}
        return cls(unique.values())

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: whether it is ``ok``, how many errors and warnings,
        and each violation's code, rule name, severity, nodes and message.

        >>> import provenance as pv
        >>> pv.Report().to_dict()
        {'ok': True, 'errors': 0, 'warnings': 0, 'violations': []}
        """
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "violations": [
                {
                    "code": v.code,
                    "rule": v.rule.name,
                    "severity": v.severity.value,
                    "nodes": list(v.nodes),
                    "message": v.message,
                }
                for v in self.violations
            ],
        }

    def to_json(self, *, files: Sequence[str] | None = None) -> str:
        """The report as the JSON ``provenance check --json`` prints: :meth:`to_dict`, led by
        the ``files`` checked when they are given, indented, non-ASCII text as itself."""
        data = self.to_dict() if files is None else {"files": list(files), **self.to_dict()}
        return json.dumps(data, ensure_ascii=False, indent=2)

    def __len__(self) -> int:
        return len(self.violations)

    def __iter__(self) -> Iterator[Violation]:
        return iter(self.violations)

    def __str__(self) -> str:
        errors = len(self.errors)
        warnings = len(self.violations) - errors
        head = (
            f"{len(self.violations)} violation{'' if len(self.violations) == 1 else 's'} "
            f"({errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'})"
        )
        return "\n".join([head, *map(str, self.violations)])


# --------------------------------------------------------------------------- times

_INF = float("inf")
_TAKES = {
    DerivationKind.DERIVED: "is derived from",
    DerivationKind.QUOTED: "quotes",
    DerivationKind.TRANSLATED: "translates",
    DerivationKind.PRIMARY_SOURCE: "names as primary source",
}


def certainly_after(later: Time, earlier: Time) -> bool:
    """Whether every moment ``later`` can mean comes after every moment ``earlier`` can.

    The time rules flag only what is certain: a claim made "in February 2021" is not
    after a source published on 16 February 2021, since it may have been made on the 2nd.
    """
    return _span(later)[0] > _span(earlier)[1]


# --------------------------------------------------------------------------- the checker


def check(claims: ClaimSet | Iterable[Record], *, base: str = DEFAULT_BASE) -> Report:
    """Check a collection against the catalogue; return every violation found.

    ``claims`` is a :class:`~provenance.ClaimSet`, or records to gather into one (which
    raises :class:`~provenance.errors.ConflictError` for two different records of one
    identity). ``base`` is the prefix the IRIs in the report are minted under, as in
    :func:`~provenance.to_graph`, so they name the nodes of the RDF written with it.
    """
    check_base(base)
    collection = claims if isinstance(claims, ClaimSet) else ClaimSet(claims)
    return _Checker(collection, base).run()


def _same(record: Agent | Source) -> bytes:
    """What makes two agents or sources the same record, as a cheap dictionary key.

    Equal records have equal fingerprints (that is how the model compares them), and a
    ``bytes`` key hashes in C: grouping a million claims by claimant this way costs a
    fraction of what the records' own ``__hash__`` and ``__eq__`` would.
    """
    return record._fp


def _about(proposition: Proposition) -> tuple[str, str | None]:
    """What makes two propositions the same, as a cheap dictionary key."""
    return (proposition.text, proposition.language)


def _repeated(claims: Iterable[Claim], key: Callable[[Claim], Hashable]) -> Iterable[list[Claim]]:
    """The groups of claims that share a key, leaving out the (many) claims alone in theirs."""
    first: dict[Hashable, Claim] = {}
    more: dict[Hashable, list[Claim]] = {}
    for claim in claims:
        k = key(claim)
        held = first.setdefault(k, claim)
        if held is not claim:
            more.setdefault(k, [held]).append(claim)
    return more.values()


def _name_key(name: str) -> str:
    """A name as the shared-name rule compares it: lower case, whitespace collapsed."""
    return " ".join(name.lower().split())


def _when(value: Time | None) -> str:
    return "at an unknown time" if value is None else f"on {time_lexical(value)}"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Checker:
    def __init__(self, claims: ClaimSet, base: str) -> None:
        self.claims = claims
        self.base = base
        self.cache: dict[Record, str] = {}
        self.spans: dict[Time, tuple[int, int]] = {}
        self.found: list[Violation] = []

    def iri(self, record: Record) -> str:
        return iri(record, self.base, self.cache)

    def span(self, value: Time) -> tuple[int, int]:
        # equal times have equal spans (12:00+03:30 equals 08:30Z, and so do their spans)
        found = self.spans.get(value)
        if found is None:
            found = self.spans[value] = _span(value)
        return found

    def add(self, code: str, records: Iterable[Record], message: str) -> None:
        rule = _BY_CODE[code]
        nodes = tuple(self.iri(r) for r in records)
        self.found.append(Violation(code, rule.severity, nodes, message))

    def run(self) -> Report:
        claims = self.claims.claims
        self.claim_after_source(claims)
        self.derived_from_later(self.claims.sources)
        self.links_to_later(claims)
        self.affirms_and_denies(claims)
        self.shared_names(self.claims.agents, "agent")
        self.shared_names(self.claims.outlets, "outlet")
        self.duplicate_claims(claims)
        self.unconfirmed_confirmations(claims)
        return Report(self.found)

    # ------------------------------------------------------------------ time

    def claim_after_source(self, claims: tuple[Claim, ...]) -> None:
        """PV301: made_at certainly after the source's publication."""
        for claim in claims:
            made, published = claim.made_at, claim.source.published
            if made is None or published is None:
                continue
            if self.span(made)[0] > self.span(published)[1]:
                self.add(
                    "PV301",
                    (claim, claim.source),
                    f"a claim by {claim.claimant.name} made {_when(made)}, after its source "
                    f"({claim.source.outlet.name}, published {time_lexical(published)}) "
                    "was published",
                )

    def derived_from_later(self, sources: tuple[Source, ...]) -> None:
        """PV302: a source derived from one published certainly after it."""
        for source in sources:
            if source.published is None:
                continue
            latest = self.span(source.published)[1]
            for link in source.derived_from:
                upstream = link.source
                if upstream.published is not None and self.span(upstream.published)[0] > latest:
                    self.add(
                        "PV302",
                        (source, upstream),
                        f"a source of {source.outlet.name} published "
                        f"{time_lexical(source.published)} {_TAKES[link.kind]} a source "
                        f"of {upstream.outlet.name} published later, "
                        f"{time_lexical(upstream.published)}",
                    )

    def latest(self, claim: Claim) -> float:
        """The last moment a claim can have been made: its time, else its source's."""
        when = claim.made_at if claim.made_at is not None else claim.source.published
        return _INF if when is None else self.span(when)[1]

    def earliest(self, claim: Claim) -> float:
        """The first moment a claim can have been made; a claim without a time, any."""
        return -_INF if claim.made_at is None else self.span(claim.made_at)[0]

    def links_to_later(self, claims: tuple[Claim, ...]) -> None:
        """PV303 and PV304: a claim supports or contests a claim made certainly after it."""
        for claim in claims:
            if not claim.supports and not claim.contests:
                continue
            latest = self.latest(claim)
            withdrawing = claim.stance.polarity is Polarity.WITHDRAWING
            for name, targets in (("supports", claim.supports), ("contests", claim.contests)):
                for target in targets:
                    if self.earliest(target) <= latest or target.made_at is None:
                        continue
                    later = time_lexical(target.made_at)
                    if withdrawing:
                        self.add(
                            "PV303",
                            (claim, target),
                            f"{claim.claimant.name}'s {claim.stance.label} "
                            f"{_when(claim.made_at)} withdraws a claim by "
                            f"{target.claimant.name} that was made later, on {later}",
                        )
                    else:
                        self.add(
                            "PV304",
                            (claim, target),
                            f"{claim.claimant.name}'s {claim.stance.label} "
                            f"{_when(claim.made_at)} {name} a claim by "
                            f"{target.claimant.name} made later, on {later}",
                        )

    # ------------------------------------------------------------------ logic

    def affirms_and_denies(self, claims: tuple[Claim, ...]) -> None:
        """PV401: one claimant affirms and denies one proposition, no retraction between."""
        for group in _repeated(
            (c for c in claims if c.stance.polarity is not Polarity.NEUTRAL),
            lambda c: (_same(c.claimant), _about(c.proposition)),
        ):
            pair = self.unseparated(group)
            if pair is None:
                continue
            affirming, denying = pair
            claimant, proposition = affirming.claimant, affirming.proposition
            self.add(
                "PV401",
                (claimant, proposition, affirming, denying),
                f"{claimant.name} affirms {_quote(proposition.text)} "
                f"({affirming.stance.label} {_when(affirming.made_at)}) and denies it "
                f"({denying.stance.label} {_when(denying.made_at)}) "
                "with no retraction in between",
            )

    def unseparated(self, group: list[Claim]) -> tuple[Claim, Claim] | None:
        """An affirming and a denying claim that no retraction in ``group`` can lie between.

        Each claim is an interval of time (unknown ends are infinite). A retraction ``r``
        can lie between ``x`` and ``y`` when it can come at or after one and at or before
        the other. With ``m(x)``, the earliest start of a retraction that can come at or
        after ``x`` (``None`` when none can), the pair is unseparated exactly when
        ``m(a) > d.hi`` and ``m(d) > a.hi``; a sweep finds such a pair in O(n log n), so a
        claimant with thousands of claims on one proposition costs no pairwise comparison.
        """
        affirming = [c for c in group if c.stance.polarity is Polarity.AFFIRMING]
        denying = [c for c in group if c.stance.polarity is Polarity.DENYING]
        if not affirming or not denying:
            return None
        spans = {c: (self.earliest(c), self.latest(c)) for c in group}
        retractions = sorted(
            (spans[c] for c in group if c.stance.polarity is Polarity.WITHDRAWING),
            key=lambda s: s[1],
        )
        highs = [hi for _, hi in retractions]
        suffix_min: list[float | None] = [None] * (len(retractions) + 1)
        for i in range(len(retractions) - 1, -1, -1):
            following = suffix_min[i + 1]
            low = retractions[i][0]
            suffix_min[i] = low if following is None else min(low, following)

        def m(claim: Claim) -> float | None:
            return suffix_min[bisect.bisect_left(highs, spans[claim][0])]

        def after(bound: float | None, value: float) -> bool:
            """Whether ``bound`` (no retraction at all when None) lies after ``value``."""
            return bound is None or bound > value

        # affirming claims in falling order of m, those no retraction can follow first
        by_m = sorted(affirming, key=lambda c: (m(c) is None, m(c) or 0.0), reverse=True)
        best: Claim | None = None
        i = 0
        for d in sorted(denying, key=lambda c: spans[c][1], reverse=True):
            d_hi = spans[d][1]
            while i < len(by_m) and after(m(by_m[i]), d_hi):
                if best is None or spans[by_m[i]][1] < spans[best][1]:
                    best = by_m[i]
                i += 1
            if best is not None and after(m(d), spans[best][1]):
                return best, d
        return None

    def shared_names(self, records: tuple[Agent, ...] | tuple[Outlet, ...], what: str) -> None:
        """PV402: two agents (or two outlets) share a name or alias."""
        by_name: defaultdict[str, list[Agent | Outlet]] = defaultdict(list)
        for record in records:
            for key in {_name_key(n) for n in (record.name, *record.aliases)}:
                by_name[key].append(record)
        first: dict[Agent | Outlet, tuple[str, Agent | Outlet]] = {}
        for key, group in by_name.items():
            if len(group) < 2:
                continue
            ordered = sorted(group, key=self.iri)
            for record in ordered[1:]:
                held = first.get(record)
                if held is None or self.iri(ordered[0]) < self.iri(held[1]):
                    first[record] = (key, ordered[0])
        for record, (key, other) in first.items():
            self.add(
                "PV402",
                (record, other),
                f"{what} {record.name!r} and {what} {other.name!r} are both called "
                f"{key!r}: likely one {what} recorded twice",
            )

    def duplicate_claims(self, claims: tuple[Claim, ...]) -> None:
        """PV403: two claims with the same proposition, claimant, stance and source."""
        for group in _repeated(
            claims,
            lambda c: (_about(c.proposition), _same(c.claimant), c.stance.iri, _same(c.source)),
        ):
            ordered = sorted(group, key=self.iri)
            for claim in ordered[1:]:
                self.add(
                    "PV403",
                    (claim, ordered[0]),
                    f"{claim.claimant.name}'s {claim.stance.label} of "
                    f"{_quote(claim.proposition.text)} in {claim.source.outlet.name} is "
                    "recorded twice (the records differ only in time, words or language)",
                )

    def unconfirmed_confirmations(self, claims: tuple[Claim, ...]) -> None:
        """PV404: credibility 1 on a contested proposition that no claim confirms."""
        graded = [c for c in claims if c.credibility is Credibility.CONFIRMED]
        if not graded:
            return
        seen: defaultdict[tuple[str, str | None], set[Polarity]] = defaultdict(set)
        confirmed: set[tuple[str, str | None]] = set()
        confirmation = Stance.CONFIRMATION.iri
        for claim in claims:
            about = _about(claim.proposition)
            seen[about].add(claim.stance.polarity)
            if claim.stance.iri == confirmation:
                confirmed.add(about)
        for claim in graded:
            about = _about(claim.proposition)
            sides = seen[about]
            if Polarity.AFFIRMING in sides and Polarity.DENYING in sides and about not in confirmed:
                self.add(
                    "PV404",
                    (claim, claim.proposition),
                    f"{claim.claimant.name}'s claim is graded 'confirmed by other sources', but "
                    f"{_quote(claim.proposition.text)} is contested and no claim confirms it",
                )
