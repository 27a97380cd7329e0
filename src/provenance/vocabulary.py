"""Our RDF terms as Python constants, and the ontology that defines them.

:class:`PC` names every term of the provenance-claims vocabulary
(``https://w3id.org/provenance-claims/vocab#``, prefix ``pc:``) as a closed rdflib
namespace, so a misspelt term raises :class:`AttributeError` instead of quietly minting
an IRI that nothing defines. A test keeps :class:`PC` equal, term for term, to the
ontology shipped in the package, so the two cannot drift apart.

The vocabularies ours builds on are re-exported from rdflib, so code that queries our
RDF needs one import:

>>> from provenance.vocabulary import PC, PROV
>>> PC.Denial
rdflib.term.URIRef('https://w3id.org/provenance-claims/vocab#Denial')
>>> PC.Denail
Traceback (most recent call last):
    ...
AttributeError: term 'Denail' not in namespace 'https://w3id.org/provenance-claims/vocab#'

:func:`ontology` returns the shipped ontology (OWL classes and properties, the SKOS
concept schemes of stances, polarities, outlet kinds, estimative terms, source
reliability, information credibility and analytic confidence) as an rdflib Graph, for
merging with data or for reasoners. It reads the document from inside the installed
package through :mod:`importlib.resources`, never from a path on disk and never over the
network, so it works the same from a source tree, a wheel or a zip archive; which is also
why this module offers no path to the file.
"""

from __future__ import annotations

from importlib import resources

import rdflib
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

from ._namespace import VOCABULARY

__all__ = [
    "DCAT",
    "DCTERMS",
    "FOAF",
    "PC",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
    "ontology",
]


class PC(DefinedNamespace):
    """The provenance-claims vocabulary: every term ``data/vocabulary.ttl`` defines.

    The namespace is closed: only the terms listed here exist. Attribute names are the
    terms' local names, mixed case included.
    """

    # classes
    Claim: URIRef  # One act of claiming: a claimant's stance on a proposition, in a source.
    Proposition: URIRef  # What is claimed, independently of who claims it.
    Source: URIRef  # One publication of an outlet.
    Outlet: URIRef  # An agent that publishes sources.
    UnnamedAgent: URIRef  # An agent the source refers to without naming it.
    Stance: URIRef  # How a claimant relates to a proposition.
    Polarity: URIRef  # Which way a stance leans on its proposition.
    OutletKind: URIRef  # What sort of publisher an outlet is.
    EstimativeTerm: URIRef  # An ICD 203 expression of likelihood, with its band.
    ReliabilityGrade: URIRef  # A source's Admiralty grade, optionally for a period.
    Reliability: URIRef  # An Admiralty source-reliability grade, A to F.
    Credibility: URIRef  # An Admiralty information-credibility grade, 1 to 6.
    AnalyticConfidence: URIRef  # An analyst's confidence in an assessment: low, moderate, high.

    # properties
    proposition: URIRef  # The proposition a claim is about.
    stance: URIRef  # The stance the claimant takes.
    confidence: URIRef  # A probability from 0 to 1, as xsd:decimal.
    estimativeTerm: URIRef  # noqa: N815 - The likelihood in ICD 203's words.
    supports: URIRef  # An earlier claim this claim backs up.
    contests: URIRef  # An earlier claim this claim disputes.
    statement: URIRef  # The text of a proposition.
    polarity: URIRef  # The polarity of a stance.
    outletKind: URIRef  # noqa: N815 - The kind of an outlet.
    wasTranslatedFrom: URIRef  # noqa: N815 - The entity this one translates.
    lowerBound: URIRef  # noqa: N815 - Least probability of a term's band.
    upperBound: URIRef  # noqa: N815 - Greatest probability of a term's band.
    estimativeWording: URIRef  # noqa: N815 - The words of likelihood a claim uses, as written.
    credibility: URIRef  # How credible a claim's information is.
    analyticConfidence: URIRef  # noqa: N815 - The claimant's confidence in a judgment.
    reliability: URIRef  # A reliability grade of an agent or outlet.
    grade: URIRef  # The Admiralty grade of a reliability grade.
    validFrom: URIRef  # noqa: N815 - Start of the period a reliability grade applies to.
    validUntil: URIRef  # noqa: N815 - End of the period a reliability grade applies to.
    stixValue: URIRef  # noqa: N815 - A grade's value on the STIX 2.1 confidence scale.

    # roles in a claim's qualified attributions (given with dcat:hadRole)
    ClaimantRole: URIRef  # The agent who makes the claim.
    OutletRole: URIRef  # The outlet whose source carries the claim.

    # stances
    StanceScheme: URIRef
    Report: URIRef
    Statement: URIRef
    Denial: URIRef
    Speculation: URIRef
    ClaimOfResponsibility: URIRef
    Assessment: URIRef
    Confirmation: URIRef
    Retraction: URIRef

    # polarities
    PolarityScheme: URIRef
    Affirming: URIRef
    Denying: URIRef
    Withdrawing: URIRef
    Neutral: URIRef

    # outlet kinds
    OutletKindScheme: URIRef
    NewsAgency: URIRef
    Newspaper: URIRef
    TVChannel: URIRef
    RadioStation: URIRef
    Website: URIRef
    TelegramChannel: URIRef
    SocialMediaAccount: URIRef
    Publisher: URIRef
    OtherOutlet: URIRef

    # ICD 203 estimative terms
    EstimativeTermScheme: URIRef
    AlmostNoChance: URIRef
    VeryUnlikely: URIRef
    Unlikely: URIRef
    RoughlyEvenChance: URIRef
    Likely: URIRef
    VeryLikely: URIRef
    AlmostCertain: URIRef

    # Admiralty source reliability
    ReliabilityScheme: URIRef
    ReliabilityA: URIRef
    ReliabilityB: URIRef
    ReliabilityC: URIRef
    ReliabilityD: URIRef
    ReliabilityE: URIRef
    ReliabilityF: URIRef

    # Admiralty information credibility
    CredibilityScheme: URIRef
    Credibility1: URIRef
    Credibility2: URIRef
    Credibility3: URIRef
    Credibility4: URIRef
    Credibility5: URIRef
    Credibility6: URIRef

    # analytic confidence
    AnalyticConfidenceScheme: URIRef
    LowConfidence: URIRef
    ModerateConfidence: URIRef
    HighConfidence: URIRef

    _NS = Namespace(VOCABULARY)
    _fail = True


def ontology() -> rdflib.Graph:
    """The shipped ontology as a new rdflib Graph, read from inside the installed package.

    >>> from provenance.vocabulary import PC, SKOS
    >>> graph = ontology()
    >>> str(graph.value(PC.ClaimOfResponsibility, SKOS.prefLabel))
    'claim of responsibility'
    """
    text = (
        resources.files("provenance")
        .joinpath("data")
        .joinpath("vocabulary.ttl")
        .read_text(encoding="utf-8")
    )
    graph = rdflib.Graph()
    graph.parse(data=text, format="turtle")
    return graph
