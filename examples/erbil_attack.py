"""The Erbil airport rocket attack of 15 February 2021, as claims with their sources.

The "Spotlight on Iran" digest of 7–21 February 2021 (Meir Amit Intelligence and
Terrorism Information Center, editor Raz Zimmt) reports the attack and what was said
about it. This script records those statements as claims, in our own words, and
writes them as Turtle::

    python examples/erbil_attack.py build/erbil.ttl   # or standard output without OUT

How the case is modelled:

* The casualty figures are a *report* by the editor, in the digest.
* Who is behind the attack is one proposition ("Iran or forces aligned with it
  carried out the attack"), so the claims on it stand side by side: Saraya Awliya
  al-Dam's *claim of responsibility* (the editor judges the group an Iran-aligned
  militia front) and the *denial* by Said Khatibzadeh, spokesman of Iran's foreign
  ministry, carried by Fars on 16 February. The proposition is therefore contested.
* The editor's *assessment* that the group is likely linked to a Shia Iraqi militia
  is a claim of its own, graded with the ICD 203 term "likely" (0.55–0.80).
* A Tabnak commentary of 16 February *speculates* that the attack was a message to
  Turkey and the Kurdistan Democratic Party; it supports the claim of responsibility.
  Its hedge "may" is kept as wording: ICD 203 has no term for it, and no number is
  invented.
* Each outlet carries an Admiralty reliability grade (Tabnak's changes over time), and
  the claim of responsibility a credibility grade. These grades are illustrative,
  chosen to show the model, and are not this project's assessment of anyone.
* The digest itself is a source derived from Fars and Tabnak, so the chain
  digest → Fars → spokesman is data.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import provenance as pv

__all__ = ["build"]


def build() -> pv.ClaimSet:
    """The Erbil cluster of the digest as a :class:`provenance.ClaimSet`."""
    # Outlets and the publications of theirs that the digest cites.
    itic = pv.Outlet(
        name="Meir Amit Intelligence and Terrorism Information Center",
        kind=pv.OutletKind.PUBLISHER,
        aliases=["ITIC"],
        language="en",
        reliability=pv.Reliability.C,
    )
    fars = pv.Outlet(
        name="Fars",
        kind=pv.OutletKind.NEWS_AGENCY,
        language="fa",
        reliability=pv.Reliability.C,
    )
    tabnak = pv.Outlet(
        name="Tabnak",
        kind=pv.OutletKind.WEBSITE,
        language="fa",
        reliability=[
            pv.ReliabilityGrade(pv.Reliability.F, end=pv.Year(2019)),
            pv.ReliabilityGrade(pv.Reliability.C, start=pv.Year(2020)),
        ],
    )

    fars_feb16 = pv.Source(outlet=fars, published=dt.date(2021, 2, 16), language="fa")
    tabnak_feb16 = pv.Source(
        outlet=tabnak,
        published=dt.date(2021, 2, 16),
        title="Commentary on the Erbil airport attack",
        language="fa",
    )
    digest = pv.Source(
        outlet=itic,
        published=pv.YearMonth(2021, 2),
        title="Spotlight on Iran, 7–21 February 2021",
        language="en",
        derived_from=[fars_feb16, tabnak_feb16],
    )

    # Who speaks.
    editor = pv.Agent(
        name="Raz Zimmt", kind=pv.AgentKind.PERSON, description="Editor of the digest."
    )
    ministry = pv.Agent(name="Ministry of Foreign Affairs of Iran", kind=pv.AgentKind.ORGANIZATION)
    spokesman = pv.Agent(
        name="Said Khatibzadeh",
        kind=pv.AgentKind.PERSON,
        aliases=["Saeed Khatibzadeh"],
        on_behalf_of=ministry,
        description="Spokesman of Iran's Ministry of Foreign Affairs.",
    )
    group = pv.Agent(
        name="Saraya Awliya al-Dam",
        kind=pv.AgentKind.ORGANIZATION,
        aliases=["Guardians of the Blood"],
        description="A previously unknown Iraqi group.",
    )
    commentator = pv.Agent(name="author of a Tabnak commentary", kind=pv.AgentKind.UNNAMED)

    # What is claimed.
    casualties = pv.Proposition(
        "The rocket attack on Erbil International Airport on 15 February 2021 killed "
        "one contractor of the US-led coalition and injured six people.",
        language="en",
    )
    behind = pv.Proposition(
        "Iran or forces aligned with it carried out the rocket attack on Erbil "
        "International Airport on 15 February 2021.",
        language="en",
    )
    militia_link = pv.Proposition(
        "Saraya Awliya al-Dam is linked to one of the Shia militias in Iraq.",
        language="en",
    )
    message = pv.Proposition(
        "The Erbil attack was a message to Turkey and the Kurdistan Democratic Party "
        "about Tehran's displeasure with their activity in northern Iraq.",
        language="en",
    )

    report = pv.Claim(
        proposition=casualties,
        claimant=editor,
        source=digest,
        stance=pv.Stance.REPORT,
        made_at=dt.date(2021, 2, 15),
        language="en",
    )
    responsibility = pv.Claim(
        proposition=behind,
        claimant=group,
        source=digest,
        stance=pv.Stance.CLAIM_OF_RESPONSIBILITY,
        credibility=pv.Credibility.CANNOT_BE_JUDGED,  # a first claim by an unknown group
        language="en",
    )
    assessment = pv.Claim(
        proposition=militia_link,
        claimant=editor,
        source=digest,
        stance=pv.Stance.ASSESSMENT,
        confidence=pv.Confidence(term=pv.EstimativeTerm.LIKELY),
        text="likely linked to one of the Shia Iraqi militias",
        language="en",
        supports=[responsibility],
    )
    denial = pv.Claim(
        proposition=behind,
        claimant=spokesman,
        source=fars_feb16,
        stance=pv.Stance.DENIAL,
        text="forcefully rejected and condemned",
        language="en",
        contests=[responsibility],
    )
    speculation = pv.Claim(
        proposition=message,
        claimant=commentator,
        source=tabnak_feb16,
        stance=pv.Stance.SPECULATION,
        confidence=pv.Confidence(wording="may"),
        made_at=dt.date(2021, 2, 16),
        text="may signal the beginning of a new geopolitical game",
        language="en",
        supports=[responsibility],
    )
    return pv.ClaimSet([report, responsibility, assessment, denial, speculation])


def main(argv: list[str]) -> int:
    """Write the Erbil claims as Turtle to the file named in ``argv`` (creating its folder),
    or to standard output."""
    if len(argv) > 1:
        print(f"usage: {sys.argv[0]} [OUT.ttl]", file=sys.stderr)
        return 2
    claims = build()
    if argv:
        try:
            Path(argv[0]).parent.mkdir(parents=True, exist_ok=True)
            pv.write_turtle(claims, argv[0])
        except OSError as error:
            print(f"error: cannot write {argv[0]}: {error.strerror}", file=sys.stderr)
            return 1
        print(f"wrote {len(claims)} claims to {argv[0]}", file=sys.stderr)
    else:
        sys.stdout.write(pv.serialize_turtle(claims))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
