"""Rule packs: bundled packs load, payer packs override the default by line id, a user's pack
file with a mistake gives a clear error, and every code a pack names is a CDT code."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from cdthub.core.claims.packs import (
    _CODE_LISTS,
    PACK_DIR,
    PackError,
    Window,
    expand_codes,
    load_pack,
    load_pack_file,
    pack_for,
    pack_names,
)
from cdthub.core.dataset import load_catalog

from .rules.build import claim, hits, line, past


def test_bundled_packs_load_and_say_they_are_common_defaults():
    assert pack_names()[0] == "default"
    default = load_pack("default")
    assert "not any one payer" in default.about.lower()
    for name in pack_names():
        pack = load_pack(name)
        lines = [*pack.frequencies, *pack.ages, *pack.conflicts, *pack.narratives, *pack.coverage]
        assert lines and all(item.source for item in lines)


def test_every_code_a_bundled_pack_names_is_in_the_catalog():
    """A single code must be a CDT code; a range (D9991-D9997) must hold at least one."""
    catalog = load_catalog()
    for path in sorted(PACK_DIR.glob("*.toml")):
        doc = tomllib.loads(path.read_text())
        tables = [
            t
            for key in (
                "frequency",
                "age",
                "conflict",
                "addon",
                "narrative",
                "coverage",
                "teeth",
                "tooth_count",
            )  # fmt: skip
            for t in doc.get(key, [])
        ]
        tables += [doc[key] for key in _CODE_LISTS if key in doc]
        for table in tables:
            for key in ("codes", "with", "instead"):
                for item in table.get(key, []):
                    known = [c for c in expand_codes([item]) if catalog.get(c)]
                    assert known, f"{path.name}: {item} names no CDT code"
                    if "-" not in item:
                        assert catalog.get(item).code == item


def test_arch_only_codes_are_arch_codes():
    catalog = load_catalog()
    assert {catalog.get(c).area for c in load_pack().arch_only} == {"arch"}


def test_payer_pack_replaces_default_lines_by_id():
    payer = load_pack("example-payer")
    exams = next(f for f in payer.frequencies if f.id == "evaluations")
    assert (exams.max, exams.window.describe()) == (2, "per calendar year")
    assert "whitening" not in {c.id for c in payer.coverage}
    assert {f.id for f in payer.frequencies} == {f.id for f in load_pack().frequencies}


def test_an_837d_payer_picks_its_pack_by_id_or_name():
    from cdthub.core.claims.check import Checker
    from cdthub.core.claims.model import Claim, Line, Party

    def rules(party: Party) -> set[str]:
        whitening = Line(1, "D9972", date=dt.date(2026, 3, 2), area="01")
        c = Claim("w", [whitening], dt.date(1990, 1, 1), payer_party=party)
        return {f.rule for f in Checker(load_catalog()).check(c)}

    assert "coverage.note" in rules(Party("ACME DENTAL", id="ACME1"))  # the default pack
    assert "coverage.note" not in rules(Party("ACME DENTAL", id="example01"))  # by its id
    assert pack_for("EXAMPLE PAYER").name == "example-payer"  # by its name (NM1*PR03)
    assert pack_for("default", "EXAMPLE01").name == "example-payer"
    assert load_pack().payer_ids == frozenset()  # a payer pack's ids are its own


def test_payer_ids_must_be_a_list_of_strings(tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('extends = "default"\npayer_ids = "X1"\n')
    with pytest.raises(PackError, match="payer_ids must be a list"):
        load_pack_file(bad)


def test_claim_payer_picks_its_pack():
    exam_twice = dict(history=[past("D0120", dt.date(2026, 1, 10))])
    assert (1, "frequency.exceeded") in hits(claim(line("D0120"), **exam_twice))
    assert (1, "frequency.exceeded") not in hits(
        claim(line("D0120"), payer="Example Payer", **exam_twice)
    )
    assert pack_for("ACME DENTAL PLAN").name == "default"


def test_pack_file_overrides_and_is_used(tmp_path):
    path = tmp_path / "acme.toml"
    path.write_text(
        'extends = "default"\n'
        "[severity]\n"
        '"coverage.note" = "error"\n'
        "[[coverage]]\n"
        'id = "no-nitrous"\n'
        'codes = ["D9230"]\n'
        'why = "this plan does not pay nitrous oxide"\n'
        'source = "ACME plan booklet, page 12"\n'
    )
    pack = load_pack_file(path)
    found = [f for f in _run(claim(line("D9230")), pack) if f.rule == "coverage.note"]
    assert found[0].severity == "error" and "nitrous" in found[0].message


def _run(c, pack):
    from .rules.build import run

    return run(c, pack)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("name = ", "not valid TOML"),
        ('extends = "nope"', "not a bundled pack"),
        ("bogus = 1", "unknown key"),
        (
            '[[frequency]]\nid = "x"\nlabel = "x"\ncodes = ["D0120"]\nmax = 1\nper = "often"\n'
            'source = "s"',
            "per = 'often'",
        ),
        (
            '[[frequency]]\nid = "x"\nlabel = "x"\ncodes = ["D0120"]\nmax = 0\nper = "6 months"\n'
            'source = "s"',
            "'max'",
        ),
        ('[[age]]\nid = "x"\ncodes = ["D0120"]\nmax = 3\nwhy = "w"', "source"),
        ('[[age]]\nid = "x"\ncodes = ["cleaning"]\nmax = 3\nwhy = "w"\nsource = "s"', "not a code"),
        (
            '[[conflict]]\nid = "x"\ncodes = ["D0120"]\nwith = ["D0150"]\nsame = "week"\n'
            'why = "w"\nsource = "s"',
            "same must be",
        ),
        ('[severity]\n"code.unknown" = "fatal"', "severity"),
        (
            '[[teeth]]\nid = "x"\ncodes = ["D1351"]\nposition = "back"\nwhy = "w"\nsource = "s"',
            "position must be one of",
        ),
        ('[[teeth]]\nid = "x"\ncodes = ["D1351"]\nwhy = "w"\nsource = "s"', "needs a 'position'"),
        (
            '[[age]]\nid = "x"\ncodes = ["D1110"]\nmin = 20\nmax = 10\nwhy = "w"\nsource = "s"',
            "'min' (20) is more than 'max' (10)",
        ),
        (
            'extends = "default"\nremove = ["no-such-line"]',
            "remove names 'no-such-line': 'default' has no such line",
        ),
        (
            'extends = "default"\n[[frequency]]\nid = "whitening"\nlabel = "x"\ncodes = ["D0120"]\n'
            'max = 1\nper = "6 months"\nsource = "s"',
            "'default' has a [[coverage]] line of this id",
        ),
    ],
)
def test_bad_pack_file_gives_a_clear_error(tmp_path, text, says):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(PackError) as err:
        load_pack_file(path)
    assert "mine.toml" in str(err.value) and says in str(err.value)


def test_missing_pack_file():
    with pytest.raises(PackError, match="no such pack file"):
        load_pack_file("/nonexistent/pack.toml")


def test_code_ranges_expand():
    assert expand_codes(["D9991-D9993", "d0120"]) == {"D9991", "D9992", "D9993", "D0120"}
    with pytest.raises(ValueError):
        expand_codes(["D9997-D9991"])


def test_windows():
    six = Window.parse("6 months")
    assert six.holds(dt.date(2025, 12, 1), dt.date(2026, 5, 31))
    assert not six.holds(dt.date(2025, 12, 1), dt.date(2026, 6, 1))
    assert six.next_day(dt.date(2025, 8, 31)) == dt.date(2026, 2, 28)
    year = Window.parse("calendar year")
    assert year.holds(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert not year.holds(dt.date(2025, 12, 31), dt.date(2026, 1, 1))
    assert Window.parse("5 years").describe() == "per 5 years"
    assert Window.parse("lifetime").holds(dt.date(1990, 1, 1), dt.date(2026, 1, 1))


def test_a_severity_for_no_rule_id_is_refused(tmp_path):
    from cdthub.core.claims.rules import known_severities

    path = tmp_path / "mine.toml"
    path.write_text('[severity]\n"frequency.exceedd" = "warning"')
    with pytest.raises(PackError, match="'frequency.exceedd', which is no rule id"):
        known_severities(load_pack_file(path), str(path))
    path.write_text('[severity]\n"frequency.exceeded" = "warning"')
    pack = load_pack_file(path)
    assert known_severities(pack, str(path)) is pack
