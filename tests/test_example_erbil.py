"""The Erbil example: it runs as documented, and independent RDF tools read what it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import prov
import prov.model
import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

import provenance as pv
from _support import ROOT, load_example

erbil = load_example("erbil_attack")

# The denial and the claim of responsibility about one proposition, by stance IRI only:
# a query any SPARQL 1.1 engine runs, with no knowledge of our Python model.
SIDE_BY_SIDE = """
PREFIX pc: <https://w3id.org/provenance-claims/vocab#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?proposition ?denier ?claimer ?outlet WHERE {
  ?denial pc:proposition ?proposition ; pc:stance pc:Denial ;
          prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ?d ] ;
          prov:wasDerivedFrom/prov:wasAttributedTo/rdfs:label ?outlet .
  ?d rdfs:label ?denier .
  ?responsibility pc:proposition ?proposition ; pc:stance pc:ClaimOfResponsibility ;
          prov:qualifiedAttribution [ dcat:hadRole pc:ClaimantRole ; prov:agent ?c ] .
  ?c rdfs:label ?claimer .
}
"""
EXPECTED_ROW = ("Said Khatibzadeh", "Saraya Awliya al-Dam", "Fars")


@pytest.fixture(scope="module")
def turtle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Turtle file the example writes when run as the README says."""
    out = tmp_path_factory.mktemp("erbil") / "erbil.ttl"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "erbil_attack.py"), str(out)],
        check=True,
        capture_output=True,
    )
    return out


def test_output_folder_is_created(tmp_path: Path) -> None:
    """The example creates the folder of its output, as `build/` on a fresh clone needs."""
    target = tmp_path / "build" / "nested" / "erbil.ttl"
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "erbil_attack.py"), str(target)],
        check=True,
        capture_output=True,
    )
    assert pv.read_turtle(target) == erbil.build()


def test_file_and_standard_output_agree(turtle_file: Path) -> None:
    """Without OUT the example prints the same Turtle it writes to a file."""
    printed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "erbil_attack.py")],
        check=True,
        capture_output=True,
    ).stdout
    assert printed == turtle_file.read_bytes()


def test_round_trip_gives_back_the_case(turtle_file: Path) -> None:
    """Reading the written file gives back exactly the collection the example built."""
    assert pv.read_turtle(turtle_file) == erbil.build()


def test_the_case_is_contested_with_the_denial_via_fars() -> None:
    """The proposition on who is behind the attack is contested, the Fars denial on one side."""
    (contest,) = erbil.build().contested()
    assert [(c.claimant.name, c.source.outlet.name) for c in contest.denying] == [
        ("Said Khatibzadeh", "Fars")
    ]
    assert [c.stance for c in contest.affirming] == [pv.Stance.CLAIM_OF_RESPONSIBILITY]


def test_assessment_carries_likely() -> None:
    """The editor's assessment of the group's militia link is graded "likely"."""
    (assessment,) = erbil.build().by_stance(pv.Stance.ASSESSMENT)
    assert assessment.confidence == pv.Confidence(term=pv.EstimativeTerm.LIKELY)


def test_rdflib_sparql_finds_denial_and_responsibility(turtle_file: Path) -> None:
    """SPARQL over rdflib's parse finds the denial and the claim of responsibility together."""
    graph = rdflib.Graph().parse(turtle_file, format="turtle")
    rows = [tuple(str(v) for v in row[1:]) for row in graph.query(SIDE_BY_SIDE)]  # type: ignore[index]
    assert rows == [EXPECTED_ROW]


def test_oxigraph_sparql_finds_denial_and_responsibility(turtle_file: Path) -> None:
    """The same query over Oxigraph's strict parse gives the same single row."""
    store = ox.Store()
    store.load(path=str(turtle_file), format=ox.RdfFormat.TURTLE)
    solutions = store.query(SIDE_BY_SIDE)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = [tuple(s[name].value for name in ("denier", "claimer", "outlet")) for s in solutions]
    assert rows == [EXPECTED_ROW]


def _uri(record: prov.model.ProvRecord) -> str:
    assert record.identifier is not None
    return str(record.identifier.uri)


def test_prov_package_reads_the_output(turtle_file: Path) -> None:
    """The `prov` package's PROV-O reader sees our claims as entities and our agents as agents."""
    document = prov.read(str(turtle_file), format="rdf", rdf_format="turtle")
    assert document is not None
    entities = {_uri(r) for r in document.get_records(prov.model.ProvEntity)}
    agents = {_uri(r) for r in document.get_records(prov.model.ProvAgent)}
    graph = rdflib.Graph().parse(turtle_file, format="turtle")
    pc = rdflib.Namespace("https://w3id.org/provenance-claims/vocab#")
    claims = {str(c) for c in graph.subjects(rdflib.RDF.type, pc.Claim)}
    people = {str(a) for a in graph.subjects(rdflib.RDF.type, rdflib.PROV.Person)}
    assert claims
    assert claims <= entities
    assert people
    assert people <= agents


def test_prov_o_shapes_find_nothing_in_our_output(turtle_file: Path, shared: Path) -> None:
    """The public SHACL shapes for PROV-O report no violation on any node we wrote."""
    shapes = rdflib.Graph().parse(shared / "prov/shacl/cdo-shapes-prov-o/sh-prov-o.ttl")
    ontology = rdflib.Graph().parse(shared / "prov/w3c-ns/prov-o.ttl")
    data = rdflib.Graph().parse(turtle_file, format="turtle")
    ours = set(data.subjects())
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", do_owl_imports=False
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    focus = {f for f in report.objects(None, sh.focusNode) if f in ours}
    assert focus == set()


def test_prov_o_shapes_do_catch_a_misuse(turtle_file: Path, shared: Path) -> None:
    """The same check fails once an attribution names a claim as its agent, so it can fail."""
    shapes = rdflib.Graph().parse(shared / "prov/shacl/cdo-shapes-prov-o/sh-prov-o.ttl")
    ontology = rdflib.Graph().parse(shared / "prov/w3c-ns/prov-o.ttl")
    data = rdflib.Graph().parse(turtle_file, format="turtle")
    pc = rdflib.Namespace("https://w3id.org/provenance-claims/vocab#")
    claim = next(data.subjects(rdflib.RDF.type, pc.Claim))
    attribution = next(data.subjects(rdflib.RDF.type, rdflib.PROV.Attribution))
    data.set((attribution, rdflib.PROV.agent, claim))
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", do_owl_imports=False
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert claim in set(report.objects(None, sh.focusNode)) | set(report.objects(None, sh.value))


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    """A target below a plain file gives one line naming the target and exit status 1."""
    (tmp_path / "file").write_text("not a folder")
    target = tmp_path / "file" / "erbil.ttl"
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "erbil_attack.py"), str(target)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert (result.returncode, result.stderr.count("\n"), str(target) in result.stderr) == (
        1,
        1,
        True,
    )
