"""How long the duplicate check of one new comment takes (community/duplicates.py).

Builds synthetic comments (random sentences of 20-60 words from a small dental-billing
vocabulary, 40-400 characters), then times `compare()` of one new comment against the bounded
set a real check reads (at most window_size + per_code + per_author = 3,600 texts), and, as the
baseline, against every comment of a large site (--all, default 20,000). Prints the median wall
time and the median CPU time of the process (which a busy machine inflates less). The database
read is one indexed query per bound and is not timed here.

    .venv/bin/python bench/comments_duplicates.py [--all 20000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdthub.web.settings.test")
django.setup()

from cdthub.community.duplicates import DuplicateCheck, compare  # noqa: E402

WORDS = (
    "payer claim denied narrative referral patient visit code billed insurance plan benefit "
    "frequency limit crown molar premolar radiograph bitewing periodic evaluation cleaning "
    "scaling root planing quadrant sedation anesthesia extraction surgical implant abutment "
    "denture reline repair night guard fluoride sealant child adult office manager biller "
    "dentist hygienist specialist follow up phone call records attached pre-authorization "
    "the a with for on in after before when our their this that does not always usually"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "."


def timed(query: str, rows: list[tuple[int, str, bool]], check: DuplicateCheck, n: int):
    times, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = compare(
            query,
            rows,
            near=check.near,
            repeat=check.repeat,
            min_chars=check.min_chars,
            keep=check.keep,
        )
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times) * 1000, statistics.median(cpu) * 1000, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(42)
    check = DuplicateCheck()
    bounded = check.window_size + check.per_code + check.per_author
    every = [(i, sentence(rng), i % 50 == 0) for i in range(args.all)]
    query = every[bounded // 2][1].replace(" ", "  ").upper() + "!"  # a pasted copy
    ms, cpu, found = timed(query, every[:bounded], check, args.repeat)
    print(
        f"bounded:  1 comment vs {bounded:>6,} comments: {ms:7.1f} ms median ({cpu:.1f} ms CPU), "
        f"{len(found)} flagged (best {found[0].score if found else '-'}%)"
    )
    ms_all, cpu_all, found_all = timed(query, every, check, max(3, args.repeat // 5))
    print(
        f"baseline: 1 comment vs {len(every):>6,} comments: {ms_all:7.1f} ms median "
        f"({cpu_all:.1f} ms CPU), "
        f"{len(found_all)} flagged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
