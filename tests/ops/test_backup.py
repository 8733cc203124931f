"""cdthub backup / restore: a backup holds every comment; restoring it after the data was wiped
brings every one back; bad files and PostgreSQL are refused without changing anything."""

import sqlite3

import pytest
from django.db import connection

from cdthub.cli import main
from cdthub.community.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def comments(loaded_db, make_comment):
    if connection.vendor != "sqlite":  # the PostgreSQL pass of make test: pg_dump's job there
        pytest.skip("cdthub backup/restore is SQLite's online backup")
    made = [
        make_comment(body=f"Comment number {n}: payers ask for a narrative.", name=f"Reader {n}")
        for n in range(12)
    ]
    made += [make_comment(code="D0120", status=Comment.Status.APPROVED, body="Twice a year?")]
    return {(c.pk, c.code, c.name, c.body, c.status) for c in made}


def rows():
    return set(Comment.objects.values_list("pk", "code", "name", "body", "status"))


def test_restore_after_a_wipe_finds_every_comment(comments, tmp_path, capsys):
    backup = tmp_path / "cdthub-backup.sqlite3"
    assert main(["backup", str(backup)]) == 0
    assert "backed up" in capsys.readouterr().err
    with sqlite3.connect(backup) as db:  # an ordinary SQLite file anyone can open
        assert db.execute("select count(*) from community_comment").fetchone()[0] == 13

    Comment.objects.all().delete()
    make_more = Comment.objects.create(code="D9992", name="Later", email="l@example.org", body="x")
    assert rows() == {(make_more.pk, "D9992", "Later", "x", "pending")}

    assert main(["restore", str(backup), "--yes"]) == 0
    assert rows() == comments
    err = capsys.readouterr().err
    assert "restored" in err and "before-restore" in err


def test_restore_moves_the_data_version(comments, tmp_path, client):
    backup = tmp_path / "b.sqlite3"
    assert main(["backup", str(backup)]) == 0
    before = client.get("/healthz").json()["data_version"]
    assert main(["restore", str(backup), "--yes"]) == 0
    assert client.get("/healthz").json()["data_version"] != before


def test_backup_refuses_to_overwrite_without_force(comments, tmp_path, capsys):
    backup = tmp_path / "b.sqlite3"
    backup.write_text("precious")
    assert main(["backup", str(backup)]) == 2
    assert "--force" in capsys.readouterr().err
    assert backup.read_text() == "precious"
    assert main(["backup", str(backup), "--force"]) == 0
    assert backup.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize(
    "content, says",
    [
        (b"id,name\n1,not a database\n", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "cannot be read"),
    ],
)
def test_restore_refuses_a_file_that_is_no_backup(comments, tmp_path, capsys, content, says):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    assert main(["restore", str(bad), "--yes"]) == 2
    assert says in capsys.readouterr().err
    assert rows() == comments


def test_restore_refuses_an_sqlite_file_of_another_program(comments, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("create table notes (body text)")
    db.close()
    assert main(["restore", str(other), "--yes"]) == 2
    assert "not a cdthub database" in capsys.readouterr().err
    assert rows() == comments


def test_restore_without_a_terminal_asks_for_yes(comments, tmp_path, capsys, monkeypatch):
    backup = tmp_path / "b.sqlite3"
    assert main(["backup", str(backup)]) == 0
    Comment.objects.all().delete()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["restore", str(backup)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert rows() == set()


def test_postgresql_is_refused_with_the_pg_dump_path(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    assert main(["backup", str(tmp_path / "b.sqlite3")]) == 2
    said = capsys.readouterr().err
    assert "SQLite only" in said and "pg_dump" in said
    assert not (tmp_path / "b.sqlite3").exists()
    assert main(["restore", str(tmp_path / "b.sqlite3"), "--yes"]) == 2
