"""`cdthub convert`: JSON → 837D → JSON keeps the lines; identifiers from --config and options;
exit 0/1/2 with messages on stderr and no traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

from cdthub.cli import main

FIXTURES = Path(__file__).resolve().parent / "core" / "claims" / "fixtures"
CLAIM = {
    "id": "A1",
    "patient": {"birth_date": "2016-04-02"},
    "lines": [
        {"date": "2026-03-02", "code": "D2392", "tooth_system": "JO", "tooth": "46",
         "surfaces": "MO", "fee": 180.0, "narrative": "Dx: deep caries, see x-ray"},
        {"date": "2026-03-02", "code": "D4341", "area": "10", "fee": 250.0, "quantity": 1},
    ],
}  # fmt: skip


def test_json_to_837d_and_back(tmp_path, capsys):
    source = tmp_path / "claim.json"
    source.write_text(json.dumps(CLAIM))
    assert main(["convert", str(source), "--to", "x12", "-o", str(tmp_path / "c.x12")]) == 0
    notes = capsys.readouterr().err
    assert "placeholders still in the file" in notes and "ISA15 T" in notes
    assert main(["convert", str(tmp_path / "c.x12"), "--to", "json"]) == 0
    out, err = capsys.readouterr()
    back = json.loads(out)["claims"][0]
    assert [{k: line[k] for k in CLAIM["lines"][i]} for i, line in enumerate(back["lines"])] == [
        {k: v for k, v in line.items()} for line in CLAIM["lines"]
    ]
    assert back["patient"] == CLAIM["patient"] and "NPI '9999999999'" in err


def test_identifiers_from_a_config_and_options(tmp_path, capsys):
    config = tmp_path / "x12.toml"
    config.write_text('sender_id = "ETIN42"\nreceiver_id = "HOUSE"\npayer_id = "P1"\n')
    source = tmp_path / "claim.json"
    source.write_text(json.dumps(CLAIM))
    options = ["--billing-npi", "1234567893", "--control-number", "7", "--production"]
    code = main(["convert", str(source), "--to", "x12", "--config", str(config), *options])
    out, err = capsys.readouterr()
    assert code == 0
    assert (
        "*ZZ*ETIN42         *ZZ*HOUSE          *" in out and "*000000007*0*P*>~" in out
    )  # a colon in a note: ">"
    assert "NM1*85*2*DENTAL PRACTICE*****XX*1234567893~" in out and "PI*P1~" in out
    assert "billing_tax_id" in err and "sender_id" not in err


def test_837d_to_csv_keeps_every_line(capsys):
    assert main(["convert", str(FIXTURES / "clean.x12"), "--to", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("claim_id,kind,birth_date")
    assert len(rows) == 1 + 3 + 4 + 1 + 1


def test_a_dash_reads_the_claims_from_stdin(monkeypatch, capsys):
    def stdin():
        return io.TextIOWrapper(io.BytesIO(json.dumps(CLAIM).encode()))

    monkeypatch.setattr("sys.stdin", stdin())
    assert main(["convert", "-", "--to", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 3 and rows[1].startswith("A1,line,2016-04-02,")
    monkeypatch.setattr("sys.stdin", stdin())  # to 837D, stdin is read once: ISA16 is ':'
    assert main(["convert", "-", "--to", "x12"]) == 0
    out = capsys.readouterr().out
    assert "*T*:~" in out and "NTE*ADD*LINE 1 - Dx deep caries, see x-ray~" in out


def test_input_errors_are_listed_and_exit_1(tmp_path, capsys):
    bad = dict(CLAIM, lines=[{"date": "2026-02-30", "code": "D0120"}])
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad))
    assert main(["convert", str(source), "--to", "csv"]) == 1
    out, err = capsys.readouterr()
    assert "2026-02-30" in out  # the line is kept, with the date as written
    assert "error: claim A1: Line 1: date of service: '2026-02-30'" in err


def test_a_claim_with_input_errors_stays_out_of_the_837d(tmp_path, capsys):
    """An 837D goes to a payer: a fee that could not be read is not sent as 0."""
    bad = dict(CLAIM, id="B1", lines=[{"date": "2026-03-02", "code": "D0120", "fee": "55,50"}])
    source = tmp_path / "day.json"
    source.write_text(json.dumps({"claims": [bad, CLAIM]}))
    out_file = tmp_path / "day.x12"
    assert main(["convert", str(source), "--to", "x12", "-o", str(out_file)]) == 1
    err = capsys.readouterr().err
    assert "Line 1: fee: '55,50' has a decimal comma" in err
    assert "1 claim with errors in the input was not written to the 837D (B1)" in err
    assert main(["convert", str(out_file), "--to", "json"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)["claims"]] == ["A1"]
    # JSON and CSV keep it, with what could be read, for fixing
    assert main(["convert", str(source), "--to", "csv"]) == 1
    out, err = capsys.readouterr()
    assert "B1," in out and "not written" not in err


def test_input_problems_are_listed_in_file_order(tmp_path, capsys):
    """As `cdthub check` lists them: the file's faults before its first claim come first."""
    text = (FIXTURES / "clean.x12").read_text(encoding="ascii")
    text = text.replace("NM1*41", "NM1*XX").replace("SV3*AD:D2150*120*", "SV3*AD:D2150*12X*")
    source = tmp_path / "day.x12"
    source.write_text(text, encoding="ascii")
    assert main(["convert", str(source), "--to", "json"]) == 1
    problems = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  ")]
    assert "no submitter" in problems[0] and "12X" in problems[-1]


def test_unreadable_input_or_options_exit_2(tmp_path, capsys):
    assert main(["convert", str(tmp_path / "none.json"), "--to", "x12"]) == 2
    assert "cannot open" in capsys.readouterr().err
    source = tmp_path / "claim.json"
    source.write_text(json.dumps(CLAIM))
    assert main(["convert", str(source), "--to", "x12", "--sender-id", "A*B"]) == 2
    assert "must not hold the characters" in capsys.readouterr().err
    assert main(["convert", str(source), "--to", "json", "-o", str(source)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert json.loads(source.read_text()) == CLAIM


def test_837d_to_837d_says_what_is_not_carried_and_only_the_placeholders_written(capsys):
    """The fixture's claims bring their own billing provider and payer: only the interchange's
    sender and receiver are placeholders; and what cdthub does not read is said, not lost."""
    assert main(["convert", str(FIXTURES / "clean.x12"), "--to", "x12"]) == 0
    err = capsys.readouterr().err
    assert "placeholders still in the file: sender_id, receiver_id;" in err
    assert "not the rest: coordination of benefits" in err and "(PWK)" in err
    assert main(["convert", str(FIXTURES / "clean.x12"), "--to", "json"]) == 0
    assert "not the rest" in capsys.readouterr().err  # to JSON as well
