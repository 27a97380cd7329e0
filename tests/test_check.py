"""The consistency checker: each rule on data that breaks it, and nothing on data that does not."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import provenance as pv
from _support import load_example
from provenance.strategies import claim_sets

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FARS = pv.Outlet(name="Fars", kind="news agency")
ITIC = pv.Outlet(name="ITIC", kind="publisher")
INVOLVED = pv.Proposition("Iran was involved in the attack.")
SPOKESMAN = pv.Agent(name="Said Khatibzadeh")
MILITIA = pv.Agent(name="Saraya Awliya al-Dam", kind="organization")


def day(n: int) -> dt.date:
    """The n-th of February 2021."""
    return dt.date(2021, 2, n)


def fars(published: pv.Time | None = None) -> pv.Source:
    return pv.Source(outlet=FARS, published=published)


def claim(
    stance: str | pv.Stance,
    *,
    by: pv.Agent = SPOKESMAN,
    on: pv.Proposition = INVOLVED,
    made: pv.Time | None = None,
    source: pv.Source | None = None,
    **fields: object,
) -> pv.Claim:
    return pv.Claim(
        proposition=on,
        claimant=by,
        source=source or fars(),
        stance=stance,
        made_at=made,
        **fields,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------ one example per rule


def _claim_after_source() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    late = claim("denial", made=day(18), source=fars(day(16)))
    return pv.ClaimSet([late]), late


def _derived_from_later() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    digest = pv.Source(outlet=ITIC, published=day(10), derived_from=[fars(day(16))])
    return pv.ClaimSet([digest]), digest


def _claim_after_retraction() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    report = claim("statement", made=day(12))
    retraction = claim("retraction", made=day(10), contests=[report])
    return pv.ClaimSet([report, retraction]), retraction


def _link_to_later_claim() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    responsibility = claim("claim of responsibility", by=MILITIA, made=day(12))
    denial = claim("denial", made=day(10), contests=[responsibility])
    return pv.ClaimSet([responsibility, denial]), denial


def _affirms_and_denies() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    said = claim("statement", made=day(10), text="we were there")
    unsaid = claim("denial", made=day(12), text="we were never there")
    return pv.ClaimSet([said, unsaid]), SPOKESMAN


def _shared_name() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    khaji = pv.Agent(name="Ali-Asghar Khaji")
    again = pv.Agent(name="ali-asghar  khaji ", kind="organization")
    second = max([khaji, again], key=pv.iri_of)
    return pv.ClaimSet([claim("statement", by=khaji), claim("report", by=again)]), second


def _duplicate_claim() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    once = claim("denial", text="forcefully rejected")
    twice = claim("denial", text="rejected and condemned")
    return pv.ClaimSet([once, twice]), max([once, twice], key=pv.iri_of)


def _unconfirmed_confirmation() -> tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]:
    graded = claim("claim of responsibility", by=MILITIA, credibility=1)
    return pv.ClaimSet([graded, claim("denial")]), graded


EXAMPLES: dict[str, Callable[[], tuple[pv.ClaimSet, pv.Claim | pv.Source | pv.Agent]]] = {
    "PV301": _claim_after_source,
    "PV302": _derived_from_later,
    "PV303": _claim_after_retraction,
    "PV304": _link_to_later_claim,
    "PV401": _affirms_and_denies,
    "PV402": _shared_name,
    "PV403": _duplicate_claim,
    "PV404": _unconfirmed_confirmation,
}


def test_every_python_rule_has_an_example() -> None:
    """The examples below cover exactly the rules the Python checker raises."""
    assert set(EXAMPLES) == {r.code for r in pv.Rule.catalogue() if r.python}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_example_breaks_exactly_that_rule(code: str) -> None:
    """Data built to break one rule gets exactly that code, about the record it should name."""
    claims, focus = EXAMPLES[code]()
    report = pv.check(claims)
    assert [(v.code, v.focus) for v in report] == [(code, pv.iri_of(focus))]


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_example_breaks_that_rule_in_shacl_on_exported_turtle(code: str) -> None:
    """The shipped shapes find the same violation, of the same record, in the Turtle export."""
    claims, focus = EXAMPLES[code]()
    report = pv.validate_turtle(pv.serialize_turtle(claims))
    assert {(v.code, v.focus) for v in report} == {(code, pv.iri_of(focus))}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_severity_follows_the_catalogue(code: str) -> None:
    """A violation carries the severity its rule has in the catalogue."""
    claims, _ = EXAMPLES[code]()
    assert {v.severity for v in pv.check(claims)} == {pv.Rule.from_code(code).severity}


# ------------------------------------------------------------------ what is not a violation


def test_erbil_example_passes() -> None:
    """The Erbil example is consistent: no error, no warning."""
    assert pv.check(load_example("erbil_attack").build()).violations == ()


@pytest.mark.parametrize(
    ("made", "published"),
    [
        (pv.YearMonth(2021, 2), day(16)),  # some day in February: perhaps before the 16th
        (day(16), pv.YearMonth(2021, 2)),
        (dt.datetime(2021, 2, 16, 23, tzinfo=dt.UTC), day(16)),
        (day(16), day(16)),
        (pv.Year(2021), pv.Year(2021)),
        (day(16), dt.datetime(2021, 2, 16, 0, 0, tzinfo=dt.UTC)),
    ],
)
def test_times_that_may_be_in_order_are_not_flagged(made: pv.Time, published: pv.Time) -> None:
    """A claim is flagged only when it was certainly made after its source was published."""
    assert pv.check([claim("denial", made=made, source=fars(published))]).codes == frozenset()


def test_day_after_publication_is_flagged_at_any_precision_that_makes_it_certain() -> None:
    """A claim dated in March is certainly after a source published in February."""
    late = claim("denial", made=pv.YearMonth(2021, 3), source=fars(day(28)))
    assert pv.check([late]).codes == {"PV301"}


def test_instant_east_of_greenwich_is_read_at_its_own_offset() -> None:
    """01:00 in Tehran on the 17th is still the 16th in UTC, so not after a source of the 16th."""
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    made = dt.datetime(2021, 2, 17, 1, 0, tzinfo=tehran)
    assert pv.check([claim("denial", made=made, source=fars(day(16)))]).codes == frozenset()


def test_a_retraction_between_separates_affirming_and_denying() -> None:
    """Affirm, retract, deny: the claimant changed their mind in order, which is no violation."""
    claims = [
        claim("statement", made=day(10)),
        claim("retraction", made=day(11)),
        claim("denial", made=day(12)),
    ]
    assert pv.check(claims).codes == frozenset()


def test_a_retraction_after_both_does_not_separate_them() -> None:
    """Affirm, deny, then retract: the contradiction stood before the retraction."""
    claims = [
        claim("statement", made=day(10)),
        claim("denial", made=day(12)),
        claim("retraction", made=day(14)),
    ]
    assert pv.check(claims).codes == {"PV401"}


def test_a_retraction_of_unknown_time_may_lie_between() -> None:
    """A retraction without a time could have come between, so nothing is flagged."""
    claims = [
        claim("statement", made=day(10)),
        claim("denial", made=day(12)),
        claim("retraction"),
    ]
    assert pv.check(claims).codes == frozenset()


def test_different_claimants_may_disagree() -> None:
    """One claimant affirming and another denying is a contest, not a contradiction."""
    claims = [claim("claim of responsibility", by=MILITIA), claim("denial")]
    assert pv.check(claims).codes == frozenset()


def test_a_confirming_claim_supports_credibility_one() -> None:
    """Credibility 1 on a contested proposition is fine where a claim confirms it."""
    claims = [
        claim("claim of responsibility", by=MILITIA, credibility=1),
        claim("denial"),
        claim("confirmation", by=pv.Agent(name="a US official")),
    ]
    assert pv.check(claims).codes == frozenset()


def test_an_agent_and_an_outlet_may_share_a_name() -> None:
    """Hezbollah the organization and a channel called Hezbollah are not one agent twice."""
    hezbollah = pv.Agent(name="Hezbollah", kind="organization")
    channel = pv.Source(outlet=pv.Outlet(name="Hezbollah", kind="TV channel"))
    assert pv.check([claim("statement", by=hezbollah, source=channel)]).codes == frozenset()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (pv.Agent(name="Khaji"), pv.Agent(name="KHAJI", kind="organization")),
        (pv.Agent(name="Ali Khaji"), pv.Agent(name="Ali\u00a0\tKhaji")),
        (pv.Agent(name="Ali-Asghar Khaji"), pv.Agent(name="Khaji", aliases=["ali-asghar khaji"])),
        (pv.Agent(name="A", aliases=["Ali"]), pv.Agent(name="B", aliases=["ali "])),
    ],
)
def test_shared_names_are_compared_without_case_and_spacing(
    first: pv.Agent, second: pv.Agent
) -> None:
    """Names and aliases match whatever their case and whitespace."""
    report = pv.check([first, second])
    assert [v.code for v in report] == ["PV402"]


# ------------------------------------------------------------------ properties


@SETTINGS
@given(claim_sets(max_claims=8, contested=True, chain_depth=2))
def test_valid_collections_pass(claims: pv.ClaimSet) -> None:
    """The shipped strategies' collections, contested and chained, have no violation."""
    assert pv.check(claims).violations == ()


