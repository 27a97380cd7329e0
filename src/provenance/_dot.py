"""Claims drawn as a Graphviz DOT graph: who said what, in which source, through which chain.

:func:`to_dot` gives the text ``provenance graph`` prints; Graphviz's ``dot`` program
(``dot -Tsvg``) draws it, and any DOT reader can read it. Nothing here runs Graphviz.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator

from ._collection import ClaimSet
from ._iri import Record, check_base, digest, iri
from ._model import Claim, Polarity, Source
from ._namespace import DEFAULT_BASE
from ._values import time_lexical
from .errors import ValidationError

__all__ = ["to_dot"]

_COLOURS = {Polarity.AFFIRMING: "darkgreen", Polarity.DENYING: "red3"}
"""The colour of the line from a claim to its proposition, by which way the stance leans."""


def _chain(source: Source, digests: dict[Record, str]) -> Iterator[tuple[Source, Source, str]]:
    """Every derivation link reachable from ``source``, each once: (from, to, kind).

    A source's derivations are a set, which iterates in an order that changes with
    Python's hash seed; taking them by the digest of the source they name (then by kind)
    draws the same text on every run.
    """
    seen: set[Source] = set()
    stack = [source]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        links = sorted(
            current.derived_from, key=lambda d: (digest(d.source, digests), d.kind.value)
        )
        for d in links:
            yield current, d.source, d.kind.value
            stack.append(d.source)


def _quoted(value: str) -> str:
    """A DOT identifier or label: a double-quoted string, escaped as JSON escapes it."""
    return json.dumps(value, ensure_ascii=False)


def _source_label(source: Source) -> str:
    when = "" if source.published is None else f"\n{time_lexical(source.published)}"
    return f"{source.outlet.name}{when}"


def to_dot(
    claims: ClaimSet, selected: Iterable[Claim] | None = None, *, base: str = DEFAULT_BASE
) -> str:
    """The claims ``selected`` from ``claims`` (all of them by default) as a DOT digraph.

    Each claim is a box (its stance and claimant) with lines to its proposition (green
    for a stance that affirms it, red for one that denies it, grey otherwise), to its
    claimant and to its source; each source is drawn with the chain of sources it took
    its content from, and with the sources in ``claims`` that took content from it (the
    digest that cites the agency). Nodes are named by the records' IRIs under ``base``,
    so the same claims give the same text on every run; each node and line is drawn once.

    >>> import provenance as pv
    >>> fars = pv.Source(outlet=pv.Outlet(name="Fars"))
    >>> denial = pv.Claim(proposition=pv.Proposition("Iran was involved in the attack."),
    ...                   claimant=pv.Agent(name="Said Khatibzadeh"), source=fars,
    ...                   stance="denial")
    >>> print(pv.to_dot(pv.ClaimSet([denial])), end="")
    digraph claims {
      rankdir=LR;
      node [fontname="Helvetica", fontsize=10];
      "urn:provenance:claim/..." [label="denial\\nSaid Khatibzadeh", shape=box];
      ...
      "urn:provenance:claim/..." -> "urn:provenance:proposition/..." [label="denial", color=red3];
      ...
    }
    """
    if not isinstance(claims, ClaimSet):
        raise ValidationError("to_dot", "claims", claims, "a ClaimSet")
    check_base(base)
    chosen = claims.claims if selected is None else tuple(selected)
    for claim in chosen:
        if claim not in claims:
            raise ValidationError("to_dot", "selected", claim, "claims of the collection drawn")
    lines = ["digraph claims {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    drawn: set[str] = set()
    digests = dict(claims.digests())

    def node(record: Record, label: str, shape: str) -> str:
        name = iri(record, base, digests)
        if name not in drawn:
            drawn.add(name)
            lines.append(f"  {_quoted(name)} [label={_quoted(label)}, shape={shape}];")
        return _quoted(name)

    for claim in chosen:
        c = node(claim, f"{claim.stance.label}\n{claim.claimant.name}", "box")
        p = node(claim.proposition, textwrap.fill(claim.proposition.text, 40), "note")
        a = node(claim.claimant, claim.claimant.name, "ellipse")
        s = node(claim.source, _source_label(claim.source), "folder")
        colour = _COLOURS.get(claim.stance.polarity, "gray40")
        lines.append(f"  {c} -> {p} [label={_quoted(claim.stance.label)}, color={colour}];")
        lines.append(f'  {c} -> {a} [label="claimant", style=dashed];')
        lines.append(f'  {c} -> {s} [label="in"];')
        for upper, lower, kind in _chain(claim.source, digests):
            u = node(upper, _source_label(upper), "folder")
            low = node(lower, _source_label(lower), "folder")
            lines.append(f"  {u} -> {low} [label={_quoted(kind)}];")
        # the sources that carry this claim's source onward (the digest that cites Fars)
        for other in claims.derived_by(claim.source):
            o = node(other, _source_label(other), "folder")
            lines.append(f'  {o} -> {s} [label="derived"];')
    lines.append("}")
    return "\n".join(dict.fromkeys(lines)) + "\n"
