"""`cdthub check`: findings on stdout, the summary on stderr, exit 0/1/2, --json, --pack, folders,
and X12 837D read through the claim readers."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from cdthub.cli import main
from cdthub.core.claims.formats import read_file, write_claims

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "x12-samples"
if not SAMPLES.is_dir():  # the worktree may sit one level deeper than the main checkout
    SAMPLES = Path("/work/shared/data/x12-samples")

CLEAN = {
    "id": "OK1",
    "patient": {"birth_date": "1980-01-01"},
    "lines": [
        {"date": "2026-03-02", "code": "D0120"},
        {"date": "2026-03-02", "code": "D0274"},
        {"date": "2026-03-02", "code": "D1110"},
        {
            "date": "2026-03-02",
            "code": "D2392",
            "tooth_system": "JO",
            "tooth": "46",
            "surfaces": "MO",
        },
    ],
}
BAD = {
    "id": "BAD1",
    "patient": {"birth_date": "1980-01-01"},
    "lines": [{"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"}],
}


@pytest.fixture(autouse=True)
def bundled_only(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("cdthub.web.settings.env.VAR_DIR", tmp_path)


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_clean_claim_exits_0(tmp_path, capsys):
    assert main(["check", write(tmp_path, "ok.json", CLEAN)]) == 0
    out = capsys.readouterr()
    assert "error" not in out.out and "checked 1 claim" in out.err


def test_error_finding_exits_1_and_names_line_and_fix(tmp_path, capsys):
    assert main(["check", write(tmp_path, "bad.json", BAD)]) == 1
    out = capsys.readouterr().out
    assert "claim BAD1: error: Line 1: D2393 is for three surfaces" in out
    assert "use D2392" in out and "[surface.count]" in out


def test_json_output_is_one_document_in_the_design_shape(tmp_path, capsys):
    path = write(tmp_path, "both.json", {"claims": [CLEAN, BAD]})
    assert main(["check", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"claims": 2, "errors": 1, "warnings": 0}
    assert data["findings"] == [
        {
            "claim": "BAD1",
            "line": 1,
            "rule": "surface.count",
            "severity": "error",
            "message": "Line 1: D2393 is for three surfaces but MO is two: use D2392, or add "
            "the third surface.",
        }
    ]


@pytest.mark.parametrize(
    "content",
    ["", "%PDF-1.7 binary", "just some words\nand more words"],
    ids=["empty", "pdf", "text"],
)
def test_unreadable_file_exits_2_without_traceback(tmp_path, capsys, content):
    assert main(["check", write(tmp_path, "x.dat", content)]) == 2
    err = capsys.readouterr().err
    assert "cdthub:" in err and "Traceback" not in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_pack_file_changes_the_verdict(tmp_path, capsys):
    claim = {**CLEAN, "history": [{"date": "2026-01-10", "code": "D0120"}]}
    path = write(tmp_path, "recall.json", claim)
    assert main(["check", path]) == 1  # default: one exam per 6 months
    pack = write(
        tmp_path,
        "plan.toml",
        'extends = "default"\n[[frequency]]\nid = "evaluations"\nlabel = "exam"\n'
        'codes = ["D0120"]\nmax = 2\nper = "calendar year"\nsource = "our plan booklet"\n',
    )
    assert main(["check", path, "--pack", pack]) == 0
    assert main(["check", path, "--pack", "example-payer"]) == 0
    capsys.readouterr()
    assert main(["check", path, "--pack", write(tmp_path, "bad.toml", "max = [")]) == 2
    assert "bad.toml" in capsys.readouterr().err
    typo = write(tmp_path, "typo.toml", '[severity]\n"frequency.exceedd" = "warning"\n')
    assert main(["check", path, "--pack", typo]) == 2
    assert "'frequency.exceedd', which is no rule id" in capsys.readouterr().err


def test_folder_with_jobs_adds_the_file_to_each_finding(tmp_path, capsys):
    folder = tmp_path / "day"
    folder.mkdir()
    write(folder, "1.json", BAD)
    write(folder, "2.json", {**BAD, "id": "BAD2"})
    assert main(["check", str(folder), "--jobs", "2", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert sorted((f["claim"], Path(f["file"]).name) for f in data["findings"]) == [
        ("BAD1", "1.json"),
        ("BAD2", "2.json"),
    ]


def test_an_unreadable_file_among_several_is_named_beside_the_summary_and_exits_2(tmp_path, capsys):
    bad = write(tmp_path, "1.json", BAD)
    pdf = write(tmp_path, "2.dat", "%PDF-1.7 binary")
    assert main(["check", bad, pdf, "--json"]) == 2  # 2 wins over the error finding's 1
    data = json.loads(capsys.readouterr().out)
    assert [(f["claim"], f["file"]) for f in data["findings"]] == [("BAD1", bad)]
    assert data["summary"] == {"claims": 1, "errors": 1, "warnings": 0}
    assert data["unreadable"] == [f"{pdf}: this is a PDF document, not a claim file"]


def test_jobs_below_one_is_a_bad_jobs_error(tmp_path, capsys):
    path = write(tmp_path, "ok.json", CLEAN)
    assert main(["check", path, "--jobs", "0", "--json"]) == 2
    out = capsys.readouterr()
    assert json.loads(out.out)["error"]["code"] == "bad_jobs" and out.err == ""
    assert main(["check", path, "--jobs", "0"]) == 2
    assert "cdthub: --jobs must be 1 or more" in capsys.readouterr().err


def test_x12_claims_are_checked(tmp_path, capsys):
    claims = list(read_file(io.BytesIO(json.dumps({"claims": [CLEAN, BAD]}).encode())).claims)
    out = io.StringIO()
    write_claims(claims, "x12", out)
    path = write(tmp_path, "day.x12", out.getvalue())
    assert main(["check", path, "--format", "x12", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {(f["claim"], f["rule"]) for f in findings if f["severity"] == "error"} == {
        ("BAD1", "surface.count")
    }


def test_no_progress_bar_when_piped(tmp_path, capsys):
    path = write(tmp_path, "big.json", {"claims": [{**CLEAN, "id": f"C{i}"} for i in range(3000)]})
    assert main(["check", path]) == 0
    err = capsys.readouterr().err
    assert err.strip() == "cdthub: checked 3000 claim(s): 0 error(s), 0 warning(s)"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="public X12 samples not present")
@pytest.mark.parametrize(
    "name", sorted(os.listdir(SAMPLES)) if SAMPLES.is_dir() else [], ids=lambda n: n[:40]
)
def test_public_samples_give_findings_never_a_traceback(name, capsys):
    code = main(["check", str(SAMPLES / name), "--format", "x12", "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "fault in cdthub" not in out.err
    if name.endswith(".md"):
        assert code == 2
    else:
        data = json.loads(out.out)
        assert code in (0, 1) and data["summary"]["claims"] >= 0


def _faulty_837d() -> bytes:
    """Two claims with faults of their own in an 837D with faults of the file: a BOM and no
    submitter before the claims, a wrong segment count (SE01) after them."""
    wrong = {**BAD, "id": "BAD2", "lines": [{"date": "2026-03-02", "code": "D3330", "tooth": "8"}]}
    claims = list(read_file(io.BytesIO(json.dumps({"claims": [BAD, wrong]}).encode())).claims)
    out = io.StringIO()
    write_claims(claims, "x12", out)
    text = out.getvalue()
    se = text.index("SE*") + 3
    count = text[se : text.index("*", se)]
    text = text.replace(f"SE*{count}*", f"SE*{int(count) + 5}*").replace("NM1*41", "NM1*XX")
    return b"\xef\xbb\xbf" + text.encode("ascii")


@pytest.mark.usefixtures("loaded_db")
def test_the_cli_and_the_api_list_findings_in_the_same_file_order(tmp_path, capsys, client):
    """The file's own findings where they are in the file: those of its start (BOM, no
    submitter) before the claims', the set's count after them; the same list from
    `cdthub check --json` (one process or two), its text output and POST claims/check."""
    path = tmp_path / "day.x12"
    path.write_bytes(_faulty_837d())
    assert main(["check", str(path), "--json"]) == 1
    cli = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", str(path), "--json", "--jobs", "2"]) == 1
    assert json.loads(capsys.readouterr().out)["findings"] == cli
    assert main(["check", str(path)]) == 1
    text = capsys.readouterr().out.splitlines()
    api = client.post(
        "/api/v1/claims/check", data=path.read_bytes(), content_type="application/edi-x12"
    ).json()["findings"]

    assert api == cli
    assert [line.split(": ", 1)[1] if line.startswith("claim ") else line for line in text] == [
        f"{f['severity']}: {f['message']} [{f['rule']}]" for f in cli
    ]
    assert [f["claim"] for f in cli] == [None, None, None, "BAD1", "BAD2", None]
    assert "byte-order mark" in cli[0]["message"] and "no submitter" in cli[1]["message"]
    assert "SE01" in cli[-1]["message"]
