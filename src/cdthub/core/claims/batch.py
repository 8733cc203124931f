"""Checking a day of claims: files and folders, streamed claim by claim, over several processes.

`check_sources(paths, catalog, pack, jobs=N)` yields `Piece`s: the findings of up to `PIECE`
claims of one file at a time, in that file's order, with how far into the file the reader got
(for a progress bar). Memory stays flat whatever the size of a file: claims are read, checked
and dropped; only findings travel. With `jobs` above 1, whole files are shared out between
worker processes (a folder of files goes N times faster). One big file can only be read from
its start (an 837D's envelopes and hierarchy decide what each claim is), so for a single file
each of the N workers reads it all and checks every Nth claim, and the pieces are merged back
into file order. In an 837D a worker reads only the envelopes, the parties and the claim
segments of the others' claims, not their service lines (most of a file): two workers check
one big 837D nearly twice as fast as one. Pieces of different files may arrive interleaved;
each file's own pieces always come in order.
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
    """Part of one file's results: its findings (claims' and, where they belong, the file's
    own), how many claims they cover and how many bytes of the file were read by then."""

    source: str
    claims: int = 0
    findings: list[Finding] = field(default_factory=list)
    position: int = 0
    size: int = 0
    done: bool = False
    error: str | None = None  # set when the file cannot be read at all (nothing else is)
    block: int = 0  # which PIECE-sized run of the file's claims this piece covers
    # for each finding, where it goes in file order (ClaimFile.in_file_order): twice a claim's
    # index for the file's findings made before that claim began, plus one for the claim's own
    order: list[int] = field(default_factory=list)


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


def check_file(
    checker: Checker, path: Path, fmt: str | None = None, share: tuple[int, int] = (0, 1)
) -> Iterator[Piece]:
    """One file's pieces, read in this process. `share` (k, n): check only claims k, k+n, k+2n…
    and, unless k is 0, leave the file's own findings to another worker."""
    source = str(path)
    try:
        size = path.stat().st_size
        stream: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Piece(source, done=True, error=f"cannot open {source}: {exc.strerror or exc}")
        return
    with stream:
        try:
            yield from _pieces(checker, stream, source, size, fmt, share)
        except UnreadableFile as exc:
            yield Piece(source, done=True, error=f"{source}: {exc}")
        except Exception as exc:  # a fault of ours must not pass for a fault of the file
            what = f"{exc.__class__.__name__}: {exc}"
            yield Piece(source, done=True, error=f"{source}: stopped by a fault in cdthub ({what})")


def _pieces(
    checker: Checker,
    stream: BinaryIO,
    source: str,
    size: int,
    fmt: str | None,
    share: tuple[int, int],
) -> Iterator[Piece]:
    mine, every = share
    claim_file = read_file(stream, fmt, share)
    piece = Piece(source, size=size)
    index = -1
    for file_findings, claim in claim_file.in_file_order():
        if claim is None:  # the file's findings after its last claim
            if mine == 0:
                _add(piece, file_findings, 2 * index + 2)
            break
        index += 1
        if index and index % PIECE == 0:
            piece.position = stream.tell()
            yield piece
            piece = Piece(source, size=size, block=index // PIECE)
        if mine == 0:
            _add(piece, file_findings, 2 * index)
        if index % every == mine:
            piece.claims += 1
            _add(piece, checker.check(claim), 2 * index + 1)
    piece.position, piece.done = size, True
    yield piece


def _add(piece: Piece, findings: list[Finding], place: int) -> None:
    piece.findings.extend(findings)
    piece.order.extend([place] * len(findings))


# --- worker processes --------------------------------------------------------------------------

_worker_checker: Checker | None = None


def _work(tasks: Any, results: Any, fmt: str | None) -> None:
    """A worker: check each (file, share) it is handed, send its pieces back, stop at None."""
    assert _worker_checker is not None
    while (task := tasks.get()) is not None:
        path, share = task
        for piece in check_file(_worker_checker, path, fmt, share):
            results.put(piece)
    results.put(None)


def _merged(pieces: list[Piece]) -> Piece:
    """One piece from the pieces the workers made of the same run of claims, in file order."""
    first = pieces[0]
    ranked = sorted(
        ((i, n, f) for n, p in enumerate(pieces) for i, f in zip(p.order, p.findings, strict=True)),
        key=lambda t: (t[0], t[1]),
    )
    return Piece(
        first.source,
        claims=sum(p.claims for p in pieces),
        findings=[f for _, _, f in ranked],
        position=max(p.position for p in pieces),
        size=first.size,
        done=all(p.done for p in pieces),
        error=next((p.error for p in pieces if p.error), None),
        block=first.block,
    )


class _InOrder:
    """Holds the pieces of a shared file until every worker's piece of a run has come."""

    def __init__(self, shares: dict[str, int]):
        self.shares = shares
        self.waiting: dict[tuple[str, int], list[Piece]] = {}
        self.next: dict[str, int] = dict.fromkeys(shares, 0)

    def add(self, piece: Piece) -> Iterator[Piece]:
        wanted = self.shares[piece.source]
        if wanted == 1:
            yield piece
            return
        self.waiting.setdefault((piece.source, piece.block), []).append(piece)
        while len(self.waiting.get((piece.source, self.next[piece.source]), ())) == wanted:
            yield _merged(self.waiting.pop((piece.source, self.next[piece.source])))
            self.next[piece.source] += 1

    def rest(self) -> Iterator[Piece]:
        for key in sorted(self.waiting):
            yield _merged(self.waiting[key])


def _in_parallel(
    checker: Checker, files: list[Path], fmt: str | None, jobs: int
) -> Iterator[Piece]:
    """Files shared out between `jobs` workers; a single file is shared claim by claim."""
    global _worker_checker
    context = mp.get_context("fork")
    _worker_checker = checker  # forked workers inherit the catalog, the pack and this checker
    tasks = context.Queue()
    results = context.Queue(maxsize=4 * jobs)  # a slow reader of results holds the workers back
    shared = len(files) == 1
    for path in files:
        for k in range(jobs if shared else 1):
            tasks.put((path, (k, jobs if shared else 1)))
    order = _InOrder({str(p): jobs if shared else 1 for p in files})
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
                yield from order.add(piece)
        yield from order.rest()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        tasks.cancel_join_thread()  # tasks no worker took are dropped, not waited for
        for queue in (tasks, results):
            queue.close()
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
    jobs = max(1, jobs if len(files) == 1 else min(jobs, len(files)))
    if jobs == 1 or "fork" not in mp.get_all_start_methods():
        for path in files:
            yield from check_file(checker, path, fmt)
        return
    yield from _in_parallel(checker, files, fmt, jobs)
