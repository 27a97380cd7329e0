"""The ``provenance`` command: a thin layer over the library, with no logic of its own.

Every command reads claim files (YAML, JSON, CSV) or RDF files (by their suffix), calls the
public API, and prints. Errors become one clear line (or one line per problem of a claim
file) and an exit status: 0 clean, 1 violations found, 2 bad input or a file that cannot be
read or written. Ctrl-C ends a command with one line and 130 (128 + SIGINT, as shells
report it); the console entry point handles SIGTERM and SIGHUP the same way (143, 129).
Each unwinds through the writers, so no half-written file or temporary file is left.
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, NoReturn

from . import __version__, files
from ._collection import ClaimSet
from ._display import date_text, grades_text
from ._dot import to_dot
from ._merge import merge
from ._model import Claim
from ._namespace import DEFAULT_BASE
from ._selection import in_listing_order, select
from ._statistics import statistics
from ._times import parse_time
from ._values import Time
from .check import Report, check
from .errors import ProvenanceError, ValidationError
from .rdf import Format, read, serialize, to_graph, write
from .rdf._output import atomic_write
from .shacl import validate_file

if TYPE_CHECKING:
    from .store import ClaimStore

__all__ = ["main"]

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT = 0, 1, 2
CLAIM_FILE_SUFFIXES = (".yaml", ".yml", ".csv")


class _UsageError(Exception):
    """A command line that asks for something impossible (exit status 2)."""


class _StdoutError(Exception):
    """Standard output cannot be written (``> file`` on a full disk); exit status 2."""

    def __init__(self, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"cannot write to standard output: {reason[:1].lower()}{reason[1:]}")


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so it unwinds as Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOPPED: dict[int, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "terminated (SIGTERM)",
}
if sys.platform != "win32":
    _STOPPED[signal.SIGHUP] = "terminated (SIGHUP)"


# ----------------------------------------------------------------------------- output


class _Stdout:
    """Standard output, whose failures say that it is standard output that failed.

    A closed pipe (``| head``) stays a :class:`BrokenPipeError`, which is not an error.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _StdoutError(error) from error

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _StdoutError(error) from error


class _Out:
    """Standard output and error, with colour only on a terminal and never under NO_COLOR."""

    def __init__(self, *, color: bool | None) -> None:
        self.stdout = _Stdout(sys.stdout)
        self.stderr: IO[str] = sys.stderr
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        self.color = color
        self.progress_on = self.stderr.isatty()

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def progress(self, items: Sequence[str], verb: str) -> Iterator[str]:
        """Yield ``items``, drawing a progress bar on standard error when it is a terminal."""
        total = len(items)
        for number, item in enumerate(items, start=1):
            if self.progress_on and total > 1:
                done = int(24 * (number - 1) / total)
                bar = "#" * done + "-" * (24 - done)
                self.stderr.write(f"\r{verb} [{bar}] {number}/{total} {Path(item).name[:40]}\033[K")
                self.stderr.flush()
            yield item
        if self.progress_on and total > 1:
            self.stderr.write("\r\033[K")
            self.stderr.flush()


# ----------------------------------------------------------------------------- inputs


