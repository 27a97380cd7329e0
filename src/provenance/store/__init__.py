"""Triple stores: an embedded Oxigraph store, any SPARQL 1.1 endpoint, and stock queries.

>>> import provenance as pv, tempfile
>>> from provenance.store import EmbeddedStore
>>> claim = pv.Claim(proposition=pv.Proposition("It rained."), claimant=pv.Agent(name="Ann"),
...                  source=pv.Source(outlet=pv.Outlet(name="Wire")), stance="denial")
>>> with tempfile.TemporaryDirectory() as folder, EmbeddedStore(folder) as store:
...     _ = store.push(pv.ClaimSet([claim]))
...     result = store.query("claims-by-stance", {"stance": "denial"})
>>> for row in result.dicts(): print(row["claimantName"].lexical)
Ann

Both :class:`EmbeddedStore` and :class:`SparqlEndpoint` offer the operations of
:class:`ClaimStore`; ``docs/triple-stores.md`` describes the named-graph layout, the
stock queries and their parameters, authentication and retries. This module is not
imported by ``import provenance``; httpx is imported only when an endpoint is made.
"""

from ..errors import (
    EndpointAuthError,
    EndpointConfigError,
    EndpointError,
    EndpointRefusedError,
    EndpointResponseError,
    EndpointUnavailableError,
    InsecureEndpointWarning,
    IntegrityError,
    QueryError,
    StoreError,
    StoreOpenError,
    UnkeptValueError,
    UnsafeValueError,
)
from ._base import ClaimStore, PushReport
from ._embedded import EmbeddedStore
from ._endpoint import (
    ENVIRONMENT_PASSWORD,
    ENVIRONMENT_TOKEN,
    ENVIRONMENT_USER,
    BasicAuth,
    BearerToken,
    Retry,
    SparqlEndpoint,
    auth_from_environment,
)
from ._layout import RECORDS_GRAPH
from ._queries import (
    CheckedQuery,
    Parameter,
    ParameterKind,
    QueryResult,
    StockQuery,
    check_sparql,
    run_query,
    run_sparql,
    stock_queries,
    stock_query,
)

__all__ = [
    "ENVIRONMENT_PASSWORD",
    "ENVIRONMENT_TOKEN",
    "ENVIRONMENT_USER",
    "RECORDS_GRAPH",
    "BasicAuth",
    "BearerToken",
    "CheckedQuery",
    "ClaimStore",
    "EmbeddedStore",
    "EndpointAuthError",
    "EndpointConfigError",
    "EndpointError",
    "EndpointRefusedError",
    "EndpointResponseError",
    "EndpointUnavailableError",
    "InsecureEndpointWarning",
    "IntegrityError",
    "Parameter",
    "ParameterKind",
    "PushReport",
    "QueryError",
    "QueryResult",
    "Retry",
    "SparqlEndpoint",
    "StockQuery",
    "StoreError",
    "StoreOpenError",
    "UnkeptValueError",
    "UnsafeValueError",
    "auth_from_environment",
    "check_sparql",
    "run_query",
    "run_sparql",
    "stock_queries",
    "stock_query",
]
