"""Claims drawn as DOT: every record and link once, the same text on every run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

import provenance as pv
from _support import ROOT, load_example
from provenance.strategies import claim_sets

erbil = load_example("erbil_attack")
SPOTLIGHT = ROOT / "examples" / "spotlight_on_iran_2021_02.yaml"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NODE = re.compile(r'  ("(?:[^"\\]|\\.)*") \[label=("(?:[^"\\]|\\.)*"), shape=(\w+)\];')
_EDGE = re.compile(r'  ("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \[(.*)\];')


def _parse(dot: str) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    """The nodes (IRI → label, shape) and edges (from, to, attributes) of ``to_dot``'s text,
    every line accounted for."""
    lines = dot.split("\n")[:-1]  # labels may hold U+2028, which splitlines() splits at
    assert lines[:3] == [
        "digraph claims {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=10];',
    ]
    assert (lines[-1], dot.endswith("}\n")) == ("}", True)
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    for line in lines[3:-1]:
        if node := _NODE.fullmatch(line):
            name, label, shape = node.groups()
            assert name not in nodes, f"{name} drawn twice"
            nodes[pv_text(name)] = (pv_text(label), shape)
        elif edge := _EDGE.fullmatch(line):
            edges.append((pv_text(edge[1]), pv_text(edge[2]), edge[3]))
        else:
            raise AssertionError(f"not a node or an edge: {line!r}")
    assert len(edges) == len(set(edges)), "an edge drawn twice"
    return nodes, edges


def pv_text(quoted: str) -> str:
    """A DOT string's text (``to_dot`` escapes as JSON does)."""
    text = json.loads(quoted)
    assert isinstance(text, str)
    return text


def test_the_erbil_denial_and_its_chain() -> None:
    """The denial is a box with lines to its proposition (red), claimant and source, and
    the digest that cites Fars is drawn deriving from it."""
    claims = erbil.build()
    (denial,) = claims.by_stance("denial")
    nodes, edges = _parse(pv.to_dot(claims, [denial]))
    iri = {r: pv.iri_of(r) for r in claims.records}
    digest = next(s for s in claims.sources if s.derived_from)
    assert nodes[iri[denial]] == ("denial\nSaid Khatibzadeh", "box")
    assert nodes[iri[denial.source]] == ("Fars\n2021-02-16", "folder")
    assert set(edges) == {
        (iri[denial], iri[denial.proposition], 'label="denial", color=red3'),
        (iri[denial], iri[denial.claimant], 'label="claimant", style=dashed'),
        (iri[denial], iri[denial.source], 'label="in"'),
        (iri[digest], iri[denial.source], 'label="derived"'),
    }


@SETTINGS
@given(claim_sets())
def test_every_claim_is_drawn_with_its_records_and_chain(claims: pv.ClaimSet) -> None:
    """For any collection, each claim, its proposition, claimant and source, and every
    derivation reachable from its source, is drawn, under the IRIs RDF gives them."""
    base = "https://example.org/data/"
    nodes, edges = _parse(pv.to_dot(claims, base=base))
    iri = {r: pv.iri_of(r, base=base) for r in claims.records}
    expected = set()
    for claim in claims:
        expected |= {iri[claim], iri[claim.proposition], iri[claim.claimant], iri[claim.source]}
        stack, seen = [claim.source], set()
        while stack:
            source = stack.pop()
            if source not in seen:
                seen.add(source)
                expected.add(iri[source])
                for d in source.derived_from:
                    assert (iri[source], iri[d.source], f'label="{d.kind.value}"') in edges
                    stack.append(d.source)
        expected |= {iri[s] for s in claims.derived_by(claim.source)}
    assert set(nodes) == expected


def test_nothing_selected_draws_an_empty_graph() -> None:
    """No claim selected: a digraph with no node, which Graphviz still reads."""
    assert pv.to_dot(erbil.build(), []).count("\n") == 4


def test_a_claim_not_in_the_collection_is_refused() -> None:
    """Drawing a claim the collection does not hold is an error, not a half-drawn chain."""
    stranger = pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=pv.Agent(name="Ann"),
        source=pv.Source(outlet=pv.Outlet(name="Wire")),
        stance="report",
    )
    with pytest.raises(pv.ValidationError, match="claims of the collection drawn"):
        pv.to_dot(erbil.build(), [stranger])


def test_a_base_that_mints_no_iris_is_refused() -> None:
    """A base under which IRIs would not be absolute is refused, as every writer refuses it."""
    with pytest.raises(pv.ValidationError, match="base"):
        pv.to_dot(erbil.build(), base="not an iri")


def test_the_graph_is_the_same_whatever_the_hash_seed() -> None:
    """`provenance graph` on the digest prints the same DOT under different hash seeds
    (a source's derivations are a set, whose order changes with the seed)."""
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "provenance", "graph", str(SPOTLIGHT)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
