"""The exception tree: every error in one module, and one vocabulary for where, expected, found."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings

import pytest

import provenance
from provenance import errors
from provenance.errors import (
    ClaimFileError,
    ConflictError,
    EndpointResponseError,
    Problem,
    ProvenanceError,
    QueryError,
    RDFContentError,
    RDFSyntaxError,
    StoreOpenError,
    UnkeptValueError,
    UnsafeValueError,
    ValidationError,
    WriteError,
)


def _modules() -> list[object]:
    names = [provenance.__name__]
    names += [m.name for m in pkgutil.walk_packages(provenance.__path__, "provenance.")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [importlib.import_module(n) for n in names if not n.endswith("__main__")]


def test_every_error_and_warning_is_defined_in_the_errors_module() -> None:
    """No module but provenance.errors defines an error or a warning of the library."""
    found = sorted(
        f"{module.__name__}.{name}"  # type: ignore[attr-defined]
        for module in _modules()
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, ProvenanceError | errors.ProvenanceWarning)
        and value.__module__ != errors.__name__
    )
    assert found == []


def test_the_module_docstring_draws_every_public_class() -> None:
    """Each public error and warning appears in the tree drawn in the module's docstring."""
    doc = errors.__doc__ or ""
    assert [name for name in errors.__all__ if name != "Problem" and name not in doc] == []


_EXAMPLES = [
    ValidationError("Claim", "confidence", 1.5, "a number from 0 to 1"),
    ConflictError("urn:x:claim/1", object(), object()),
    RDFSyntaxError("claims.ttl", "unexpected end", line=3, column=7),
    RDFContentError(
        "urn:x:c", "urn:x:p", "a pc:Proposition", found="no value", source="a.ttl", line=2
    ),
    ClaimFileError("a.yaml", [Problem("a.yaml", 4, 2, "claims.c.stance", "a stance", "'x'")]),
    WriteError.from_os_error("out.ttl", "write", OSError(28, "No space left on device")),
    StoreOpenError("store", "in use by another process"),
    UnsafeValueError("a\\u0020b", "a backslash u reads differently"),
    UnkeptValueError("urn:x:c", "2000-01-01T00:00:00-00:01", "read back without a zone"),
    QueryError("claims-by-stance", "a stance", parameter="stance", found="'x'"),
    EndpointResponseError(
        "http://127.0.0.1:1/q", 200, "text/html", expected="SPARQL results", reason="HTML"
    ),
]


@pytest.mark.parametrize("error", _EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_error_says_where_what_was_expected_and_what_was_found(
    error: ProvenanceError,
) -> None:
    """`expected` and `found` are always set, and the message names the place (`where`, where
    the fault has one) and what was found."""
    message = str(error)
    shown = [p for p in (error.where, error.found) if p is not None and p not in message]
    assert (error.expected is not None, error.found is not None, shown) == (True, True, []), message


def test_a_claim_file_error_speaks_for_its_first_problem() -> None:
    """A claim-file error's where/expected/found are its first problem's, in file order."""
    later = Problem("a.yaml", 9, 1, "claims.b.stance", "a stance", "'y'")
    first = Problem("a.yaml", 2, 5, "outlets.o.kind", "an outlet kind", "'z'")
    error = ClaimFileError("a.yaml", [later, first])
    assert (error.where, error.expected, error.found) == (
        "a.yaml, line 2, column 5: outlets.o.kind",
        "an outlet kind",
        "'z'",
    )


def test_a_conflict_is_worded_the_same_whatever_the_hash_seed() -> None:
    """Two records differing in a set of values give one message on every run: the members
    of sets are shown sorted."""
    import subprocess
    import sys

    script = (
        "import provenance as pv\n"
        "a = pv.Agent(name='Ann', aliases=['x', 'y', 'z', 'w'])\n"
        "b = pv.Agent(name='Ann', aliases=['p', 'q', 'r', 's'])\n"
        "try:\n"
        "    pv.ClaimSet([a, b])\n"
        "except pv.ConflictError as error:\n"
        "    print(error)\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(6)
    }
    assert len(seen) == 1, seen