@pytest.mark.parametrize("code", sorted(EXAMPLES))
@settings(SETTINGS, max_examples=15)
@given(data=st.data())
def test_broken_collections_break_exactly_their_rule(code: str, data: st.DataObject) -> None:
    """A valid collection broken in the way a rule names reports that code and no other."""
    claims = data.draw(claim_sets(broken=code))
    assert pv.check(claims).codes == {code}


_POLARITY = {"a": "statement", "d": "denial", "r": "retraction"}


def _spans(claims: list[pv.Claim]) -> list[tuple[float, float]]:
    from provenance._views import span

    out = []
    for c in claims:
        low, high = span(c.made_at) if c.made_at is not None else (-1e30, 1e30)
        out.append((low, high))
    return out


def _brute_force(claims: list[pv.Claim]) -> bool:
    """PV401 as its definition states it: some affirming and denying pair with no
    retraction that can lie between them (at or after one, at or before the other)."""
    spans = dict(zip(claims, _spans(claims), strict=True))
    kinds = {c: c.stance.polarity for c in claims}
    for a in claims:
        for d in claims:
            if kinds[a] is not pv.Polarity.AFFIRMING or kinds[d] is not pv.Polarity.DENYING:
                continue
            (alo, ahi), (dlo, dhi) = spans[a], spans[d]
            if not any(
                (rhi >= alo and rlo <= dhi) or (rhi >= dlo and rlo <= ahi)
                for r, (rlo, rhi) in spans.items()
                if kinds[r] is pv.Polarity.WITHDRAWING
            ):
                return True
    return False


