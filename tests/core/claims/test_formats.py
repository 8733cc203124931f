"""read_file and sniff_format: the format from the first bytes, clear errors for what is no
claim file, streams passed in left open."""

from __future__ import annotations

import io

import pytest

from cdthub.core.claims.formats import UnreadableFile, read_file, sniff_format


@pytest.mark.parametrize(
    "head, fmt",
    [
        (b'{"lines": []}', "json"),
        (b"\xef\xbb\xbf  [{}]", "json"),
        (b"  \r\nISA*00*", "x12"),
        (b"claim_id,code\nA,D0120", "csv"),
        (b"code;tooth\nD0120;3", "csv"),
    ],
)
def test_sniffed_formats(head, fmt):
    assert sniff_format(head) == fmt


@pytest.mark.parametrize(
    "head, why",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"PK\x03\x04rest", "Excel workbook"),
        (b"%PDF-1.7", "PDF"),
        (b"\xff\xfec\x00o\x00", "UTF-16"),
        (b"code\x00\x01\x02", "binary"),
        (b"hello world", "not JSON"),
        (b"isa*00*          *00*", "segment ids and codes are upper case"),
    ],
)
def test_what_is_no_claim_file(head, why):
    with pytest.raises(UnreadableFile, match=why):
        sniff_format(head)


def test_a_missing_file_or_a_folder_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile, match="cannot open"):
        read_file(tmp_path / "nothing.json")
    with pytest.raises(UnreadableFile, match="cannot open"):
        read_file(tmp_path)


def test_a_path_is_read_and_closed(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,code\nA,D0120\n")
    claim_file = read_file(path)
    assert (claim_file.format, claim_file.name) == ("csv", str(path))
    assert [c.id for c in claim_file.claims] == ["A"]


def test_a_stream_passed_in_is_left_open_and_unreadable_formats_are_refused():
    stream = io.BytesIO(b"claim_id,code\nA,D0120\n")
    assert len(list(read_file(stream).claims)) == 1
    assert not stream.closed
    with pytest.raises(UnreadableFile, match="unknown format"):
        read_file(io.BytesIO(b"{}"), "xml")
    with pytest.raises(UnreadableFile, match="does not start with an ISA"):
        read_file(io.BytesIO(b'{"id": 1}'), "x12")


def _in_order(data: bytes) -> list[str]:
    """What in_file_order hands out: the file's findings by their first words, claims by id."""
    out: list[str] = []
    for file_findings, claim in read_file(io.BytesIO(data)).in_file_order():
        out.extend(" ".join(f.message.split()[:2]) for f in file_findings)
        if claim is not None:
            out.append(f"claim {claim.id}")
    return out


def test_the_files_findings_come_where_they_are_in_the_file():
    csv = b"claim_id,code,colour\nA,D0120,red\nB,D0120,blue\n"  # a column no claim has
    assert _in_order(csv) == ["Columns 'colour'", "claim A", "claim B"]
    continued = b"claim_id,code\nA,D0120\n,D0274\nB,D0120\n"  # a row without claim_id, in A
    assert _in_order(continued) == ["claim A", "Row 3", "claim B"]
    broken = b'{"claims": [{"id": "A", "lines": []}, {"id": "B", "lines": []}, {"id": '
    assert _in_order(broken) == ["claim A", "claim B", "The JSON"]
