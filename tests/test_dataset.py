"""The digest as a dataset: it loads, is consistent, holds what the digest cites, and its
Erbil records are the Erbil example's."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest

import provenance as pv
from _support import ROOT, load_example

DATASET = ROOT / "examples" / "spotlight_on_iran_2021_02.yaml"
CORPUS = "corpus/spotlight-on-iran-2021-02-07.txt"
ITIC = "Meir Amit Intelligence and Terrorism Information Center"

PC = "https://w3id.org/provenance-claims/vocab#"
COUNTS = f"""
PREFIX pc: <{PC}>
SELECT
  (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?outlet) AS ?outlets)
  (COUNT(DISTINCT ?contested) AS ?contested)
WHERE {{
  {{ ?claim a pc:Claim }}
  UNION {{ ?outlet a pc:Outlet }}
  UNION {{
    ?for pc:proposition ?contested ; pc:stance/pc:polarity pc:Affirming .
    ?against pc:proposition ?contested ; pc:stance/pc:polarity pc:Denying .
  }}
}}
"""


@pytest.fixture(scope="module")
def dataset() -> pv.ClaimSet:
    """The shipped dataset, read as a user reads it."""
    return pv.read_claim_file(DATASET)


def _claim(claims: pv.ClaimSet, claimant: str, proposition_start: str) -> pv.Claim:
    (found,) = (
        c
        for c in claims
        if c.claimant.name == claimant and c.proposition.text.startswith(proposition_start)
    )
    return found


def test_counts(dataset: pv.ClaimSet) -> None:
    """The dataset holds the records its header describes, and one contested proposition."""
    assert (
        len(dataset),
        len(dataset.propositions),
        len(dataset.agents),
        len(dataset.outlets),
        len(dataset.sources),
        len(dataset.contested()),
    ) == (58, 56, 35, 16, 19, 1)


def test_the_erbil_proposition_is_contested_with_the_denial_via_fars(
    dataset: pv.ClaimSet,
) -> None:
    """Saraya Awliya al-Dam's claim of responsibility stands against Khatibzadeh's denial in
    Fars, and nothing else contests anything."""
    (contest,) = dataset.contested()
    assert contest.proposition.text.startswith("Iran or forces aligned with it carried out")
    assert [(c.claimant.name, c.stance.label, c.outlet.name) for c in contest.affirming] == [
        ("Saraya Awliya al-Dam", "claim of responsibility", ITIC)
    ]
    assert [(c.claimant.name, c.stance.label, c.outlet.name) for c in contest.denying] == [
        ("Said Khatibzadeh", "denial", "Fars")
    ]


def test_dataset_is_consistent(dataset: pv.ClaimSet) -> None:
    """The consistency checker finds nothing wrong with the dataset, not even a warning."""
    report = pv.check(dataset)
    assert len(report) == 0, str(report)


def test_export_holds_the_expected_numbers(dataset: pv.ClaimSet, tmp_path: Path) -> None:
    """The Turtle export, queried with SPARQL beside the shipped vocabulary, has 58 claims,
    16 outlets and one contested proposition, and reads back as the dataset."""
    out = tmp_path / "spotlight.ttl"
    pv.write_turtle(dataset, out)
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TURTLE)
    vocabulary = resources.files("provenance").joinpath("data/vocabulary.ttl").read_bytes()
    store.load(vocabulary, format=ox.RdfFormat.TURTLE)
    (row,) = store.query(COUNTS)  # type: ignore[misc]
    assert [int(row[name].value) for name in ("claims", "outlets", "contested")] == [58, 16, 1]
    assert pv.read_turtle(out) == dataset


def _triples(claims: pv.ClaimSet) -> set[ox.Triple]:
    return set(ox.parse(pv.serialize_turtle(claims), format=ox.RdfFormat.TURTLE))


def test_erbil_example_is_part_of_the_dataset(dataset: pv.ClaimSet) -> None:
    """Every triple the Erbil example writes is in the dataset's export: the same records,
    IRIs and fields; only the digest derives from more sources here, which makes the digest
    and the claims that lean on it unequal as Python objects, and nothing else."""
    erbil = load_example("erbil_attack").build()
    assert _triples(erbil) - _triples(dataset) == set()
    by_iri = {pv.iri_of(r): r for r in dataset.records}
    unequal = [r for r in erbil.records if by_iri[pv.iri_of(r)] != r]
    assert sorted(type(r).__name__ for r in unequal) == ["Claim"] * 5 + ["Source"]
    (digest,) = (r for r in unequal if isinstance(r, pv.Source))
    held = by_iri[pv.iri_of(digest)]
    assert isinstance(held, pv.Source)
    assert digest.derived_from < held.derived_from


def test_reporting_chains(dataset: pv.ClaimSet) -> None:
    """The digest cites ISNA, which quoted Khaji's Sputnik interview; it cites the Nujabaa
    Telegram channel, which quoted the Press TV interview; al-Hurra's sources are unnamed."""
    (digest,) = (s for s in dataset.sources if s.outlet.name == ITIC)

    def chain(claim: pv.Claim) -> list[tuple[str, str]]:
        """The outlets and links from the digest down to the claim's own source."""
        steps = [(claim.source.outlet.name, "")]
        current = claim.source
        while current != digest:
            (parent, kind) = next(
                (s, d.kind.value)
                for s in dataset.sources
                for d in s.derived_from
                if d.source == current
            )
            steps.append((parent.outlet.name, kind))
            current = parent
        return steps[::-1]

    khaji = _claim(dataset, "Ali-Asghar Khaji", "Iran's forces are in Syria")
    assert chain(khaji) == [(ITIC, "derived"), ("ISNA", "quoted"), ("Sputnik", "")]
    shammari = _claim(dataset, "Nasr al-Shammari", "Under Khamenei's leadership")
    assert chain(shammari) == [
        (ITIC, "derived"),
        ("Telegram channel of Harakat al-Nujabaa", "quoted"),
        ("Press TV", ""),
    ]
    hurra = [c for c in dataset if c.outlet.name == "al-Hurra"]
    assert {(c.claimant.name, c.claimant.kind) for c in hurra} == {
        ("foreign intelligence sources", pv.AgentKind.UNNAMED)
    }
    assert len(hurra) == 5


