"""Comments under concurrent load: nothing may be lost.

Runs the real site under gunicorn (2 workers x 4 threads) on a temporary SQLite database (WAL,
busy timeout, IMMEDIATE transactions, as settings/base.py configures it), then 20 readers post
10 comments each at the same time through the real form: CSRF cookie and token, the signed
time stamp (single-use, so a reader opens the page once per comment first; 3-second minimum),
the honeypot and the rate limit (every post comes from its own address through X-Real-IP, so
the limit counts but never blocks). Posting is timed from the moment every reader has its
forms. Prints how many of
the 200 comments were stored, and the baseline: one reader posting 40 comments one by one.
The server and the readers are cdthub.web.scratch (the test suite uses them too).

    .venv/bin/python bench/comments_concurrency.py [--threads 20] [--per-thread 10]
"""

from __future__ import annotations

import argparse
import signal
import sys

from cdthub.web.scratch import ScratchSite, post_comments


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop gunicorn
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--per-thread", type=int, default=10)
    args = parser.parse_args()
    with ScratchSite(min_seconds=3) as site:
        load = post_comments(site, args.threads, args.per_thread)
        base = post_comments(site, 1, 40)
    print(
        f"concurrent: {args.threads} readers x {args.per_thread} comments = "
        f"{load.posted} posted, "
        f"{load.accepted} accepted, {load.failed} failed, {load.stored} stored, "
        f"{load.per_second:.0f} posts/s"
    )
    print(
        f"baseline:   1 reader x 40 comments = {base.posted} posted, {base.accepted} accepted, "
        f"{base.failed} failed, {base.stored} stored, {base.per_second:.0f} posts/s"
    )
    lost = load.posted - load.stored
    print("nothing lost" if lost == 0 else f"LOST {lost} comments")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
