"""An in-memory search index over a Catalog.

Understands code numbers and prefixes ("D99", "9992", "d 9992"), words of titles, summaries and
lay terms, abbreviations ("FMX", "SRP", "I&D"), multi-word phrases ("deep cleaning") and typos
("extration"). Every hit says why it matched, plainest reason first (search_reasons.py); a
typo correction is said once for the whole query. `find` stops where relevance drops.

Scoring is BM25-like per field, plus phrase bonuses for whole terms, plus a penalty for
deleted codes. Built once per Catalog snapshot; a query touches only the postings of its words.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .codes import Catalog, Code, normalize_code
from .search_reasons import CodeText, Correction, Reason, explain
from .search_reasons import trim as trim_hits

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with per each one my me i "
    "what which code codes cdt dental do does how".split()
)
# words too vague to make a code relevant on their own ("follow up", "oral surgeon", "dental
# visit"): they add to a code that matches another word of the query, never alone (unless the
# query has nothing else)
FILLER = frozenset(
    "up down out off over oral dental dentist patient patients pt done got get made make sure "
    "also then after need needed very just".split()
)
# field → weight of one matching word
FIELD_WEIGHTS = {"title": 3.0, "terms": 3.5, "summary": 1.0, "family": 1.2}
PHRASE_BONUS = {"terms": 9.0, "title": 6.0}
EXACT_TERM_BONUS = 8.0
TYPED_TERM_BONUS = 4.0  # the query is a lay term word for word, as typed ("bitewings")
PRIOR_WEIGHT = 0.6
TITLE_B = 0.2  # titles of one family differ in length by detail, not by relevance
DELETED_FACTOR = 0.35

_WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")
_HYPHENATED = re.compile(r"\b([a-z0-9]+)-([a-z0-9]+)\b")
_CODE_QUERY = re.compile(r"^\s*d?\s*-?\s*([0-9]{1,4})\s*$", re.I)
_CODE_IN_TEXT = re.compile(r"\bd\s?-?([0-9]{4})\b", re.I)


_STEMMER = snowballstemmer.stemmer("english")
# British spellings (and a few variants) folded to one form before stemming
VARIANTS = {
    "colour": "color",
    "coloured": "colored",
    "anaesthesia": "anesthesia",
    "anaesthetic": "anesthetic",
    "paediatric": "pediatric",
    "haemorrhage": "hemorrhage",
    "aluminium": "aluminum",
    "orthopaedic": "orthopedic",
    "haemostasis": "hemostasis",
    "centre": "center",
    "behaviour": "behavior",
    "counselling": "counseling",
    "xray": "x-ray",
    "xrays": "x-rays",
}
_VARIANT_RE = re.compile(r"\b(" + "|".join(sorted(VARIANTS, key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem: 'fillings'/'filling' → 'fill', 'pulled' → 'pull'."""
    return word if word.isdigit() or len(word) < 3 else _STEMMER.stemWord(word)


_SOUNDS = [
    (re.compile(p), r)
    for p, r in (
        (r"ph", "f"),
        (r"c(?=[eiy])", "s"),
        (r"ck", "k"),
        (r"c", "k"),
        (r"z", "s"),
        (r"(.)\1+", r"\1"),
    )
]


def sounds_like(word: str) -> str:
    """A rough phonetic key: 'brases' and 'braces' sound alike, 'bases' does not."""
    for pattern, repl in _SOUNDS:
        word = pattern.sub(repl, word)
    return word