def _is_jsonld(path: Path) -> bool:
    """A ``.json`` file is JSON-LD when its top level carries ``@context`` or ``@graph``."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except UnicodeDecodeError:
        return False
    return '"@context"' in head or '"@graph"' in head


def _load_one(path: Path, base_iri: str | None = None) -> ClaimSet:
    suffix = path.suffix.lower()
    if suffix in CLAIM_FILE_SUFFIXES or (suffix == ".json" and not _is_jsonld(path)):
        return files.read_claim_file(path)
    return read(path, format=Format.for_path(path), base_iri=base_iri)


def _load(paths: Sequence[str], out: _Out, base_iri: str | None = None) -> ClaimSet:
    sets = [_load_one(Path(p), base_iri) for p in out.progress(paths, "reading")]
    return sets[0] if len(sets) == 1 else merge(*sets)


def _is_rdf(path: str) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in CLAIM_FILE_SUFFIXES:
        return False
    if suffix == ".json":
        return _is_jsonld(Path(path))
    return True


# ----------------------------------------------------------------------------- commands


def _cmd_export(args: argparse.Namespace, out: _Out) -> int:
    claims = _load(args.files, out, args.base_iri)
    fmt = Format(args.format) if args.format else None
    if args.output:
        target = Path(args.output)
        fmt = fmt or Format.for_path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        write(claims, target, format=fmt, base=args.base)
        out.stderr.write(f"wrote {len(claims)} claims to {target}\n")
    else:
        out.stdout.write(serialize(claims, format=fmt or Format.TURTLE, base=args.base))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: _Out) -> int:
    reports = []
    for path in out.progress(args.files, "checking"):
        reports.append(check(_load_one(Path(path), args.base_iri)))
        if _is_rdf(path) and not args.no_shacl:
            # RDF written by someone else is validated as it stands; a claim file holds only
            # what the model accepts, so the SHACL-only rules cannot fire on it
            reports.append(validate_file(path, base_iri=args.base_iri))
    if len(args.files) > 1:
        reports.append(check(_load(args.files, out, args.base_iri)))
    report = Report.combine(*reports)  # each breach once, though both engines find it
    if args.ignore:
        report = report.ignoring(*args.ignore)
    if args.json:
        out.print(report.to_json(files=args.files))
    elif not report.violations:
        out.print(out.paint("no violations", "32"))
    else:
        for v in report:
            colour = "31" if v.severity.value == "error" else "33"
            out.print(f"{out.paint(v.code, colour)} {v.severity.value:7} {v.message}")
            for node in v.nodes:
                out.print(f"    <{node}>")
        out.print(str(report).splitlines()[0])
    failing = report.violations if args.strict else report.errors
    return EXIT_VIOLATIONS if failing else EXIT_OK


def _cmd_convert(args: argparse.Namespace, out: _Out) -> int:
    claims = _load([args.input], out, args.base_iri)
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix.lower()
    if args.format:
        write(claims, target, format=Format(args.format), base=args.base)
    elif suffix == ".csv":
        files.write_claim_csv(claims, target, lossy=args.lossy)
    elif suffix in (".yaml", ".yml") or (suffix == ".json" and not args.jsonld):
        files.write_claim_file(claims, target, lossy=args.lossy)
    else:
        write(claims, target, format=Format.for_path(target), base=args.base)
    out.stderr.write(f"wrote {len(claims)} claims to {target}\n")
    return EXIT_OK


def _time_option(option: str, text: str | None) -> Time | None:
    """The time an option gives, read as claim files read times; none when not given."""
    if not text:
        return None
    try:
        return parse_time(text)
    except ValidationError as error:
        raise _UsageError(f"{option}: expected {error.expected}, found {text!r}") from error


def _select(claims: ClaimSet, args: argparse.Namespace) -> tuple[Claim, ...]:
    """The claims the filter options choose (see ``filters`` in :func:`_parser`)."""
    return select(
        claims,
        proposition=args.proposition or None,
        claimant=args.claimant or None,
        outlet=args.outlet or None,
        stance=args.stance or None,
        since=_time_option("--since", args.since),
        until=_time_option("--until", args.until),
    )


def _table(rows: list[list[str]], header: list[str], out: _Out) -> None:
    width = shutil.get_terminal_size((120, 20)).columns
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    # the last column (the proposition) takes what is left of the terminal
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], width - fixed))
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out.print(out.paint(line.rstrip(), "1"))
    for row in rows:
        cells = [
            c.ljust(w) if i < len(row) - 1 else textwrap.shorten(c, w, placeholder="…")
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.print("  ".join(cells).rstrip())


def _cmd_show(args: argparse.Namespace, out: _Out) -> int:
    claims = _load(args.files, out, args.base_iri)
    selected = _select(claims, args)
    rows = [
        [
            date_text(c),
            c.stance.label,
            c.claimant.name,
            c.outlet.name,
            grades_text(c),
            c.proposition.text,
        ]
        for c in selected
    ]
    _table(rows, ["date", "stance", "claimant", "outlet", "grades", "proposition"], out)
    out.print(f"{len(selected)} of {len(claims)} claims")
    return EXIT_OK


def _cmd_contested(args: argparse.Namespace, out: _Out) -> int:
    claims = _load(args.files, out, args.base_iri)
    contests = claims.contested()
    for contest in contests:
        out.print(out.paint(contest.proposition.text, "1"))
        sides = (
            ("affirm", contest.affirming),
            ("deny", contest.denying),
            ("other", contest.other),
        )
        for side, side_claims in sides:
            for claim in in_listing_order(side_claims):
                date, grades = date_text(claim), grades_text(claim)
                out.print(
                    f"  {side:6} {claim.stance.label}: {claim.claimant.name}, via "
                    f"{claim.outlet.name}"
                    + (f" ({date})" if date else "")
                    + (f"  [{grades}]" if grades else "")
                )
        out.print()
    out.print(f"{len(contests)} contested of {len(claims.propositions)} propositions")
    return EXIT_OK


def _cmd_graph(args: argparse.Namespace, out: _Out) -> int:
    claims = _load(args.files, out, args.base_iri)
    selected = _select(claims, args)
    dot = to_dot(claims, selected, base=args.base)
    if not args.output:
        out.stdout.write(dot)
        return EXIT_OK
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".svg":
        program = shutil.which("dot")
        if program is None:
            raise _UsageError(
                "SVG needs Graphviz's `dot` program, which is not installed; write .dot"
            )
        svg = subprocess.run(
            [program, "-Tsvg"], input=dot.encode(), capture_output=True, check=True
        ).stdout
        _atomic_bytes(target, svg)
    else:
        _atomic_bytes(target, dot.encode())
    out.stderr.write(f"wrote {target}\n")
    return EXIT_OK


def _atomic_bytes(target: Path, data: bytes) -> None:
    with atomic_write(target) as handle:
        handle.write(data)


def _cmd_stats(args: argparse.Namespace, out: _Out) -> int:
    stats = statistics(_load(args.files, out, args.base_iri))
    out.print(
        f"{stats.claims} claims, {stats.propositions} propositions, "
        f"{stats.agents} agents, {stats.outlets} outlets, "
        f"{stats.sources} sources, {stats.contested} contested propositions"
    )
    tables: list[tuple[str, Sequence[tuple[object, int]]]] = [
        ("by stance", stats.by_stance),
        ("by outlet", stats.by_outlet),
        ("by claimant", stats.by_claimant),
        ("by chain depth", stats.by_chain_depth),
    ]
    for title, counts in tables:
        out.print()
        out.print(out.paint(title, "1"))
        for key, count in counts:
            out.print(f"  {count:6}  {key}")
    return EXIT_OK


# ----------------------------------------------------------------------------- stores


def _open_store(args: argparse.Namespace, *, create: bool = False) -> ClaimStore:
    """The store the options name; an embedded one is made only for a push (``create``)."""
    from .store import EmbeddedStore, SparqlEndpoint, auth_from_environment

    if bool(args.store) == bool(args.endpoint):
        raise _UsageError("give exactly one of --store PATH and --endpoint URL")
    if args.store:
        return EmbeddedStore(args.store, create=create, base=args.base)
    return SparqlEndpoint(
        args.endpoint,
        update_url=args.update_endpoint,
        graph_store_url=args.graph_store,
        auth=auth_from_environment(),
        timeout=args.timeout,
        allow_insecure_http=args.allow_http,
        base=args.base,
    )


def _remove_if_empty(store: ClaimStore, folder: Path) -> None:
    """Take away the store a failed push made, if nothing was written into it."""
    try:
        empty = store.triple_count() == 0
    except Exception:  # the store cannot even say: leave it as it is
        return
    if empty:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def _cmd_push(args: argparse.Namespace, out: _Out) -> int:
    # Take the store before reading the input: a second push into a store in use fails
    # at once, not after parsing all of its files.
    made = bool(args.store) and not Path(args.store).exists()
    store = _open_store(args, create=True)
    try:
        report = store.push(_load(args.files, out, args.base_iri), replace=args.replace)
    except BaseException:
        if made:
            _remove_if_empty(store, Path(args.store))
        raise
    finally:
        store.close()
    out.print(
        f"pushed {report.claims} claims ({report.triples} triples) into "
        f"{len(report.graphs)} source graphs"
    )
    return EXIT_OK


def _cmd_pull(args: argparse.Namespace, out: _Out) -> int:
    store = _open_store(args)
    try:
        claims = store.pull()
    finally:
        store.close()
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() in (".yaml", ".yml", ".json"):
        files.write_claim_file(claims, target)
    else:
        write(claims, target, format=Format.for_path(target), base=args.base)
    out.stderr.write(f"wrote {len(claims)} claims to {target}\n")
    return EXIT_OK


def _plain(value: object) -> str | None:
    """A query result's term as text: an IRI as itself, a literal by its lexical form."""
    if value is None:
        return None
    lexical = getattr(value, "lexical", None)
    return str(value) if lexical is None else str(lexical)


