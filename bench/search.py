"""Search benchmark: cdthub's in-memory index vs SQLite FTS5 (bm25) over the same rows.

1,000 mixed queries, generated with a fixed seed from the bundled dataset: exact codes
("D2392", "2392", "d 2392"), prefixes ("D23"), title words, lay terms and abbreviations, and
typos made by changing one letter of a lay term. Each query remembers the code it was made
from, so besides latency (p50/p99) both engines also get a hit rate: is that code in the top 5
(for a prefix, which has many right answers: do all of the top 5 start with it)?

    python bench/search.py [--queries 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import time

from cdthub.core.dataset import load_catalog
from cdthub.core.search import SearchIndex


def make_queries(catalog, n: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, query, code it came from)."""
    rng = random.Random(seed)
    codes = [c for c in catalog.current() if c.title]
    out: list[tuple[str, str, str]] = []
    kinds = ["code", "prefix", "title", "term", "typo"]
    while len(out) < n:
        kind = kinds[len(out) % len(kinds)]
        c = rng.choice(codes)
        if kind == "code":
            q = rng.choice([c.code, c.code[1:], c.code.lower(), f"d {c.code[1:]}"])
        elif kind == "prefix":
            q = c.code[: rng.choice([2, 3, 4])]
        elif kind == "title":
            words = re.findall(r"[A-Za-z]{4,}", c.title)
            if len(words) < 2:
                continue
            q = " ".join(rng.sample(words, 2))
        else:
            terms = [t for t in c.terms if len(t) >= 5]
            if not terms:
                continue
            q = rng.choice(terms)
            if kind == "typo":
                i = rng.randrange(1, len(q) - 1)
                if not q[i].isalpha():
                    continue
                q = q[:i] + rng.choice("aeiourstnl") + q[i + 1 :]
        out.append((kind, q, c.code))
    return out


def build_fts(catalog) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE codes USING fts5(code, title, terms, summary, tokenize='porter')"
    )
    db.executemany(
        "INSERT INTO codes VALUES (?, ?, ?, ?)",
        [(c.code, c.title, " ; ".join(c.terms), c.summary) for c in catalog],
    )
    return db


def fts_search(db: sqlite3.Connection, query: str, limit: int = 10) -> list[str]:
    """A fair FTS5 baseline: codes and prefixes as prefix queries on the code column,
    otherwise every word ORed, ranked by bm25 with the same field emphasis as ours."""
    m = re.fullmatch(r"\s*[dD]?\s*(\d{1,4})\s*", query)
    if m:
        match = f'code:"D{m.group(1)}"*'
    else:
        words = re.findall(r"[A-Za-z0-9]+", query)
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
    rows = db.execute(
        "SELECT code FROM codes WHERE codes MATCH ?"
        " ORDER BY bm25(codes, 10.0, 3.0, 3.5, 1.0) LIMIT ?",
        (match, limit),
    ).fetchall()
    return [r[0] for r in rows]


def measure(fn, queries) -> tuple[list[float], dict[str, list[bool]]]:
    times: list[float] = []
    hits: dict[str, list[bool]] = {}
    for kind, q, code in queries:
        t = time.perf_counter()
        found = fn(q)
        times.append((time.perf_counter() - t) * 1000)
        if kind == "prefix":  # a prefix has many right answers: all of the top 5 must share it
            ok = bool(found) and all(c.startswith(q.upper()) for c in found[:5])
        else:
            ok = code in found[:5]
        hits.setdefault(kind, []).append(ok)
    return times, hits


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    catalog = load_catalog()
    queries = make_queries(catalog, args.queries, args.seed)
    t = time.perf_counter()
    index = SearchIndex(catalog)
    build_ours = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    db = build_fts(catalog)
    build_fts_ms = (time.perf_counter() - t) * 1000

    def ours(q):
        return [h.code.code for h in index.search(q, limit=10)]

    def fts(q):
        return fts_search(db, q)

    for fn in (ours, fts):  # warm up (typo cache and FTS pages both start cold)
        for _, q, _ in queries[:50]:
            fn(q)
    results = {
        "cdthub index": measure(ours, queries),
        "SQLite FTS5 bm25 (baseline)": measure(fts, queries),
    }
    print(
        f"{len(queries)} queries over {len(catalog)} codes; index build: ours {build_ours:.0f} ms, "
        f"FTS5 {build_fts_ms:.0f} ms"
    )
    kinds = sorted({k for k, _, _ in queries})
    print(f"{'engine':30} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}   top-5 hit rate by query kind")
    for name, (times, hits) in results.items():
        rates = "  ".join(f"{k} {100 * sum(hits[k]) / len(hits[k]):.0f}%" for k in kinds)
        print(f"{name:30} {pct(times, 50):8.3f} {pct(times, 99):8.3f} {max(times):8.3f}   {rates}")


if __name__ == "__main__":
    main()
