"""What the tests add to :mod:`provenance.strategies`: filters for limits of the tools
they run against, which are no product for users.

Every strategy the tests draw from is the public one; nothing here draws values.
"""

from __future__ import annotations

import datetime as dt

from provenance import Agent, ClaimSet, Outlet


def oxigraph_keeps(claims: ClaimSet) -> bool:
    """Whether Oxigraph 0.5 stores every time of ``claims`` as it is: it takes the offset
    -00:01 for no time zone (oxigraph/oxigraph#1941), and its stores refuse such a time."""
    minute = dt.timedelta(minutes=-1)
    times = [c.made_at for c in claims.claims] + [s.published for s in claims.sources]
    graded: list[Agent | Outlet] = [*claims.agents, *claims.outlets]
    times += [t for r in graded for g in r.reliability for t in (g.start, g.end)]
    return not any(isinstance(t, dt.datetime) and t.utcoffset() == minute for t in times)
