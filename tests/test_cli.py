"""The `provenance` command, run as a user runs it: exit codes, output, files left intact."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

import provenance as pv
from _support import load_example
from provenance.cli import main

erbil = load_example("erbil_attack")


@pytest.fixture
def erbil_ttl(tmp_path: Path) -> Path:
    """The Erbil example written as Turtle."""
    path = tmp_path / "erbil.ttl"
    pv.write_turtle(erbil.build(), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_prints_turtle(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """`export` without -o prints the same Turtle the library serializes."""
    code, out, _ = _run(capsys, "export", str(erbil_ttl))
    assert (code, out) == (0, pv.serialize_turtle(erbil.build()))


@pytest.mark.parametrize("fmt", [f.value for f in pv.Format])
def test_export_every_format_reads_back(
    capsys: pytest.CaptureFixture[str], erbil_ttl: Path, tmp_path: Path, fmt: str
) -> None:
    """`export --format F -o OUT` writes a file that reads back as the same claims."""
    target = tmp_path / "out" / f"claims.{fmt}"
    code, _, err = _run(capsys, "export", str(erbil_ttl), "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert pv.read(target, format=fmt) == erbil.build()


def test_check_clean_data_exits_zero(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """The Erbil example has no violations, in Python or in SHACL."""
    code, out, _ = _run(capsys, "check", str(erbil_ttl))
    assert (code, out.strip()) == (0, "no violations")


def test_check_violation_exits_one_with_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A claim made after the source that reports it is a violation: exit 1, code in JSON."""
    late = pv.Claim(
        proposition=pv.Proposition("It rained."),
        claimant=pv.Agent(name="Ann"),
        source=pv.Source(outlet=pv.Outlet(name="Wire"), published=dt.date(2021, 2, 1)),
        stance="report",
        made_at=dt.date(2021, 3, 1),
    )
    path = tmp_path / "late.ttl"
    pv.write_turtle(pv.ClaimSet([late]), path)
    code, out, _ = _run(capsys, "check", "--json", str(path))
    report = json.loads(out)
    assert (code, report["ok"], {v["code"] for v in report["violations"]}) == (
        1,
        False,
        {"PV301"},
    )


def test_missing_file_is_one_line_exit_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file that does not exist: one line naming it, exit 2, no traceback."""
    missing = tmp_path / "nope.ttl"
    code, out, err = _run(capsys, "show", str(missing))
    assert (code, out, err.count("\n"), str(missing) in err, "Traceback" in err) == (
        2,
        "",
        1,
        True,
        False,
    )


def test_bad_turtle_names_line_and_leaves_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Invalid Turtle gives its line; the output file named with -o is left untouched."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    target = tmp_path / "out.ttl"
    target.write_text("previous content")
    code, _, err = _run(capsys, "export", str(bad), "-o", str(target))
    assert (code, "line 3" in err, target.read_text()) == (2, True, "previous content")


def test_contested_shows_denial_via_fars(
    capsys: pytest.CaptureFixture[str], erbil_ttl: Path
) -> None:
    """`contested` shows the Erbil proposition with Khatibzadeh's denial carried by Fars."""
    code, out, _ = _run(capsys, "contested", str(erbil_ttl))
    assert code == 0
    assert (
        "  deny   denial: Said Khatibzadeh, via Fars (2021-02-16)  [outlet C]" in out.splitlines()
    )


