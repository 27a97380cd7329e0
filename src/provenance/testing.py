"""Helpers for other projects' tests: fail when a collection of claims contradicts itself.

A project that collects claims can keep its dataset honest in CI with one line::

    from provenance.testing import assert_consistent

    def test_our_claims_are_consistent():
        assert_consistent(load_our_claims())

A failure lists every violation, one block each, with its rule, the IRIs of the records
involved and a message, the way pytest shows a failed assertion. For property tests, see
:mod:`provenance.strategies`.

>>> import datetime as dt
>>> import provenance as pv
>>> fars = pv.Source(outlet=pv.Outlet(name="Fars"), published=dt.date(2021, 2, 16))
>>> late = pv.Claim(proposition=pv.Proposition("Iran was involved."),
...                 claimant=pv.Agent(name="Said Khatibzadeh"), source=fars,
...                 stance="denial", made_at=dt.date(2021, 2, 18))
>>> assert_consistent([late])
Traceback (most recent call last):
    ...
AssertionError: 1 violation (1 error, 0 warnings) in 1 claim:
PV301 error: claim-after-source
    a claim by Said Khatibzadeh made on 2021-02-18, after its source (Fars, ...
    <urn:provenance:claim/...>
    <urn:provenance:source/...>
"""

from __future__ import annotations

from collections.abc import Iterable

from ._collection import ClaimSet
from ._iri import Record
from ._namespace import DEFAULT_BASE
from .check import Report, Rule, check
from .shacl import validate

__all__ = ["assert_consistent"]


def assert_consistent(
    claims: ClaimSet | Iterable[Record],
    *,
    ignore: Iterable[str] = (),
    allow_warnings: bool = False,
    shacl: bool = False,
    base: str = DEFAULT_BASE,
) -> Report:
    """Raise :class:`AssertionError` listing every violation in ``claims``; else return
    the report (which holds the warnings, when they are allowed).

    ``ignore`` names rule codes to leave out (``ignore=["PV402"]`` for a dataset where
    two agents really share a name); ``allow_warnings`` fails on errors only. With
    ``shacl=True`` the collection is also validated, as RDF, with the shipped SHACL
    shapes, which takes longer and reports the same rules. ``base`` is the prefix the
    IRIs in the message are minted under.
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not ours
    ignored = tuple(ignore)
    for code in ignored:
        Rule.from_code(code)  # a misspelt code is a mistake, not a silent pass
    collection = claims if isinstance(claims, ClaimSet) else ClaimSet(claims)
    found = list(check(collection, base=base))
    if shacl:
        found += [v for v in validate(collection, base=base) if v not in found]
    report = Report(found).ignoring(*ignored)
    failing = report.errors if allow_warnings else report.violations
    if failing:
        raise AssertionError(_listing(Report(failing), len(collection)))
    return report


def _listing(report: Report, claims: int) -> str:
    head = str(report).splitlines()[0]
    lines = [f"{head} in {claims} claim{'' if claims == 1 else 's'}:"]
    for v in report:
        lines.append(f"{v.code} {v.severity.value}: {v.rule.name}")
        lines.append(f"    {v.message}")
        lines += [f"    <{node}>" for node in v.nodes]
    return "\n".join(lines)
