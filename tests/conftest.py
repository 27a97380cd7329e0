"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from _support import SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared reference folder beside the repository; skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("the shared reference folder (../shared beside the repository) is absent")
    return SHARED


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", None}


def _refuse_network(event: str, args: tuple[object, ...]) -> None:
    """Fail any test that opens a connection or resolves a name beyond this machine.

    Parsing must never fetch a remote document or context; an audit hook sees every
    socket the interpreter opens, whichever library opens it.
    """
    if event == "socket.getaddrinfo" and args[0] not in _LOCAL_HOSTS:
        raise RuntimeError(f"network access during the tests: resolving {args[0]!r}")
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None
        if host not in _LOCAL_HOSTS and not isinstance(address, str | bytes):
            raise RuntimeError(f"network access during the tests: connecting to {address!r}")


sys.addaudithook(_refuse_network)