@settings(SETTINGS, max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(_POLARITY)),
            st.none() | st.integers(min_value=1, max_value=28),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_affirms_and_denies_sweep_matches_its_definition(
    plan: list[tuple[str, int | None, bool]],
) -> None:
    """The O(n log n) sweep for PV401 flags exactly what checking every pair would."""
    claims = []
    for i, (kind, when, coarse) in enumerate(plan):
        made: pv.Time | None = None
        if when is not None:
            made = pv.YearMonth(2021, 2) if coarse and when % 3 == 0 else day(when)
        claims.append(claim(_POLARITY[kind], made=made, text=f"claim {i}"))
    flagged = "PV401" in pv.check(claims).codes
    assert flagged == _brute_force(claims)


# ------------------------------------------------------------------ the report


def test_catalogue_codes_are_stable_and_unique() -> None:
    """Codes are PV and three digits, unique, in order, each with a kebab-case name."""
    rules = pv.Rule.catalogue()
    codes = [r.code for r in rules]
    assert codes == sorted(set(codes))
    assert all(re.fullmatch(r"PV[1-4]\d\d", c) for c in codes)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name) for r in rules)


def test_unknown_code_is_a_key_error() -> None:
    """Asking for a code the catalogue lacks raises KeyError, as a mapping would."""
    with pytest.raises(KeyError):
        pv.Rule.from_code("PV999")


