"""Checking a day of claims: files and folders, streamed claim by claim, over several processes.

`check_sources(paths, catalog, pack, jobs=N)` yields `Piece`s: the findings of up to `PIECE`
claims of one file at a time, in that file's order, with how far into the file the reader got
(for a progress bar). Memory stays flat whatever the size of a file: claims are read, checked
and dropped; only findings travel. With `jobs` above 1, whole files are shared out between
worker processes (a folder of files goes N times faster); one file is read by one process,
because an 837D cannot be cut into pieces without reading its envelopes and hierarchy first.
Pieces of different files may then arrive interleaved; each file's own pieces stay in order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..codes import Catalog
from .check import Checker
from .formats import UnreadableFile, read_file
from .model import Finding
from .packs import Pack

PIECE = 1000  # claims per piece: how often findings and progress are handed on


@dataclass(slots=True)
class Piece:
    """Part of one file's results: its findings (claims' and, as they turn up, the file's own),
    how many claims they cover and how many bytes of the file were read by then."""

    source: str
    claims: int = 0
    findings: list[Finding] = field(default_factory=list)
    position: int = 0
    size: int = 0
    done: bool = False
    error: str | None = None  # set when the file cannot be read at all (nothing else is)


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to check: each file given, and the files in each folder (sorted, not hidden,
    not in subfolders). Raises UnreadableFile for a path that does not exist."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            )
        elif path.exists():
            out.append(path)
        else:
            raise UnreadableFile(f"{path}: no such file or folder")
    return out


def check_file(checker: Checker, path: Path, fmt: str | None = None) -> Iterator[Piece]:
    """One file's pieces, read and checked in this process."""
    source = str(path)
    try:
        size = path.stat().st_size
        stream: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Piece(source, done=True, error=f"cannot open {source}: {exc.strerror or exc}")
        return
    with stream:
        try:
            yield from _pieces(checker, stream, source, size, fmt)
        except UnreadableFile as exc:
            yield Piece(source, done=True, error=f"{source}: {exc}")
        except Exception as exc:  # a fault of ours must not pass for a fault of the file
            what = f"{exc.__class__.__name__}: {exc}"
            yield Piece(source, done=True, error=f"{source}: stopped by a fault in cdthub ({what})")


def _pieces(
    checker: Checker, stream: BinaryIO, source: str, size: int, fmt: str | None
) -> Iterator[Piece]:
    claim_file = read_file(stream, fmt)
    piece = Piece(source, size=size)
    shown = 0
    for claim in claim_file.claims:
        piece.claims += 1
        piece.findings.extend(checker.check(claim))
        if piece.claims >= PIECE:
            piece.findings.extend(claim_file.findings[shown:])
            shown = len(claim_file.findings)
            piece.position = stream.tell()
            yield piece
            piece = Piece(source, size=size)
    piece.findings.extend(claim_file.findings[shown:])
    piece.position, piece.done = size, True
    yield piece


# --- worker processes --------------------------------------------------------------------------

_worker_checker: Checker | None = None


def _work(tasks: Any, results: Any, fmt: str | None) -> None:
    """A worker: check each file it is handed, send its pieces back, stop at None."""
    assert _worker_checker is not None
    while (path := tasks.get()) is not None:
        for piece in check_file(_worker_checker, path, fmt):
            results.put(piece)
    results.put(None)


def _in_parallel(
    checker: Checker, files: list[Path], fmt: str | None, jobs: int
) -> Iterator[Piece]:
    global _worker_checker
    context = mp.get_context("fork")
    _worker_checker = checker  # forked workers inherit the catalog, the pack and this checker
    tasks = context.Queue()
    results = context.Queue(maxsize=4 * jobs)  # a slow reader of results holds the workers back
    for path in files:
        tasks.put(path)
    workers = [context.Process(target=_work, args=(tasks, results, fmt)) for _ in range(jobs)]
    for worker in workers:
        tasks.put(None)
        worker.start()
    try:
        running = jobs
        while running:
            piece = results.get()
            if piece is None:
                running -= 1
            else:
                yield piece
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        _worker_checker = None


def check_sources(
    paths: Sequence[str | os.PathLike[str]],
    catalog: Catalog,
    pack: Pack | None = None,
    fmt: str | None = None,
    jobs: int = 1,
) -> Iterator[Piece]:
    """Every piece of every file under `paths`. Raises UnreadableFile for a missing path;
    a file that cannot be read gives a Piece with `error` set and the others go on."""
    files = expand(paths)
    checker = Checker(catalog, pack)
    jobs = max(1, min(jobs, len(files)))
    if jobs == 1 or "fork" not in mp.get_all_start_methods():
        for path in files:
            yield from check_file(checker, path, fmt)
        return
    yield from _in_parallel(checker, files, fmt, jobs)
