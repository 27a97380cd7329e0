"""The package as users meet it: its public API, its docstring examples, its weight."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import socket
import subprocess
import sys

import pytest

import provenance


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(provenance.__path__, prefix="provenance."))


def test_all_is_sorted_and_complete() -> None:
    """`__all__` is sorted, and names exactly the public objects `provenance` defines."""
    public = {
        name
        for name in vars(provenance)
        if not name.startswith("_") and not isinstance(getattr(provenance, name), type(sys))
    }
    assert (provenance.__all__, set(provenance.__all__)) == (
        sorted(provenance.__all__),
        public | {"__version__"},
    )


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name: str) -> None:
    """Every example in the installed package's docstrings runs and prints what it shows."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_import_stays_light() -> None:
    """`import provenance` loads no test, SHACL or PROV tooling."""
    code = (
        "import sys, provenance; "
        "print(sorted(m for m in ('hypothesis', 'pytest', 'pyshacl', 'prov') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_network_guard_is_active() -> None:
    """The suite-wide audit hook refuses a connection beyond this machine, so it can fail."""
    with pytest.raises(RuntimeError, match="network access"):
        socket.getaddrinfo("example.org", 80)


def test_version_comes_from_the_installed_distribution() -> None:
    """`__version__` is the installed distribution's version, not a placeholder."""
    from importlib.metadata import version

    assert provenance.__version__ == version("provenance-claims")