def test_report_separates_errors_from_warnings_and_lists_them() -> None:
    """A report knows its errors, warnings and codes, and prints one line per violation."""
    late, _ = _claim_after_source()
    twice, _ = _duplicate_claim()
    report = pv.check([*late, *twice])
    assert (report.ok, [v.code for v in report.errors], [v.code for v in report.warnings]) == (
        False,
        ["PV301"],
        ["PV403"],
    )
    lines = str(report).splitlines()
    assert lines[0] == "2 violations (1 error, 1 warning)"
    assert [line.split()[:2] for line in lines[1:]] == [["PV301", "error"], ["PV403", "warning"]]


def test_report_ignoring_drops_the_named_rules_only() -> None:
    """`ignoring` leaves out the violations of the codes named, and refuses unknown codes."""
    late, _ = _claim_after_source()
    twice, _ = _duplicate_claim()
    report = pv.check([*late, *twice])
    kept = report.ignoring("PV403")
    assert (kept.codes, kept.ok) == (frozenset({"PV301"}), False)
    with pytest.raises(KeyError):
        report.ignoring("PV4O3")


def test_a_report_of_warnings_only_is_ok() -> None:
    """Warnings alone leave a report ok."""
    twice, _ = _duplicate_claim()
    report = pv.check(twice)
    assert (report.ok, len(report)) == (True, 1)


def test_nodes_are_minted_under_the_base_given() -> None:
    """With a base, the nodes named are the IRIs `to_graph` writes under that base."""
    claims, focus = _claim_after_source()
    base = "https://example.org/erbil/"
    (violation,) = pv.check(claims, base=base)
    assert violation.nodes == (
        pv.iri_of(focus, base=base),
        pv.iri_of(next(iter(claims)).source, base=base),
    )


def test_records_are_gathered_into_a_collection() -> None:
    """`check` takes plain records, and two different records of one identity are refused."""
    assert pv.check([claim("denial", confidence=0.9)]).ok
    with pytest.raises(pv.ConflictError):
        pv.check([claim("denial", confidence=0.9), claim("denial", confidence=0.1)])


def test_a_bad_base_is_refused() -> None:
    """A base under which no absolute IRI can be minted is a ValidationError."""
    with pytest.raises(pv.ValidationError):
        pv.check([], base="not a base")


def test_report_to_json_is_what_check_json_prints() -> None:
    """`to_json` gives the files checked, whether the report is ok, its counts, and each
    violation's code, rule, severity, nodes and message, non-ASCII text as itself."""
    late, _ = _claim_after_source()
    twice, _ = _duplicate_claim()
    report = pv.check([*late, *twice])
    data = json.loads(report.to_json(files=["a.yaml", "b.ttl"]))
    assert data == {
        "files": ["a.yaml", "b.ttl"],
        "ok": False,
        "errors": 1,
        "warnings": 1,
        "violations": [
            {
                "code": v.code,
                "rule": v.rule.name,
                "severity": v.severity.value,
                "nodes": list(v.nodes),
                "message": v.message,
            }
            for v in report
        ],
    }
    assert [v["rule"] for v in data["violations"]] == ["claim-after-source", "duplicate-claim"]
    assert (
        json.loads(report.to_json())
        == report.to_dict()
        == {k: v for k, v in data.items() if k != "files"}
    )
    persian = pv.Report([pv.Violation("PV402", pv.Severity.WARNING, ("urn:x",), "خبرگزاری فارس")])
    assert "خبرگزاری فارس" in persian.to_json()


def test_reports_combine_with_each_breach_once() -> None:
    """Combining reports keeps one violation per rule and record, worded by the last report
    holding it, and every other violation of each."""
    first = pv.Violation("PV301", pv.Severity.ERROR, ("urn:a", "urn:s"), "in Python's words")
    again = pv.Violation("PV301", pv.Severity.ERROR, ("urn:a",), "in SHACL's words")
    other = pv.Violation("PV301", pv.Severity.ERROR, ("urn:b",), "another claim")
    warning = pv.Violation("PV402", pv.Severity.WARNING, ("urn:a",), "a shared name")
    combined = pv.Report.combine(pv.Report([first, warning]), pv.Report([again, other]))
    assert combined == pv.Report([again, other, warning])
    assert pv.Report.combine() == pv.Report()