def _cmd_query(args: argparse.Namespace, out: _Out) -> int:
    from .store import stock_queries

    if args.list:
        for query in stock_queries():
            out.print(f"{query.name}: {query.description}")
        return EXIT_OK
    if not args.name:
        raise _UsageError("name a stock query (see --list)")
    params: dict[str, object] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise _UsageError(f"--param takes NAME=VALUE, got {item!r}")
        params[key] = value
    if args.files:
        from .store import run_query

        result = run_query(
            to_graph(_load(args.files, out, args.base_iri), base=args.base), args.name, params
        )
    else:
        store = _open_store(args)
        try:
            result = store.query(args.name, params)
        finally:
            store.close()
    rows = [{k: _plain(v) for k, v in row.items()} for row in result.dicts()]
    if args.json:
        out.print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        names = list(result.variables)
        _table([[str(r.get(n) or "") for n in names] for r in rows], names, out)
    return EXIT_OK


# ----------------------------------------------------------------------------- parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="provenance",
        description="Record claims and their sources; check, export and query them as RDF.",
        epilog="Files are read by suffix: .yaml .yml .json .csv are claim files; "
        ".ttl .nt .jsonld .trig .nq .rdf are RDF (a .json with @context is JSON-LD).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    colour = parser.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_const", const=True)
    colour.add_argument("--no-color", dest="color", action="store_const", const=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    formats = [f.value for f in Format]

    def command(name: str, run: Callable[[argparse.Namespace, _Out], int], help: str) -> Any:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        sub.add_argument(
            "--base",
            default=DEFAULT_BASE,
            help="prefix of the IRIs minted for records (default: %(default)s)",
        )
        return sub

    def base_iri(sub: Any) -> None:
        # not --base: that names the namespace minted IRIs go under, on the way out
        sub.add_argument(
            "--base-iri",
            metavar="IRI",
            help="resolve relative IRIs in RDF input against IRI (default: refuse them)",
        )

    def files(sub: Any, nargs: str = "+") -> None:
        sub.add_argument("files", nargs=nargs, metavar="FILE", help="claim files or RDF files")
        base_iri(sub)

    def filters(sub: Any) -> None:
        sub.add_argument("--proposition", help="proposition text contains this")
        sub.add_argument("--claimant", help="claimant name or alias contains this")
        sub.add_argument("--outlet", help="outlet name or alias contains this")
        sub.add_argument("--stance", help="a stance label, e.g. denial")
        sub.add_argument(
            "--since",
            help="made on or after: 2021, 2021-02, 2021-02-16 or an instant with its offset "
            "(2021-02-16T09:30:00+03:30), as in claim files",
        )
        sub.add_argument("--until", help="made on or before (the same forms)")

    def store_options(sub: Any) -> None:
        sub.add_argument("--store", metavar="PATH", help="an embedded Oxigraph store folder")
        sub.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
        sub.add_argument("--update-endpoint", metavar="URL", help="its update endpoint")
        sub.add_argument("--graph-store", metavar="URL", help="its Graph Store Protocol URL")
        sub.add_argument(
            "--timeout", type=float, default=30.0, help="seconds per request (default: 30)"
        )
        sub.add_argument(
            "--allow-http",
            action="store_true",
            help="allow plain http:// beyond this machine (credentials travel unencrypted)",
        )

    sub = command("export", _cmd_export, "write claims as RDF (Turtle unless told otherwise)")
    files(sub)
    sub.add_argument("-o", "--output", metavar="OUT", help="file to write (default: stdout)")
    sub.add_argument("--format", choices=formats, help="RDF format (default: by OUT's suffix)")

    sub = command("check", _cmd_check, "check claim or RDF files for violations")
    files(sub)
    sub.add_argument("--json", action="store_true", help="print the report as JSON")
    sub.add_argument("--no-shacl", action="store_true", help="skip the SHACL validation")
    sub.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    sub.add_argument("--ignore", nargs="+", metavar="CODE", help="rule codes to leave out")

    sub = command("convert", _cmd_convert, "convert between claim files and RDF")
    sub.add_argument("input", metavar="IN")
    base_iri(sub)
    sub.add_argument("output", metavar="OUT", help="its suffix chooses the format")
    sub.add_argument("--format", choices=formats, help="write RDF in this format")
    sub.add_argument("--jsonld", action="store_true", help="a .json OUT is JSON-LD")
    sub.add_argument(
        "--lossy", action="store_true", help="allow CSV or YAML that cannot hold everything"
    )

    sub = command("show", _cmd_show, "list claims as a table, filtered")
    files(sub)
    filters(sub)

    sub = command("contested", _cmd_contested, "who affirms and who denies each proposition")
    files(sub)

    sub = command("graph", _cmd_graph, "draw claims and their reporting chains (DOT or SVG)")
    files(sub)
    filters(sub)
    sub.add_argument("-o", "--output", metavar="OUT", help=".dot, or .svg with Graphviz")

    sub = command("stats", _cmd_stats, "counts by stance, outlet, claimant and chain depth")
    files(sub)

    sub = command("push", _cmd_push, "store claims in an embedded store or a SPARQL endpoint")
    files(sub)
    store_options(sub)
    sub.add_argument("--replace", action="store_true", help="replace each source's graph")

    sub = command("pull", _cmd_pull, "read every claim back from a store")
    store_options(sub)
    sub.add_argument("-o", "--output", metavar="OUT", required=True)

    sub = command("query", _cmd_query, "run a stock SPARQL query on files or a store")
    sub.add_argument("name", nargs="?", help="the stock query's name")
    sub.add_argument("--list", action="store_true", help="list the stock queries")
    sub.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter"
    )
    sub.add_argument("--json", action="store_true", help="print rows as JSON")
    sub.add_argument("--file", dest="files", action="append", default=[], metavar="FILE")
    base_iri(sub)
    store_options(sub)
    return parser


