"""An in-memory search index over a Catalog.

Understands code numbers and prefixes ("D99", "9992", "d 9992"), words of titles, summaries and
lay terms, abbreviations ("FMX", "SRP", "I&D"), multi-word phrases ("deep cleaning") and typos
("extration"). Every hit says why it matched.

Scoring is BM25-like per field, plus phrase bonuses for whole terms, plus a penalty for
deleted codes. Built once per Catalog snapshot; a query touches only the postings of its words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .codes import Catalog, Code, normalize_code

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with per each one my me i "
    "what which code codes cdt dental do does how".split()
)
# field → weight of one matching word
FIELD_WEIGHTS = {"title": 3.0, "terms": 3.5, "summary": 1.0, "family": 1.2}
PHRASE_BONUS = {"terms": 9.0, "title": 6.0}
DELETED_FACTOR = 0.35

_WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")
_HYPHENATED = re.compile(r"\b([a-z0-9]+)-([a-z0-9]+)\b")
_CODE_QUERY = re.compile(r"^\s*d?\s*-?\s*(\d{1,4})\s*$", re.I)
_CODE_IN_TEXT = re.compile(r"\bd\s?-?(\d{4})\b", re.I)


def stem(word: str) -> str:
    """A light English stemmer: enough to meet 'fillings'/'filling', 'crowns'/'crown'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lowercased, stemmed words of `text`; hyphenated words also yield their joined form."""
    text = text.lower().replace("’", "'")
    text = _HYPHENATED.sub(lambda m: f"{m.group(1)} {m.group(2)} {m.group(1)}{m.group(2)}", text)
    return [stem(w) for w in _WORD.findall(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


@dataclass(slots=True)
class Hit:
    code: Code
    score: float
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "code": self.code.code,
            "title": self.code.title,
            "score": round(self.score, 3),
            "why": self.why,
            "deleted": self.code.deleted,
        }


class SearchIndex:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.codes: list[Code] = list(catalog)
        # postings[word][field] = {code index: term frequency}
        self.postings: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
        self.phrases: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.phrase_text: dict[tuple[str, int], str] = {}
        self.length: dict[str, list[int]] = {f: [0] * len(self.codes) for f in FIELD_WEIGHTS}
        for i, code in enumerate(self.codes):
            fields = {
                "title": [code.title],
                "terms": list(code.terms),
                "summary": [code.summary],
                "family": [catalog.family_name(code)] if code.family else [],
            }
            for name, texts in fields.items():
                for text in texts:
                    toks = content_words(text)
                    self.length[name][i] += len(toks)
                    for w in toks:
                        bucket = self.postings[w][name]
                        bucket[i] = bucket.get(i, 0) + 1
                    if name in PHRASE_BONUS and len(toks) >= 1:
                        key = " ".join(toks)
                        self.phrases[key][name].add(i)
                        self.phrase_text.setdefault((key, i), text)
        n = len(self.codes) or 1
        self.idf = {
            w: math.log(1 + (n - df + 0.5) / (df + 0.5))
            for w, df in ((w, len({i for f in fields.values() for i in f})) for w, fields in self.postings.items())
        }
        self.avg = {f: (sum(v) / n) or 1.0 for f, v in self.length.items()}
        self.vocabulary = sorted(self.postings)
        self._long_vocab = [w for w in self.vocabulary if len(w) >= 4]
        self.max_phrase = max((len(k.split()) for k in self.phrases), default=1)
        self._by_code = {c.code: i for i, c in enumerate(self.codes)}
        self._correct = lru_cache(maxsize=4096)(self._correct_uncached)

    # typo handling -------------------------------------------------------------------------
    def _correct_uncached(self, word: str) -> str | None:
        """The vocabulary word a misspelt `word` most likely meant, or None."""
        if word in self.postings or len(word) < 4 or word.isdigit():
            return None
        cutoff = 80 if len(word) >= 6 else 75
        found = process.extractOne(word, self._long_vocab, scorer=fuzz.ratio, score_cutoff=cutoff)
        if not found:
            return None
        return found[0]

    # querying ------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, include_deleted: bool = True) -> list[Hit]:
        """Ranked hits for `query`; never raises on odd input (empty, huge, symbols)."""
        query = (query or "")[:MAX_QUERY_CHARS]
        if not query.strip() or limit <= 0:
            return []
        hits: dict[int, Hit] = {}

        def add(i: int, score: float, why: str) -> None:
            hit = hits.get(i)
            if hit is None:
                hits[i] = Hit(self.codes[i], score, [why])
            else:
                hit.score += score
                if why not in hit.why:
                    hit.why.append(why)

        self._code_matches(query, add)
        coverage = self._word_matches(query, add)
        results = []
        for i, hit in hits.items():
            hit.score *= coverage.get(i, 1.0)
            if hit.code.is_deleted:
                if not include_deleted:
                    continue
                hit.score *= DELETED_FACTOR
                hit.why.append(f"deleted in CDT {hit.code.deleted}")
            results.append(hit)
        results.sort(key=lambda h: (-h.score, h.code.code))
        return results[:limit]

    def _code_matches(self, query: str, add) -> None:
        m = _CODE_QUERY.match(query)
        if m:
            digits = m.group(1)
            if len(digits) == 4:
                i = self._by_code.get("D" + digits)
                if i is not None:
                    add(i, 100.0, f"code {self.codes[i].code}")
                return
            if len(digits) >= 2 or query.strip().lower().startswith("d"):
                prefix = "D" + digits
                for i, c in enumerate(self.codes):
                    if c.code.startswith(prefix):
                        add(i, 50.0 - (c.number % 10 ** (4 - len(digits))) * 1e-3,
                            f"code starts with {prefix}")
            return
        for m in _CODE_IN_TEXT.finditer(query):
            i = self._by_code.get(normalize_code(m.group(1)) or "")
            if i is not None:
                add(i, 60.0, f"code {self.codes[i].code}")

    def resolve(self, toks: list[str]) -> list[str]:
        """Each query word, or the vocabulary word it is a typo of."""
        return [w if w in self.postings else (self._correct(w) or w) for w in toks]

    def _word_matches(self, query: str, add) -> dict[int, float]:
        """Adds word and phrase scores; returns each code's coverage factor."""
        toks = content_words(query)[:MAX_QUERY_WORDS]
        if not toks:
            return {}
        resolved = self.resolve(toks)
        matched: dict[int, set[str]] = defaultdict(set)
        k1, b = 1.2, 0.6
        for original, w in zip(toks, resolved, strict=True):
            fields = self.postings.get(w)
            if not fields:
                continue
            idf = self.idf[w]
            typo = original != w
            label = f'"{original}" read as "{w}"' if typo else f'"{w}"'
            for name, docs in fields.items():
                weight = FIELD_WEIGHTS[name] * (0.8 if typo else 1.0) * idf
                avg, lengths = self.avg[name], self.length[name]
                why = f"{name}: {label}"
                for i, tf in docs.items():
                    add(i, weight * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[i] / avg)), why)
                    matched[i].add(w)
        n = len(resolved)
        for size in range(min(self.max_phrase, n), 0, -1):
            for start in range(n - size + 1):
                key = " ".join(resolved[start : start + size])
                entry = self.phrases.get(key)
                if not entry:
                    continue
                for name, docs in entry.items():
                    bonus = PHRASE_BONUS[name] * (1 + 0.5 * (size - 1))
                    where = "also known as" if name == "terms" else "title is"
                    for i in docs:
                        add(i, bonus, f'{where} "{self.phrase_text.get((key, i), key)}"')
        distinct = len(set(resolved))
        return {i: 0.55 + 0.45 * len(got) / distinct for i, got in matched.items()}

    def complete(self, prefix: str, limit: int = 8) -> list[Hit]:
        """As-you-type suggestions: complete the last word, then search."""
        prefix = (prefix or "")[:MAX_QUERY_CHARS]
        toks = content_words(prefix)
        if toks and not prefix.endswith(" ") and toks[-1] not in self.postings:
            last = toks[-1]
            options = [w for w in self.vocabulary if w.startswith(last)]
            if options:
                best = max(options, key=lambda w: len(next(iter(self.postings[w].values()))))
                prefix = prefix[: prefix.lower().rfind(last)] + best
        return self.search(prefix, limit=limit)
