"""RDF graphs of collections, valid or breaking one rule of the catalogue.

Rules a :class:`~provenance.ClaimSet` can break are broken as :func:`claim_sets` breaks
them; the structure and reference rules, which only RDF can break, by an edit of the
triples of two claims added for the purpose: triples taken out, triples put in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import rdflib
from hypothesis import strategies as st

from .._collection import ClaimSet
from .._iri import iri
from .._model import Claim
from .._namespace import DEFAULT_BASE
from ..check import Rule
from ..rdf import to_graph
from ._broken import BREAKERS
from ._builder import Builder, name_key
from ._collections import check_options, claim_sets

__all__ = ["graphs"]

_PC = rdflib.Namespace("https://w3id.org/provenance-claims/vocab#")
_PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
_FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
_DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
_XSD = rdflib.namespace.XSD
_RDFS = rdflib.namespace.RDFS
_DCTERMS = rdflib.namespace.DCTERMS


class _Nodes:
    """The nodes of the claims a graph breaker works on, by their IRIs."""

    def __init__(self, claims: tuple[Claim, Claim], base: str) -> None:
        first, second = claims
        self.claim = rdflib.URIRef(iri(first, base))
        self.other = rdflib.URIRef(iri(second, base))
        self.proposition = rdflib.URIRef(iri(first.proposition, base))
        self.claimant = rdflib.URIRef(iri(first.claimant, base))
        self.other_claimant = rdflib.URIRef(iri(second.claimant, base))
        self.source = rdflib.URIRef(iri(first.source, base))
        self.other_source = rdflib.URIRef(iri(second.source, base))
        self.outlet = rdflib.URIRef(iri(first.source.outlet, base))
        self.other_outlet = rdflib.URIRef(iri(second.source.outlet, base))
        self.attribution = rdflib.URIRef(f"{self.claim}/attribution/outlet")


_Triple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]
_Pattern = tuple[rdflib.term.Node, rdflib.term.Node, None]


class _Edit:
    """One way to break a rule in RDF: triples to take out and triples to put in."""

    def __init__(
        self,
        what: str,
        make: Callable[[_Nodes], tuple[Sequence[_Pattern], Sequence[_Triple]]],
    ) -> None:
        self.what = what
        self.make = make

    def __call__(self, graph: rdflib.Graph, nodes: _Nodes) -> None:
        remove, add = self.make(nodes)
        for pattern in remove:
            graph.remove(pattern)
        for triple in add:
            graph.add(triple)

    def __repr__(self) -> str:
        return f"<edit: {self.what}>"


def _decimal(text: str) -> rdflib.Literal:
    return rdflib.Literal(text, datatype=_XSD.decimal)


_MISSING = rdflib.URIRef("https://example.org/nothing/here")

_GRAPH_BREAKERS: dict[str, tuple[_Edit, ...]] = {
    "PV101": (
        _Edit("a proposition without text", lambda n: ([(n.proposition, _PC.statement, None)], [])),
        _Edit("a claim without stance", lambda n: ([(n.claim, _PC.stance, None)], [])),
        _Edit("an agent without name", lambda n: ([(n.claimant, _RDFS.label, None)], [])),
        _Edit("an outlet without kind", lambda n: ([(n.outlet, _PC.outletKind, None)], [])),
    ),
    "PV102": (
        _Edit(
            "a proposition with two texts",
            lambda n: ([], [(n.proposition, _PC.statement, rdflib.Literal("a second text"))]),
        ),
        _Edit("a claim with two stances", lambda n: ([], [(n.claim, _PC.stance, _PC.Assessment)])),
        _Edit(
            "a claim with two confidences",
            lambda n: (
                [],
                [
                    (n.claim, _PC.confidence, _decimal("0.5")),
                    (n.claim, _PC.confidence, _decimal("0.6")),
                ],
            ),
        ),
        _Edit(
            "an agent with two names",
            lambda n: ([], [(n.claimant, _RDFS.label, rdflib.Literal("a second name"))]),
        ),
    ),
    "PV103": (
        _Edit(
            "a confidence in words",
            lambda n: ([], [(n.claim, _PC.confidence, rdflib.Literal("high"))]),
        ),
        _Edit(
            "a blank statement",
            lambda n: (
                [(n.proposition, _PC.statement, None)],
                [(n.proposition, _PC.statement, rdflib.Literal(" \t"))],
            ),
        ),
        _Edit(
            "a language as a plain string",
            lambda n: ([], [(n.source, _DCTERMS.language, rdflib.Literal("en"))]),
        ),
        _Edit(
            "a date in words", lambda n: ([], [(n.claim, _DCTERMS.date, rdflib.Literal("soon"))])
        ),
    ),
    "PV104": (
        _Edit("a confidence of 1.5", lambda n: ([], [(n.claim, _PC.confidence, _decimal("1.5"))])),
        _Edit(
            "a confidence of -0.2", lambda n: ([], [(n.claim, _PC.confidence, _decimal("-0.2"))])
        ),
    ),
    "PV105": (
        _Edit(
            "0.3 and 'likely'",
            lambda n: (
                [],
                [
                    (n.claim, _PC.confidence, _decimal("0.3")),
                    (n.claim, _PC.estimativeTerm, _PC.Likely),
                ],
            ),
        ),
    ),
    "PV106": (
        _Edit(
            "a stance nobody describes",
            lambda n: (
                [(n.claim, _PC.stance, None)],
                [(n.claim, _PC.stance, rdflib.URIRef("https://example.org/undescribed"))],
            ),
        ),
        _Edit(
            "a stance in our namespace that the vocabulary lacks",
            lambda n: ([(n.claim, _PC.stance, None)], [(n.claim, _PC.stance, _PC.Rumour)]),
        ),
    ),
    "PV107": (
        _Edit(
            "a relative page IRI",
            lambda n: ([], [(n.source, _FOAF.page, rdflib.URIRef("news/erbil.html"))]),
        ),
        _Edit(
            "a home page without scheme",
            lambda n: ([], [(n.outlet, _FOAF.homepage, rdflib.URIRef("www.example.org"))]),
        ),
    ),
    "PV108": (
        _Edit(
            "an instant without time zone",
            lambda n: (
                [],
                [
                    (
                        n.claim,
                        _PROV.generatedAtTime,
                        rdflib.Literal("2021-02-16T10:00:00", datatype=_XSD.dateTime),
                    )
                ],
            ),
        ),
    ),
    "PV109": (
        _Edit(
            "credibility 9",
            lambda n: ([], [(n.claim, _PC.credibility, _PC.Credibility9)]),
        ),
        _Edit("the term 'certain'", lambda n: ([], [(n.claim, _PC.estimativeTerm, _PC.Certain)])),
        _Edit(
            "an outlet kind 'blog'",
            lambda n: ([(n.outlet, _PC.outletKind, None)], [(n.outlet, _PC.outletKind, _PC.Blog)]),
        ),
    ),
    "PV201": (
        _Edit(
            "a proposition that is not there",
            lambda n: ([(n.claim, _PC.proposition, None)], [(n.claim, _PC.proposition, _MISSING)]),
        ),
        _Edit("support for a missing claim", lambda n: ([], [(n.claim, _PC.supports, _MISSING)])),
        _Edit(
            "a quotation of a missing source",
            lambda n: ([], [(n.source, _PROV.wasQuotedFrom, _MISSING)]),
        ),
        _Edit(
            "acting for a missing agent",
            lambda n: ([], [(n.claimant, _PROV.actedOnBehalfOf, _MISSING)]),
        ),
    ),
    "PV202": (
        _Edit(
            "claims that support and contest each other",
            lambda n: (
                [],
                [(n.claim, _PC.supports, n.other), (n.other, _PC.contests, n.claim)],
            ),
        ),
        _Edit(
            "sources derived from each other",
            lambda n: (
                [],
                [
                    (n.source, _PROV.wasDerivedFrom, n.other_source),
                    (n.other_source, _PROV.wasQuotedFrom, n.source),
                ],
            ),
        ),
        _Edit(
            "agents acting for each other",
            lambda n: (
                [],
                [
                    (n.claimant, _PROV.actedOnBehalfOf, n.other_claimant),
                    (n.other_claimant, _PROV.actedOnBehalfOf, n.claimant),
                ],
            ),
        ),
    ),
    "PV203": (
        _Edit(
            "a claim that supports and contests another",
            lambda n: ([], [(n.claim, _PC.supports, n.other), (n.claim, _PC.contests, n.other)]),
        ),
    ),
    "PV204": (
        _Edit("a claim contesting itself", lambda n: ([], [(n.claim, _PC.contests, n.claim)])),
        _Edit(
            "a source translated from itself",
            lambda n: ([], [(n.source, _PC.wasTranslatedFrom, n.source)]),
        ),
        _Edit(
            "an agent acting for itself",
            lambda n: ([], [(n.claimant, _PROV.actedOnBehalfOf, n.claimant)]),
        ),
    ),
    "PV205": (
        _Edit(
            "a claim attributed to another source's outlet",
            lambda n: (
                [(n.attribution, _PROV.agent, None)],
                [(n.attribution, _PROV.agent, n.other_outlet)],
            ),
        ),
    ),
}


@st.composite
def _graph(
    draw: st.DrawFn, *, base: str, broken: str | None, options: dict[str, object]
) -> rdflib.Graph:
    python_broken = broken if broken in BREAKERS else None
    claims = draw(claim_sets(broken=python_broken, **options))  # type: ignore[arg-type]
    if broken is None or python_broken is not None:
        return to_graph(claims, base=base)
    # Two claims of records of their own, for the edits to work on.
    b = Builder(draw)
    b.agent_keys = {name_key(n) for a in claims.agents for n in (a.name, *a.aliases)}
    b.outlet_keys = {name_key(n) for o in claims.outlets for n in (o.name, *o.aliases)}
    b.propositions = list(claims.propositions)
    first, second = b.fresh_claim(), b.fresh_claim()
    extra = ClaimSet([first, second])
    graph = to_graph(claims, base=base)
    for triple in to_graph(extra, base=base):
        graph.add(triple)
    edit = draw(st.sampled_from(_GRAPH_BREAKERS[broken]))
    edit(graph, _Nodes((first, second), base))
    return graph


def graphs(
    *, base: str = DEFAULT_BASE, broken: str | None = None, **options: object
) -> st.SearchStrategy[rdflib.Graph]:
    """RDF graphs of collections, as :func:`~provenance.to_graph` writes them.

    Valid by default; the ``options`` are those of :func:`claim_sets` (so
    ``consistent=False`` gives any collection the model accepts). ``broken`` names
    any rule of the catalogue: rules a collection can break are broken as
    :func:`claim_sets` breaks them; the structure and reference rules, which only RDF
    can break, by editing the triples of two claims added for the purpose (a missing
    statement, a confidence of 1.5, a link to nothing, a source quoting itself…), so
    that :func:`provenance.validate_graph` reports exactly that code.
    """
    if broken is not None and broken not in BREAKERS and broken not in _GRAPH_BREAKERS:
        Rule.from_code(broken)
        raise ValueError(f"no way to break rule {broken} is known")  # pragma: no cover
    check_options(**options)  # type: ignore[arg-type]
    if broken is not None and options.get("consistent") is False:
        raise ValueError(
            f"broken={broken!r} breaks one rule of a consistent collection; "
            "consistent=False breaks any number of them"
        )
    return _graph(base=base, broken=broken, options=options)