def test_speakers_and_name_variants(dataset: pv.ClaimSet) -> None:
    """Khaji is one agent under both spellings the digest uses, speaking for the foreign
    ministry like Khatibzadeh; Kashefi speaks for the joint chamber of commerce."""
    speakers = {a.name: a for a in dataset.agents}
    khaji = speakers["Ali-Asghar Khaji"]
    assert khaji.aliases == frozenset({"Ali-Asghan Khaji"})
    assert not any("Khaji" in name for name in speakers if name != "Ali-Asghar Khaji")
    assert khaji.on_behalf_of == speakers["Said Khatibzadeh"].on_behalf_of
    assert khaji.on_behalf_of is not None
    assert khaji.on_behalf_of.name == "Ministry of Foreign Affairs of Iran"
    kashefi = speakers["Keyvan Kashefi"].on_behalf_of
    assert kashefi is not None
    assert kashefi.name == "Joint Iranian-Syrian Chamber of Commerce"


def test_times_at_the_digests_precision(dataset: pv.ClaimSet) -> None:
    """Publications are dated to the day, "mid-February" is the month, interviews the
    digest does not date have no date."""
    by_outlet = {s.outlet.name: s.published for s in dataset.sources}
    assert by_outlet["Tehran Times"] == dt.date(2021, 2, 12)
    assert by_outlet[ITIC] == pv.YearMonth(2021, 2)
    assert by_outlet["Sputnik"] is None
    assert by_outlet["Press TV"] is None
    flights = _claim(dataset, "sources that track flights", "Qeshm Fars Air")
    assert flights.made_at == pv.YearMonth(2021, 2)


def test_dataset_text_round_trips(dataset: pv.ClaimSet) -> None:
    """Written back by the library, the dataset reads as the same collection."""
    again = pv.parse_claim_yaml(pv.serialize_claim_yaml(dataset))
    assert again == dataset
    assert pv.serialize_turtle(again) == pv.serialize_turtle(dataset)


# --------------------------------------------------------------------------- the corpus

MONTH = "February"


def _norm(name: str) -> str:
    return name.casefold().replace("’", "'").strip()


def _citations(text: str) -> list[tuple[str, int]]:
    """Every (outlet, day) the digest cites in parentheses: "(IRNA, February 7; Mehr, …)"."""
    found = []
    for group in re.findall(rf"\(([^()]*? {MONTH} \d+)\)", text):
        for part in group.split(";"):
            outlet, _, day = part.rpartition(f", {MONTH} ")
            if outlet:
                found.append((outlet.strip(), int(day)))
    return found


# Outlets the digest cites inline, before a parenthesized date: "al-Hurra reported (February 9)".
INLINE = [("al-Hurra", "al-Hurra reported", 9), ("Eqtesad", "Eqtesad reported", 6)]
INLINE += [("Tabnak", "website Tabnak", 16)]


def test_every_citation_of_the_digest_is_a_source(shared: Path, dataset: pv.ClaimSet) -> None:
    """Each outlet the digest cites, with its date, is a source of the dataset that the digest
    derives from: the thirteen parenthesized citations and the three inline ones."""
    text = (shared / CORPUS).read_text(encoding="utf-8")
    cited = _citations(text)
    for _, words, day in INLINE:
        assert f"{words} ({MONTH} {day})" in text
    cited += [(outlet, day) for outlet, _, day in INLINE]
    assert len(cited) == 16

    (digest,) = (s for s in dataset.sources if s.outlet.name == ITIC)
    derived = {d.source for d in digest.derived_from}
    held = {
        (_norm(name), s.published) for s in derived for name in (s.outlet.name, *s.outlet.aliases)
    }
    missing = [(o, d) for o, d in cited if (_norm(o), dt.date(2021, 2, d)) not in held]
    assert missing == []
    assert len(derived) == len(cited)
