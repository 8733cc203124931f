"""The coding assistant: a procedure description in → ranked CDT code suggestions with reasons.

    >>> finder = Finder(catalog, SearchIndex(catalog))
    >>> result = finder.suggest("MOD composite #30")
    >>> result.suggestions[0].code.code
    'D2393'

Three steps:
1. Read the structure of the description (read.py): teeth, surfaces, quadrant, then each
   dimension (dimensions/): tooth type, arch, counts, material, patient…
2. Gather candidates: the search index over the words that are left, the same search over the
   lexicon's clinical reading of lay words ("pulled" → extraction), and the codes the lexicon
   names for those words.
3. Consistency: prefer codes whose requirements (surfaces, front/back tooth, primary/permanent,
   arch, quadrant, number of teeth or images, material, age, qualifiers such as "surgical" or
   "each additional") match what was read, and say so in the reasons. Look-alike codes of the
   same family compete on equal terms here, so "3 surfaces on #30" picks D2393 even when the
   words alone would rank D2394 higher. What the description leaves open among those
   look-alikes becomes an open question.

Deleted codes are never suggested; a deleted code named in the text points to its replacement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..codes import Catalog, Code
from ..search import SearchIndex
from ..search_reasons import Reason
from . import qualifiers
from .dimensions import DIMENSIONS
from .fit import distinguishable, fit
from .lexicon import TERMS, Match, expand, match_terms
from .profile import Profile, lookalikes, profiles, varying
from .questions import open_questions
from .read import read
from .reading import Reading

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
POOL = 40  # search hits taken from each query
LEXICON_WEIGHT = 0.6
FAMILY_SHARE = 0.85  # look-alike codes share most of their best sibling's relevance


@dataclass
class Suggestion:
    code: Code
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.code,
            "title": self.code.title,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
        }


@dataclass
class Suggestions:
    text: str
    suggestions: list[Suggestion]
    open_questions: list[str]
    reading: Reading | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "open_questions": list(self.open_questions),
            "read": summary(self.reading) if self.reading else {},
        }


def summary(r: Reading) -> dict[str, Any]:
    """What was read from the description, for people and scripts."""
    out: dict[str, Any] = {}
    if r.teeth:
        out["teeth"] = [t.label for t in r.teeth]
    if r.surfaces:
        out["surfaces"] = r.surfaces
    if r.quadrant:
        out["quadrant"] = r.quadrant
    for d in DIMENSIONS:
        out.update(d.summary(r))
    if r.notes:
        out["notes"] = list(r.notes)
    return out


class Finder:
    """Built once per Catalog snapshot (see core/snapshot.py); `suggest` is cheap and
    thread-safe."""

    def __init__(self, catalog: Catalog, index: SearchIndex):
        self.catalog = catalog
        self.index = index
        self.profiles: dict[str, Profile] = profiles(catalog)
        current = sorted(self.profiles)
        self.lookalikes = lookalikes(self.profiles)
        self.varying = {
            c: varying(self.profiles[o] for o in group) for c, group in self.lookalikes.items()
        }
        self.term_codes = {
            id(term): [(c, w) for c, w in expand(term.targets, current) if c in self.profiles]
            for term in TERMS
        }

    # ------------------------------------------------------------------------------------------
    def suggest(self, text: str, limit: int = DEFAULT_LIMIT) -> Suggestions:
        limit = max(1, min(int(limit), MAX_LIMIT))
        reading = read(text)
        if not reading.text:
            return Suggestions(
                "", [], ['describe the procedure, for example "MOD composite #30"'], reading
            )
        matches = match_terms(reading.lower)
        relevance, why = self._relevance(reading, matches)
        scored: dict[str, tuple[float, list[str]]] = {}
        strict = {
            q
            for q in reading.qualifiers.keys() & qualifiers.STRICT
            if any(q in self.profiles[c].qualifiers for c in relevance)
        }
        for code, rel in relevance.items():
            factor, fits = fit(self.profiles[code], reading, strict, self.varying[code])
            scored[code] = (rel * factor, why.get(code, []) + fits)
        named = self._named_codes(reading, scored)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
        top = ranked[0][1][0] if ranked else 1.0
        suggestions = [
            Suggestion(
                self.profiles[code].code,
                min(1.0, value / max(top, 1e-9)) * _confidence(top),
                _dedupe(reasons)[:6],
            )
            for code, (value, reasons) in ranked[:limit]
            if value > 0
        ]
        close = [code for code, (value, _) in ranked[:10] if value >= 0.6 * top]
        questions = named + open_questions(
            self.profiles, self.lookalikes, reading, [s.code.code for s in suggestions][:1] + close
        )
        return Suggestions(reading.text, suggestions, questions, reading)

    # candidates and their relevance ---------------------------------------------------------
    def _relevance(
        self, reading: Reading, matches: list[Match]
    ) -> tuple[dict[str, float], dict[str, list[str]]]:
        relevance: dict[str, float] = defaultdict(float)
        why: dict[str, list[str]] = defaultdict(list)
        queries = [(reading.query, 1.0)]
        if matches:
            queries = [(reading.query, 0.5), (_rewrite(reading, matches), 0.5)]
        for query, weight in queries:
            hits = [
                h
                for h in self.index.search(query, POOL, include_deleted=False, trim=False)
                if h.code.code in self.profiles
            ]
            if not hits:
                continue
            best = hits[0].score
            for h in hits:
                relevance[h.code.code] += weight * h.score / best
                if query is reading.query:
                    why[h.code.code].extend(_search_reasons(h.reasons))
        for m in matches:
            for code, w in self.term_codes[id(m.term)]:
                relevance[code] += LEXICON_WEIGHT * w
                why[code].insert(0, f'"{m.said}" read as {m.term.reads_as}')
        for code, reasons in why.items():  # one word match is enough beside the lexicon's reading
            if reasons and " read as " in reasons[0]:
                lexicon = [x for x in reasons if " read as " in x and x.startswith('"')]
                why[code] = lexicon + [x for x in reasons if x not in lexicon][:1]
        self._share_in_families(relevance, reading)
        return relevance, why

    def _share_in_families(self, relevance: dict[str, float], reading: Reading) -> None:
        """Give look-alike codes most of their best sibling's relevance, where the description
        says something that tells them apart: the consistency step then chooses."""
        told: dict[str, bool] = {}  # code → whether the description can tell it apart
        for code, value in sorted(relevance.items(), key=lambda kv: -kv[1]):
            for other in self.lookalikes[code]:
                if other not in told:
                    told[other] = distinguishable(self.profiles[other], reading)
                if other != code and told[other]:
                    relevance[other] = max(relevance.get(other, 0.0), FAMILY_SHARE * value)

    def _named_codes(
        self, reading: Reading, scored: dict[str, tuple[float, list[str]]]
    ) -> list[str]:
        """Codes written in the description: a current one goes first, a deleted one points to
        its replacement. Returns the questions this raises."""
        questions = []
        lift = max((v for v, _ in scored.values()), default=1.0) * 1.5 + 1.0
        for number in reading.codes:
            code = self.catalog.get(number)
            if code is None:
                questions.append(f"{number} is not a CDT code in the dataset")
            elif code.code in self.profiles:
                value, reasons = scored.get(code.code, (0.0, []))
                scored[code.code] = (lift, [f"{code.code} is named in the description", *reasons])
            else:
                questions.append(
                    f"{code.code} was deleted in CDT {code.deleted}: "
                    "it cannot be used for current work"
                )
                for new in code.replaced_by:
                    if new in self.profiles:
                        value, reasons = scored.get(new, (0.0, []))
                        scored[new] = (
                            lift * 0.9,
                            [f"replaces {code.code}, deleted in CDT {code.deleted}", *reasons],
                        )
        return questions


def _rewrite(reading: Reading, matches: list[Match]) -> str:
    """The description in clinical words: each lexicon match replaced by what it reads as,
    teeth, surfaces and areas already taken out."""
    out, pos = [], 0
    for m in matches:
        out += [reading.work[pos : m.start], f" {m.term.reads_as} "]
        pos = max(pos, m.end)
    out.append(reading.work[pos:])
    return " ".join("".join(out).split())


def _confidence(top: float) -> float:
    """How much the best suggestion is to be trusted, 0-1, from its raw value."""
    return round(min(1.0, top / 1.5), 3)


def _search_reasons(reasons: list[Reason]) -> list[str]:
    """The search index's best one or two reasons: a lay term or the title first; the family
    or the summary only when nothing else matched."""
    strong = [r.text for r in reasons if r.kind in ("terms", "title")]
    weak = [r.text for r in reasons if r.kind in ("family", "summary")]
    return (strong or weak)[:2]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
