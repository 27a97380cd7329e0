"""One rule for text in every way in: what the model refuses, each reader refuses, located."""

from __future__ import annotations

import json

import pytest

import provenance as pv

_CLAIM = pv.Claim(
    proposition=pv.Proposition("PROPOSITION"),
    claimant=pv.Agent(name="Said Khatibzadeh"),
    source=pv.Source(outlet=pv.Outlet(name="Fars")),
    stance="denial",
    text="CLAIM-TEXT",
)
_EXPECTED = "text every format can carry"


def _only_problem(parse: object, text: str) -> pv.Problem:
    with pytest.raises(pv.ClaimFileError) as caught:
        parse(text, name="in")  # type: ignore[operator]
    (problem,) = caught.value.problems
    return problem


def test_yaml_refuses_nul_at_its_place() -> None:
    """A NUL written as an escape in YAML is a problem naming line, column, field and the
    character's position, not a claim that fails only at an RDF/XML export."""
    text = pv.serialize_claim_yaml(pv.ClaimSet([_CLAIM])).replace(
        "text: PROPOSITION", 'text: "Iran was\\0 involved"'
    )
    problem = _only_problem(pv.parse_claim_yaml, text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "Iran was" in row)

    where = (problem.line, problem.column, problem.field)
    assert where == (line, 11, "propositions.proposition.text")
    assert problem.expected.startswith(_EXPECTED)
    assert problem.expected.endswith("not U+0000 at character 9")


def test_json_refuses_a_control_character_at_its_place() -> None:
    """A control character written as \\u000b in JSON is a located problem of its field."""
    document = json.loads(pv.serialize_claim_json(pv.ClaimSet([_CLAIM])))
    (claim,) = document["claims"]
    document["claims"][claim]["text"] = "CLAIM\u000bTEXT"
    text = json.dumps(document, indent=2)
    problem = _only_problem(pv.parse_claim_json, text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "CLAIM" in row)

    assert (problem.line, problem.field) == (line, f"claims.{claim}.text")
    assert problem.column is not None
    assert problem.expected.endswith("not U+000B at character 6")


def test_csv_refuses_nul_in_its_cell() -> None:
    """A raw NUL in a CSV cell is a problem naming the line and the column."""
    text = "proposition,claimant,outlet,stance\r\nok,A,O,report\r\nP,A,Fa\x00rs,report\r\n"
    problem = _only_problem(pv.parse_claim_csv, text)

    assert (problem.line, problem.field) == (3, "outlet")
    assert problem.expected.endswith("not U+0000 at character 3")


@pytest.mark.parametrize(
    ("placeholder", "escaped", "node_kind"),
    [
        ('"PROPOSITION"', '"Iran\\u0000"', "proposition"),
        ('"CLAIM-TEXT"', '"text \\uFFFF"', "claim"),
        ('"Said Khatibzadeh"', '"Said\\u0007"', "agent"),
    ],
)
def test_turtle_refuses_it_as_rdf_content(placeholder: str, escaped: str, node_kind: str) -> None:
    """Turtle that spells a refused character as an escape is an RDFContentError naming the
    node, with the model's reason, and never a collection that fails later."""
    text = pv.serialize_turtle(pv.ClaimSet([_CLAIM])).replace(placeholder, escaped)
    with pytest.raises(pv.RDFContentError) as caught:
        pv.parse_turtle(text)

    error = caught.value
    assert (f"urn:provenance:{node_kind}/" in (error.node or ""), _EXPECTED in str(error)) == (
        True,
        True,
    )
