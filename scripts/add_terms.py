"""Append lay terms to dataset records: python scripts/add_terms.py D0272 "2BW" "2 BW" ...

Edits the single-line `terms = [...]` of the record in place, keeping the file reviewable."""

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src/cdthub/core/data/codes"


def add_terms(code: str, new: list[str]) -> bool:
    for path in sorted(DATA.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        start = text.find(f'\ncode = "{code}"\n')
        if start < 0:
            continue
        m = re.compile(r"^terms = \[(.*)\]$", re.M).search(text, start)
        if not m:
            return False
        existing = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
        added = [t for t in new if t.lower() not in {e.lower() for e in existing}]
        items = ", ".join(f'"{t}"' for t in existing + added)
        path.write_text(
            text[: m.start()] + f"terms = [{items}]" + text[m.end() :], encoding="utf-8"
        )
        return True
    return False


if __name__ == "__main__":
    ok = add_terms(sys.argv[1], sys.argv[2:])
    sys.exit(0 if ok else f"{sys.argv[1]}: not found or no single-line terms")