def test_show_filters(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """`show` filters by stance, outlet and date, and shows grades where they are set."""
    code, out, _ = _run(
        capsys, "show", str(erbil_ttl), "--outlet", "tabnak", "--since", "2021-02-16"
    )
    lines = out.splitlines()
    assert code == 0
    assert lines[-1] == "1 of 5 claims"
    assert '"may"' in lines[1]
    assert "speculation" in lines[1]


def test_stats_counts(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """`stats` counts the records and the contested propositions."""
    code, out, _ = _run(capsys, "stats", str(erbil_ttl))
    assert (code, out.splitlines()[0]) == (
        0,
        "5 claims, 4 propositions, 5 agents, 3 outlets, 3 sources, 1 contested propositions",
    )


def test_graph_dot_parses_as_dot(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """`graph` prints a DOT digraph with the denial and the chain from the digest to Fars."""
    code, out, _ = _run(capsys, "graph", str(erbil_ttl), "--stance", "denial")
    assert code == 0
    assert out.startswith("digraph claims {")
    assert "denial\\nSaid Khatibzadeh" in out
    assert '[label="derived"]' in out


def test_query_stock_query_on_a_file(capsys: pytest.CaptureFixture[str], erbil_ttl: Path) -> None:
    """`query NAME --file F` runs a stock query on a file without any store."""
    code, out, err = _run(
        capsys,
        "query",
        "claims-by-stance",
        "--param",
        "stance=denial",
        "--file",
        str(erbil_ttl),
        "--json",
    )
    assert code == 0, err
    rows = json.loads(out)
    assert [r["claimantName"] for r in rows] == ["Said Khatibzadeh"]


def test_push_and_pull_through_an_embedded_store(
    capsys: pytest.CaptureFixture[str], erbil_ttl: Path, tmp_path: Path
) -> None:
    """`push` then `pull` with --store gives back the collection pushed."""
    store = tmp_path / "store"
    out_file = tmp_path / "pulled.ttl"
    assert _run(capsys, "push", str(erbil_ttl), "--store", str(store))[0] == 0
    assert _run(capsys, "push", str(erbil_ttl), "--store", str(store))[0] == 0
    code, _, err = _run(capsys, "pull", "--store", str(store), "-o", str(out_file))
    assert code == 0, err
    assert pv.read_turtle(out_file) == erbil.build()


def test_every_command_has_help() -> None:
    """Each command answers --help with exit 0 (argparse's SystemExit)."""
    for command in (
        "export",
        "check",
        "convert",
        "show",
        "contested",
        "graph",
        "stats",
        "push",
        "pull",
        "query",
    ):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0


def test_module_and_console_script_run(erbil_ttl: Path) -> None:
    """`python -m provenance` runs the same command line as the installed script."""
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "stats", str(erbil_ttl)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("5 claims")


def test_convert_round_trip_through_yaml(
    capsys: pytest.CaptureFixture[str], erbil_ttl: Path, tmp_path: Path
) -> None:
    """Turtle → YAML → Turtle with `convert` gives the same graph."""
    yaml_file = tmp_path / "claims.yaml"
    back = tmp_path / "back.ttl"
    assert _run(capsys, "convert", str(erbil_ttl), str(yaml_file))[0] == 0
    assert _run(capsys, "convert", str(yaml_file), str(back))[0] == 0
    assert isomorphic(rdflib.Graph().parse(erbil_ttl), rdflib.Graph().parse(back))


def test_claim_file_with_ten_mistakes_exits_two_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Ten mistakes give ten located lines, exit 2, and the existing output is untouched."""
    from test_files import TEN_MISTAKES

    bad = tmp_path / "mistakes.yaml"
    bad.write_text(TEN_MISTAKES, encoding="utf-8")
    target = tmp_path / "out.ttl"
    target.write_text("previous content")
    code, out, err = _run(capsys, "export", str(bad), "-o", str(target))
    located = [line for line in err.splitlines() if "mistakes.yaml, line " in line]
    assert (code, out, len(located), target.read_text()) == (2, "", 10, "previous content")


def test_digest_dataset_converts_to_yaml_and_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The digest exported to Turtle, converted to YAML and back, gives the same graph."""
    dataset = Path(__file__).resolve().parents[1] / "examples" / "spotlight_on_iran_2021_02.yaml"
    first, yaml_file, back = tmp_path / "a.ttl", tmp_path / "b.yaml", tmp_path / "c.ttl"
    assert _run(capsys, "export", str(dataset), "-o", str(first))[0] == 0
    assert _run(capsys, "check", str(first))[0] == 0
    assert _run(capsys, "convert", str(first), str(yaml_file))[0] == 0
    assert _run(capsys, "convert", str(yaml_file), str(back))[0] == 0
    assert isomorphic(rdflib.Graph().parse(first), rdflib.Graph().parse(back))


def test_closed_pipe_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], erbil_ttl: Path
) -> None:
    """Output into a pipe whose reader has gone (`| head -1`) ends quietly with exit 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before we write: every write meets a closed pipe
    closed = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    with capsys.disabled():
        monkeypatch.setattr(sys, "stdout", closed)
        code = main(["export", str(erbil_ttl)])
        monkeypatch.undo()
    with contextlib.suppress(OSError):
        closed.close()
    assert code == 0
