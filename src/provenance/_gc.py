"""Pausing the cyclic garbage collector while a large collection is built.

Reading a document makes hundreds of thousands of long-lived objects (records, their
frozensets and fingerprints) and almost no garbage: reference counting frees the
parser's terms as they go. CPython's cyclic collector still runs whenever enough
containers have been allocated, and each of its older-generation passes walks every
object made so far, so a read of 100,000 claims spends up to a tenth of its time in
collections that find nothing. Mercurial pauses the collector around its bulk loads
for the same reason (``util.nogc``); so do we, around reading only.

The pause is process-wide, as the collector is: while one thread reads, cycles other
threads make wait for the next collection after the read rather than being found
during it. Nothing is lost: the collector runs again as soon as the read ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, re-enabling it only if it was enabled.

    Nested or concurrent pauses are safe: only the one that found the collector running
    turns it back on, so a user who disabled it keeps it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