def _deletions(word: str) -> set[str]:
    """The word itself and every string made by deleting one of its letters."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def raw_words(text: str) -> list[str]:
    """Lowercased words of `text`, British spellings folded; hyphenated words also joined."""
    text = text.lower().replace("’", "'")
    text = _VARIANT_RE.sub(lambda m: VARIANTS[m.group(0)], text)
    text = _HYPHENATED.sub(lambda m: f"{m.group(1)} {m.group(2)} {m.group(1)}{m.group(2)}", text)
    return _WORD.findall(text)


def analyze(text: str) -> list[tuple[str, str]]:
    """(word, stem) pairs of `text` without stop words."""
    return [(w, stem(w)) for w in raw_words(text) if w not in STOPWORDS]


def content_words(text: str) -> list[str]:
    """The stems search works on."""
    return [st for _, st in analyze(text)]


class Word(NamedTuple):
    """One query word: as typed, the stem searched for, and the word it was corrected to."""

    typed: str
    stem: str
    corrected: str | None = None


@dataclass(slots=True)
class Hit:
    code: Code
    score: float
    reasons: list[Reason] = field(default_factory=list)

    @property
    def why(self) -> list[str]:
        """The reasons in plain words, the one to show first first."""
        return [r.text for r in self.reasons]

    @property
    def reason(self) -> str:
        return self.reasons[0].text if self.reasons else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.code,
            "title": self.code.title,
            "score": round(self.score, 3),
            "why": self.why,
            "reason": self.reason,
            "deleted": self.code.deleted,
        }


@dataclass(slots=True)
class Results:
    """A query's hits and how its words were read (typo corrections, said once)."""

    query: str
    hits: list[Hit]
    corrections: list[Correction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "results": [h.to_dict() for h in self.hits],
            "corrections": [c.to_dict() for c in self.corrections],
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
        self.surface: dict[str, str] = {}  # every word seen in the data → its stem
        self.lay_stems: set[str] = set()  # stems that occur in lay terms / abbreviations
        self.texts: list[CodeText] = []
        self.typed_terms: dict[str, set[int]] = defaultdict(set)  # term as typed → codes
        for i, code in enumerate(self.codes):
            fields = {
                "title": [code.title],
                "terms": list(code.terms),
                "summary": [code.summary],
                "family": [catalog.family_name(code)] if code.family else [],
            }
            self.texts.append(
                CodeText(
                    title=frozenset(content_words(code.title)),
                    family=frozenset(content_words(" ".join(fields["family"]))),
                    family_name=" ".join(fields["family"]),
                    summary=frozenset(content_words(code.summary)),
                    terms=tuple((t, frozenset(content_words(t))) for t in code.terms),
                )
            )
            for term in code.terms:
                self.typed_terms[" ".join(raw_words(term))].add(i)
            for name, texts in fields.items():
                for text in texts:
                    pairs = analyze(text)
                    toks = [st for _, st in pairs]
                    for raw, st in pairs:
                        self.surface.setdefault(raw, st)
                        if name == "terms":
                            self.lay_stems.add(st)
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
            for w, df in (
                (w, len({i for f in fields.values() for i in f}))
                for w, fields in self.postings.items()
            )
        }
        self.avg = {f: (sum(v) / n) or 1.0 for f, v in self.length.items()}
        # every word's BM25 contribution to every code, summed over fields, computed once
        self.contrib: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # word → (codes, scores)
        k1 = 1.2
        for w, by_field in self.postings.items():
            total: dict[int, float] = {}
            for name, docs in by_field.items():
                # a term list is a set of names, not prose: a name counts once, whatever its length
                b, cap = {"terms": (0.0, 1), "title": (TITLE_B, 99)}.get(name, (0.6, 99))
                weight, avg, lengths = (
                    FIELD_WEIGHTS[name] * self.idf[w],
                    self.avg[name],
                    self.length[name],
                )
                for i, tf in docs.items():
                    tf = min(tf, cap)
                    total[i] = total.get(i, 0.0) + weight * tf * (k1 + 1) / (
                        tf + k1 * (1 - b + b * lengths[i] / avg)
                    )
            idx = np.fromiter(total.keys(), dtype=np.int32, count=len(total))
            self.contrib[w] = (idx, np.fromiter(total.values(), dtype=np.float64, count=len(total)))
        self.vocabulary = sorted(self.postings)
        self._display: dict[str, str] = {}
        for w, st in sorted(self.surface.items(), key=lambda kv: (len(kv[0]), kv[0])):
            self._display.setdefault(st, w)
        self._long_words = sorted(w for w in self.surface if len(w) >= 4 and not w.isdigit())
        self._words_by_length: dict[int, list[str]] = defaultdict(list)
        # one-letter deletions of every word: two words sharing one are one edit apart
        # (a changed, missing, extra or swapped letter), found without scanning the vocabulary
        self._deletions: dict[str, list[str]] = defaultdict(list)
        for w in self._long_words:
            self._words_by_length[len(w)].append(w)
            for variant in _deletions(w):
                self._deletions[variant].append(w)
        self.max_phrase = max((len(k.split()) for k in self.phrases), default=1)
        self._by_code = {c.code: i for i, c in enumerate(self.codes)}
        self._sorted_codes = [c.code for c in self.codes]  # the catalog iterates in code order
        # A small prior for near ties: codes that many other codes point to (as related or
        # replacement) are the common ones of their family ("PFM" → D2750 before D2752).
        inbound = [0] * len(self.codes)
        for c in self.codes:
            for other in {r.code for r in c.related} | set(c.replaced_by):
                if other in self._by_code:
                    inbound[self._by_code[other]] += 1
        self.prior = PRIOR_WEIGHT * np.log1p(np.asarray(inbound, dtype=np.float64))
        self._deleted = {i for i, c in enumerate(self.codes) if c.is_deleted}
        self._deleted_factor = np.where(
            np.array([c.is_deleted for c in self.codes], dtype=bool), DELETED_FACTOR, 1.0
        )
        self._correct = lru_cache(maxsize=4096)(self._correct_uncached)

    # typo handling -------------------------------------------------------------------------
    def _correct_uncached(self, word: str) -> tuple[tuple[str, str], ...]:
        """What a word unknown to the index most likely meant: ((surface word, stem), ...).

        Tries a close spelling first (lay words and same first letter preferred), then a
        split into two known words ("rootcanal" → "root canal"). Empty when nothing fits."""
        if len(word) < 4 or word.isdigit():
            return ()
        cutoff = 80 if len(word) >= 6 else 75
        one_edit = {w for v in _deletions(word) for w in self._deletions.get(v, ())}
        candidates: list[tuple[str, float, Any]]
        if one_edit:
            candidates = [(w, fuzz.ratio(word, w), None) for w in one_edit]
            candidates = [c for c in candidates if c[1] >= cutoff]
        else:
            # two or more edits: compare with the words of about the same length
            near = [
                w
                for n in range(len(word) - 2, len(word) + 3)
                for w in self._words_by_length.get(n, ())
            ]
            candidates = process.extract(
                word, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
            )
        if candidates:
            key = sounds_like(word)

            def rank(c: tuple[str, float, Any]) -> float:
                text, score, _ = c
                return (
                    score
                    - 15 * OSA.distance(word, text)  # fewer edits first
                    + 12 * (sounds_like(text) == key)
                    + 6 * (self.surface[text] in self.lay_stems)
                    + 4 * (text[0] == word[0])
                )

            best = max(sorted(candidates), key=rank)[0]  # sorted: ties never depend on hashing
            return ((best, self.surface[best]),)
        return self._split(word) or self._split(word, phrase_only=False)

    def _split(self, word: str, phrase_only: bool = True) -> tuple[tuple[str, str], ...]:
        """'rootcanal' → root + canal: two known words (by default: that form a known phrase)."""
        for k in range(3, len(word) - 2):
            left, right = word[:k], word[k:]
            if left in self.surface and right in self.surface:
                pair = f"{self.surface[left]} {self.surface[right]}"
                if not phrase_only or pair in self.phrases:
                    return ((left, self.surface[left]), (right, self.surface[right]))
        return ()

    # querying ------------------------------------------------------------------------------
    def search(
        self, query: str, limit: int = 20, include_deleted: bool = True, trim: bool = True
    ) -> list[Hit]:
        """Ranked hits for `query`; never raises on odd input (empty, huge, symbols)."""
        return self.find(query, limit, include_deleted, trim).hits

    def find(
        self, query: str, limit: int = 20, include_deleted: bool = True, trim: bool = True
    ) -> Results:
        """Ranked hits for `query` with the typo corrections made. With `trim` the list stops
        where relevance drops (see search_reasons.trim); without, it has up to `limit` hits
        (the coding assistant weighs weak candidates itself).

        Scores are summed in one vector over all codes; the reasons are worked out for the
        returned hits only."""
        query = (query or "")[:MAX_QUERY_CHARS]
        if not query.strip() or limit <= 0:
            return Results(query, [])
        scores = np.zeros(len(self.codes))
        code_why: dict[int, str] = {}
        is_code = self._code_matches(query, scores, code_why)
        words = [] if is_code else self.resolve(query)
        coverage = self._word_matches(words, scores, query) if words else None
        ranked = scores * self._deleted_factor
        if not include_deleted:
            ranked[list(self._deleted)] = 0.0
        candidates = np.flatnonzero(ranked > 0)
        if len(candidates) > limit:
            top = np.argpartition(-ranked[candidates], limit - 1)[:limit]
            candidates = candidates[top]
        order = sorted(candidates.tolist(), key=lambda i: (-ranked[i], i))
        if trim and coverage is not None:
            order = trim_hits(order, ranked, coverage, code_why)
        stems = list(dict.fromkeys(w.stem for w in words if w.stem in self.postings))
        if any(st not in _FILLER_STEMS for st in stems):  # reasons name the words that count
            stems = [st for st in stems if st not in _FILLER_STEMS]
        shown = {w.stem: w.corrected or self.display(w.stem) for w in words}
        for w in words:  # a word as the reader typed it, where it was not corrected
            if w.corrected is None and w.stem in shown and " " not in w.typed:
                shown[w.stem] = w.typed
        hits = []
        for i in order:
            reasons = [Reason("code", code_why[i])] if i in code_why else []
            reasons += explain(self.texts[i], stems, shown)
            if i in self._deleted:
                reasons.append(Reason("deleted", f"deleted in CDT {self.codes[i].deleted}"))
            hits.append(Hit(self.codes[i], float(ranked[i]), reasons))
        corrections = list(
            dict.fromkeys(
                Correction(w.typed.split(":")[0], w.corrected) for w in words if w.corrected
            )
        )
        return Results(query, hits, _merge_splits(corrections))

    def display(self, st: str) -> str:
        """A readable word for a stem (the shortest word of the data that has it)."""
        return self._display.get(st, st)

    def _code_matches(self, query: str, scores: np.ndarray, why: dict[int, str]) -> bool:
        """Scores code numbers and prefixes; True when the whole query is a code or prefix."""
        m = _CODE_QUERY.match(query)
        if m:
            digits = m.group(1)
            if len(digits) == 4:
                i = self._by_code.get("D" + digits)
                if i is not None:
                    scores[i], why[i] = 100.0, f"code {self.codes[i].code}"
                return True
            if len(digits) >= 2 or query.strip().lower().startswith("d"):
                prefix = "D" + digits
                start = bisect.bisect_left(self._sorted_codes, prefix)
                for i in range(start, len(self.codes)):
                    if not self._sorted_codes[i].startswith(prefix):
                        break
                    # all above word matches, in code order
                    scores[i] = 50.0 - (i - start) * 1e-3
                    why[i] = f"code starts with {prefix}"
                return True
            return False
        for m in _CODE_IN_TEXT.finditer(query):
            i = self._by_code.get(normalize_code(m.group(1)) or "")
            if i is not None:
                scores[i] += 60.0
                why[i] = f"code {self.codes[i].code}"
        return False

    def resolve(self, text: str) -> list[Word]:
        """Each query word: as typed, the stem searched for, and what it was corrected to."""
        out: list[Word] = []
        pairs = analyze(text)[:MAX_QUERY_WORDS]
        i = 0
        while i < len(pairs):
            raw, st = pairs[i]
            i += 1
            if i < len(pairs):
                nxt_raw, nxt_stem = pairs[i]
                if raw + nxt_raw in self.surface and nxt_stem not in self.postings:
                    # "tooth ache" → "toothache": two typed words that the data writes as one
                    joined = raw + nxt_raw
                    out.append(Word(f"{raw} {nxt_raw}", self.surface[joined], joined))
                    i += 1
                    continue
            halves = self._split(raw)
            if halves:
                out += [Word(raw, s2, w) for w, s2 in halves]
                continue
            if st in self.postings:
                out.append(Word(raw, st))
                continue
            fixed = self._correct(raw)
            out += [Word(raw, s2, w) for w, s2 in fixed] if fixed else [Word(raw, st)]
        return out

    def _word_matches(self, words: list[Word], scores: np.ndarray, query: str) -> np.ndarray:
        """Adds word, phrase and coverage scores into `scores`; returns each code's coverage
        (the share of the query's distinct words it matches)."""
        acc = np.zeros(len(self.codes))
        matched = np.zeros(len(self.codes))
        meaningful = np.zeros(len(self.codes))  # matches of words that are not filler
        only_filler = all(_FILLER_STEMS.issuperset(w.stem.split()) for w in words)
        seen: set[str] = set()
        for w in words:
            if w.stem in seen or w.stem not in self.contrib:
                continue
            seen.add(w.stem)
            idx, values = self.contrib[w.stem]
            acc[idx] += values * (0.8 if w.corrected else 1.0)
            matched[idx] += 1
            if w.stem not in _FILLER_STEMS:
                meaningful[idx] += 1
        resolved = [w.stem for w in words]
        n = len(resolved)
        for size in range(min(self.max_phrase, n), 0, -1):
            for start in range(n - size + 1):
                key = " ".join(resolved[start : start + size])
                for name, docs in self.phrases.get(key, {}).items():
                    acc[list(docs)] += PHRASE_BONUS[name] * (1 + 0.5 * (size - 1))
                    if size > 1:  # a whole name ("follow up visit") is more than its words
                        meaningful[list(docs)] += 1
        exact = self.phrases.get(" ".join(resolved), {}).get("terms")
        if exact:
            acc[list(exact)] += EXACT_TERM_BONUS
        typed = self.typed_terms.get(" ".join(raw_words(query)))
        if typed:
            acc[list(typed)] += TYPED_TERM_BONUS
        distinct = len(set(resolved)) or 1
        hit = (acc > 0) & ((meaningful > 0) | only_filler)
        scores += np.where(hit, acc * (0.55 + 0.45 * matched / distinct) + self.prior, 0.0)
        return matched / distinct

    def complete(self, prefix: str, limit: int = 8) -> Results:
        """As-you-type: complete the last, unfinished word with a known word, then search."""
        prefix = (prefix or "")[:MAX_QUERY_CHARS]
        typed = raw_words(prefix)
        if typed and not prefix.endswith(" ") and typed[-1] not in self.surface:
            last = typed[-1]
            options = [w for w in self._long_words if w.startswith(last)]
            if options:
                best = max(options, key=lambda w: (self.surface[w] in self.lay_stems, -len(w)))
                prefix = prefix[: prefix.lower().rfind(last)] + best
        return self.find(prefix, limit=limit)


_FILLER_STEMS = frozenset(stem(w) for w in FILLER)


def _merge_splits(corrections: list[Correction]) -> list[Correction]:
    """'rootcanal' read as 'root' and as 'canal' → 'rootcanal' read as 'root canal'."""
    out: list[Correction] = []
    for c in corrections:
        if out and out[-1].typed == c.typed:
            out[-1] = Correction(c.typed, f"{out[-1].read_as} {c.read_as}")
        else:
            out.append(c)
    return out
