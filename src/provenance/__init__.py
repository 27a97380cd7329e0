"""provenance: claims and their sources, as linked data.

Record who said what, through which outlet, with what stance and how sure anyone is;
keep contested claims about one proposition side by side; follow the chain a claim
came through; and publish all of it as RDF using W3C PROV-O, losslessly and back.

>>> import provenance as pv
>>> fars = pv.Outlet(name="Fars", kind="news agency")
>>> denial = pv.Claim(
...     proposition=pv.Proposition("Iran was involved in the attack."),
...     claimant=pv.Agent(name="Said Khatibzadeh"),
...     source=pv.Source(outlet=fars),
...     stance="denial",
... )
>>> pv.parse_turtle(pv.serialize_turtle(pv.ClaimSet([denial]))).claims == (denial,)
True
"""

from importlib import metadata as _metadata

from ._collection import ClaimSet, Contest
from ._iri import iri_of
from ._model import (
    Agent,
    AgentKind,
    Claim,
    Confidence,
    Derivation,
    DerivationKind,
    Outlet,
    OutletKind,
    Polarity,
    Proposition,
    ReliabilityGrade,
    Source,
    Stance,
)
from ._summary import ClaimGrades, PooledEstimate, Summary, summarize
from ._values import Time, Year, YearMonth
from .errors import (
    ConflictError,
    ProvenanceError,
    RDFContentError,
    RDFError,
    RDFSyntaxError,
    UnknownStanceError,
    ValidationError,
)
from .rdf import (
    from_graph,
    parse_turtle,
    read_turtle,
    serialize_turtle,
    to_graph,
    write_turtle,
)
from .scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability

try:
    __version__ = _metadata.version("provenance-claims")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Agent",
    "AgentKind",
    "AnalyticConfidence",
    "Claim",
    "ClaimGrades",
    "ClaimSet",
    "Confidence",
    "ConflictError",
    "Contest",
    "Credibility",
    "Derivation",
    "DerivationKind",
    "EstimativeTerm",
    "Outlet",
    "OutletKind",
    "Polarity",
    "PooledEstimate",
    "Proposition",
    "ProvenanceError",
    "RDFContentError",
    "RDFError",
    "RDFSyntaxError",
    "Reliability",
    "ReliabilityGrade",
    "Source",
    "Stance",
    "Summary",
    "Time",
    "UnknownStanceError",
    "ValidationError",
    "Year",
    "YearMonth",
    "__version__",
    "from_graph",
    "iri_of",
    "parse_turtle",
    "read_turtle",
    "serialize_turtle",
    "summarize",
    "to_graph",
    "write_turtle",
]