def _fail(out: _Out, message: str) -> int:
    out.stderr.write(f"provenance: error: {_redacted(message)}\n")
    return EXIT_BAD_INPUT


def _redacted(text: str) -> str:
    """``text`` without the secrets the environment gives for SPARQL endpoints."""
    if "provenance.store._endpoint" not in sys.modules:
        return text  # no endpoint was made, so no server can have echoed a secret
    from .store._endpoint import (
        ENVIRONMENT_PASSWORD,
        ENVIRONMENT_TOKEN,
        ENVIRONMENT_USER,
        BasicAuth,
        BearerToken,
        redact,
        secret_forms,
    )

    env = os.environ
    token, password = env.get(ENVIRONMENT_TOKEN), env.get(ENVIRONMENT_PASSWORD)
    secrets: list[str] = []
    if token:
        secrets += secret_forms(BearerToken(token))
    if password:
        secrets += secret_forms(BasicAuth(env.get(ENVIRONMENT_USER) or "", password))
    return redact(text, sorted(set(secrets), key=len, reverse=True))


def _show_warning(out: _Out) -> Callable[..., None]:
    """Warnings as one line each on standard error, as errors are shown."""

    def show(message: Warning | str, *args: object, **kwargs: object) -> None:
        out.stderr.write(f"provenance: warning: {_redacted(str(message))}\n")

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    0 ok, 1 violations, 2 bad input or a file that cannot be read or written, 128 plus
    the signal's number when interrupted (130 for Ctrl-C).
    """
    parser = _parser()
    args = parser.parse_args(argv)
    out = _Out(color=args.color)
    try:
        with warnings.catch_warnings():
            # the library's own warnings (plain http to a server) are shown, once, as a line
            warnings.filterwarnings("default", category=UserWarning, module=r"provenance\b")
            warnings.showwarning = _show_warning(out)
            code = int(args.run(args, out))
        out.stdout.flush()  # a failure to write what is still buffered is reported here
        return code
    except BrokenPipeError:
        # the reader of our output went away (`provenance show … | head`): that is not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt as stop:
        # the writers have removed their temporary files on the way here
        if args.debug:
            raise
        signum = stop.signum if isinstance(stop, _Terminated) else signal.SIGINT
        out.stderr.write(f"provenance: {_STOPPED.get(signum, 'interrupted')}\n")
        return 128 + signum
    except Exception as error:
        if args.debug:
            # the traceback, but never a secret a server echoed into a message
            out.stderr.write(_redacted("".join(traceback.format_exception(error))))
            return EXIT_BAD_INPUT if isinstance(error, ProvenanceError | _UsageError) else 1
        if isinstance(error, _UsageError | _StdoutError):
            return _fail(out, str(error))
        if isinstance(error, ProvenanceError):
            return _fail(out, str(error))
        if isinstance(error, OSError):
            name = error.filename or ""
            return _fail(out, f"{name}: {error.strerror or error}" if name else str(error))
        if isinstance(error, subprocess.CalledProcessError):
            return _fail(out, f"Graphviz failed: {error.stderr.decode(errors='replace').strip()}")
        raise


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    raise _Terminated(signum)


def run() -> NoReturn:
    """The console entry point: :func:`main`, with SIGTERM and SIGHUP ending it as Ctrl-C does.

    The handlers are installed here, not by :func:`main` or at import, so that a program
    calling the library or :func:`main` keeps its own; a signal the caller set to be
    ignored (``nohup``) stays ignored.
    """
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _terminate)
    code = main()
    try:
        sys.stdout.flush()
    except OSError:  # the reader left, or the disk is full: reported by main already
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
