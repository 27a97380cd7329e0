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
from ._display import date_text, grades_text
from ._dot import to_dot
from ._iri import iri_of
from ._merge import merge
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
from ._selection import claim_time, select
from ._statistics import Statistics, statistics
from ._summary import ClaimGrades, PooledEstimate, Summary, summarize
from ._times import parse_time
from ._values import Time, Year, YearMonth
from ._views import Position, ReportingChain, Sides, StanceGroup
from .check import Report, Rule, Severity, Violation, check
from .errors import (
    ConflictError,
    ProvenanceError,
    RDFContentError,
    RDFError,
    RDFSyntaxError,
    UnknownStanceError,
    ValidationError,
    WriteError,
)
from .files import (
    ClaimFileError,
    Problem,
    parse_claim_csv,
    parse_claim_json,
    parse_claim_yaml,
    read_claim_csv,
    read_claim_file,
    serialize_claim_csv,
    serialize_claim_json,
    serialize_claim_yaml,
    write_claim_csv,
    write_claim_file,
)
from .rdf import (
    Format,
    content_hash,
    from_graph,
    parse,
    parse_jsonld,
    parse_nquads,
    parse_ntriples,
    parse_rdfxml,
    parse_trig,
    parse_turtle,
    read,
    read_jsonld,
    read_nquads,
    read_ntriples,
    read_rdfxml,
    read_trig,
    read_turtle,
    serialize,
    serialize_jsonld,
    serialize_nquads,
    serialize_ntriples,
    serialize_rdfxml,
    serialize_trig,
    serialize_turtle,
    stream_ntriples,
    stream_turtle,
    to_graph,
    write,
    write_jsonld,
    write_nquads,
    write_ntriples,
    write_rdfxml,
    write_trig,
    write_turtle,
)
from .scales import AnalyticConfidence, Credibility, EstimativeTerm, Reliability
from .shacl import validate, validate_file, validate_graph, validate_turtle

try:
    __version__ = _metadata.version("provenance-claims")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Agent",
    "AgentKind",
    "AnalyticConfidence",
    "Claim",
    "ClaimFileError",
    "ClaimGrades",
    "ClaimSet",
    "Confidence",
    "ConflictError",
    "Contest",
    "Credibility",
    "Derivation",
    "DerivationKind",
    "EstimativeTerm",
    "Format",
    "Outlet",
    "OutletKind",
    "Polarity",
    "PooledEstimate",
    "Position",
    "Problem",
    "Proposition",
    "ProvenanceError",
    "RDFContentError",
    "RDFError",
    "RDFSyntaxError",
    "Reliability",
    "ReliabilityGrade",
    "Report",
    "ReportingChain",
    "Rule",
    "Severity",
    "Sides",
    "Source",
    "Stance",
    "StanceGroup",
    "Statistics",
    "Summary",
    "Time",
    "UnknownStanceError",
    "ValidationError",
    "Violation",
    "WriteError",
    "Year",
    "YearMonth",
    "__version__",
    "check",
    "claim_time",
    "content_hash",
    "date_text",
    "from_graph",
    "grades_text",
    "iri_of",
    "merge",
    "parse",
    "parse_claim_csv",
    "parse_claim_json",
    "parse_claim_yaml",
    "parse_jsonld",
    "parse_nquads",
    "parse_ntriples",
    "parse_rdfxml",
    "parse_time",
    "parse_trig",
    "parse_turtle",
    "read",
    "read_claim_csv",
    "read_claim_file",
    "read_jsonld",
    "read_nquads",
    "read_ntriples",
    "read_rdfxml",
    "read_trig",
    "read_turtle",
    "select",
    "serialize",
    "serialize_claim_csv",
    "serialize_claim_json",
    "serialize_claim_yaml",
    "serialize_jsonld",
    "serialize_nquads",
    "serialize_ntriples",
    "serialize_rdfxml",
    "serialize_trig",
    "serialize_turtle",
    "statistics",
    "stream_ntriples",
    "stream_turtle",
    "summarize",
    "to_dot",
    "to_graph",
    "validate",
    "validate_file",
    "validate_graph",
    "validate_turtle",
    "write",
    "write_claim_csv",
    "write_claim_file",
    "write_jsonld",
    "write_nquads",
    "write_ntriples",
    "write_rdfxml",
    "write_trig",
    "write_turtle",
]
