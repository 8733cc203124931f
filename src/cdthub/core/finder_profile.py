"""What each code requires, in a form the coding assistant can compare with a description.

Everything here is derived from the dataset (Code.area/teeth/surfaces and the wording of our own
titles), so a new or corrected code needs no change in this module: a title saying "lower",
"4+ teeth", "porcelain fused to noble metal", "child" or "each additional" becomes a requirement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import Catalog, Code
from .finder_patterns import NUMBERS

Interval = tuple[int, int | None]  # inclusive; None: no upper limit

# --- materials --------------------------------------------------------------------------------
# Material classes of restorations and prostheses. A porcelain-fused-to-metal crown is
# {ceramic, metal_frame}; a full gold crown {cast} with the alloy high_noble.
_CODE_MATERIALS = (
    ("metal_frame", r"porcelain[- ]fused|fused to|resin-faced|resin with|on a titanium frame"),
    ("ceramic", r"porcelain|ceramic"),
    ("cast", r"\bcast\b|full cast|metal inlay|metal onlay"),
    ("resin", r"composite|\bresin\b|acrylic|tooth-coloured"),
    ("amalgam", r"amalgam"),
    ("steel", r"stainless steel"),
    ("flexible", r"flexible"),
    ("gold_foil", r"gold foil"),
)
_CODE_ALLOYS = (
    ("high_noble", r"high noble|\(gold\)"),
    ("noble", r"(?<!high )\bnoble|semi-precious"),
    ("base", r"base metal|predominantly base|non-precious"),
    ("titanium", r"titanium"),
)

# --- counts and sequence -----------------------------------------------------------------------
_N = r"(\d+|single|one|two|three|four|five|six|seven|eight)"
_TITLE_COUNTS = (
    (re.compile(_N + r"\s*(?:\+|or more)\s*(teeth|images|tooth)"), "more"),
    (re.compile(_N + r"\s*(?:-|to)\s*" + _N + r"\s*(teeth|images|tooth)"), "range"),
    (re.compile(_N + r"\s*(teeth|images|image)\b"), "exact"),
)
_UNIT_OF = {"teeth": "teeth", "tooth": "teeth", "images": "images", "image": "images"}
_SEQUENCE = (
    (re.compile(r"\beach (?:additional|further)\b|\badditional\b|\bfurther site"), (2, None)),
    (re.compile(r"\bthird dose\b"), (3, 3)),
    (re.compile(r"\bsecond dose\b|\bsecond-stage\b"), (2, 2)),
    (re.compile(r"\bfirst (?:image|dose|visit|root|15|tooth|site)\b"), (1, 1)),
)

# --- patients ----------------------------------------------------------------------------------
_AGES = (
    (re.compile(r"under three"), (0, 2)),
    (re.compile(r"\bchild(?:ren)?\b|\bpediatric\b"), (0, 13)),
    (re.compile(r"\badolescent\b"), (11, 17)),
    (re.compile(r"\badult\b(?! teeth)"), (14, None)),
)

# --- qualifiers: words that set a code apart from its plainer siblings ------------------------
# name: (how a title says it, how a description says it)
QUALIFIERS: dict[str, tuple[str, str]] = {
    "remnants": (
        r"remnant",
        r"remnant|\bloose\b|exfoliat|hanging|barely (?:attached|hanging)|wiggl|\bretained\b",
    ),
    "complicated": (r"complicat|unusual", r"complicat|difficult|unusual|complex|extensive"),
    "immediate": (
        r"\bimmediate\b",
        r"immediate|same[- ]day|at (?:the time of )?extraction|right after",
    ),
    "interim": (
        r"interim|provisional|temporary|transitional",
        r"interim|provisional|\btemp\b|temporary|transitional|flipper|stay ?plate|healing",
    ),
    "capture": (
        r"capture only",
        r"captur|image only|no (?:interpretation|read)|without (?:interp|report)",
    ),
    "repair": (r"\brepair|\bfixing\b", r"repair|\bfix|broken|break|crack|mend"),
    "replace": (r"\breplac", r"replac|\blost\b|remake|new one"),
    "adjust": (r"\badjust", r"adjust|sore spot|rubbing|\bease\b|titrat"),
    "reline": (r"\breline|\bliner\b", r"reline|liner"),
    "rebase": (r"\brebase", r"rebase"),
    "recement": (
        r"re-?cement|re-?bond|re-?attach",
        r"re-?cement|re-?bond|re-?attach|re-?glue|re-?seat|came off|come off|fell off|"
        r"fall(?:en)? off|came out|fell out|popped (?:off|out)|cement(?:ed)? back|loose",
    ),
    "removal": (
        r"^remov|^surgical removal|\bremoval of\b|\bextraction\b",
        r"remov|extract|\bexo\b|pull|take (?:it |them )?(?:off|out)|took (?:off|out)|cut off|"
        r"unbond",
    ),
    "extractions": (r"\bextractions\b", r"extract|\bexo\b|\bpull"),
    "modification": (r"modif", r"modif|alter"),
    "retreatment": (
        r"retreatment",
        r"retreat|re-?treat|re-?do|redo|again|failed (?:root canal|rct|endo)",
    ),
    "soft": (r"\bsoft\b", r"\bsoft\b|flexible|laminat|dual"),
    "partial_arch": (
        r"partial arch",
        r"partial arch|front teeth only|anterior only|\bnti\b|deprogram",
    ),
    "lab": (
        r"laborator|lab-made|made in a lab|lab processed|\bindirect\b",
        r"\blab\b|laborator|indirect|processed|sent out|milled",
    ),
    "chairside": (
        r"chairside|made at the chair|\bdirect\)",
        r"chair ?side|\bdirect|in[- ]office|same[- ]day",
    ),
    "larger": (r"larger than|longer than", r"large|larger|\bbig\b|longer|over \d|> ?\d"),
    "unspecified": (
        r"unspecified|no specific code|with no specific",
        r"unspecified|not listed|no code|other procedure",
    ),
    "implant": (
        r"implant",
        r"implant|fixture|all[- ]on|abutment[- ]supported|locator|screw[- ]retained",
    ),
    "abutment": (r"implant abutment|abutment-supported", r"abutment"),
    "three_quarter": (r"three-quarter", r"3/4|three[- ]quarters?|3 quarter|partial coverage"),
    "surgical": (
        r"\bsurgical\b|bone removal|sectioning|\bflap\b",
        r"surgical|surgically|\bflap|bone removal|removing bone|remove bone|section|split|"
        r"\bdrill|\bbur\b",
    ),
    "overdenture": (r"overdenture", r"overdenture|over-denture|over denture"),
    "hybrid": (r"hybrid", r"hybrid|all[- ]on|fixed (?:full[- ]arch|denture)|fixed implant denture"),
    "booster": (r"booster", r"booster"),
    "covid": (r"covid", r"covid|corona|sars"),
    "bridge": (r"bridge|pontic", r"bridge|pontic|\bfpd\b|maryland|fixed partial"),
    "denture": (
        r"denture|overdenture",
        r"denture|\bplate\b|flipper|\bpartial\b|false teeth|overdenture|\brpd\b",
    ),
    "cleaning": (r"cleaning and inspection", r"clean"),
    "capture_ortho": (
        r"jaw \(orthognathic\) surgery",
        r"surgery|surgical|orthognathic|jaw surgery",
    ),
    "malignant": (r"malignant", r"malignan|cancer|carcinoma|tumou?r"),
    "nonodontogenic": (r"nonodontogenic", r"nonodontogenic|non-odontogenic"),
    "extraoral": (
        r"extraoral|outside the mouth|through the skin",
        r"extraoral|extra-oral|outside|\bskin\b|\bface\b|\bneck\b",
    ),
    "open": (r"open reduction|\bopen\b", r"\bopen\b|orif"),
    "compound": (r"compound", r"compound|open fracture"),
    "separate": (
        r"separate practitioner|another dentist|different dentist|by another",
        r"another dentist|other dentist|different dentist|separate|outside (?:read|report)|"
        r"second opinion read",
    ),
    "advanced_airway": (r"advanced airway", r"airway|intubat"),
}
# "without bone removal or flap", "no extractions", "non-surgical": what is said not to apply
_NEGATION = re.compile(
    r"\bnon-?\w+|\b(?:without|w/o|no|not)\b(?:\s+(?!with\b|and then\b|but\b|plus\b)[\w/-]+){1,5}"
)
_COMPILED = {k: (re.compile(a), re.compile(b)) for k, (a, b) in QUALIFIERS.items()}


def text_qualifiers(text: str) -> tuple[dict[str, str], frozenset[str]]:
    """Qualifiers said in `text` (lowercase) with the word that said each, and those said
    negated ("without flap")."""
    negated_parts = " ".join(m.group(0) for m in _NEGATION.finditer(text))
    positive = _NEGATION.sub(" ", text)
    has = {}
    for k, (_, t) in _COMPILED.items():
        m = t.search(positive)
        if m:
            start = positive.rfind(" ", 0, m.start()) + 1
            end = m.end() + len(re.match(r"\w*", positive[m.end() :]).group(0))
            has[k] = positive[start:end].strip()
    neg = frozenset(k for k, (_, t) in _COMPILED.items() if t.search(negated_parts)) - set(has)
    return has, neg


@dataclass(frozen=True, slots=True)
class Profile:
    code: Code
    position: str | None = None  # anterior, posterior, premolar, molar
    dentition: str | None = None  # primary, permanent, mixed
    arch: str | None = None  # upper, lower
    sides: str | None = None  # one (unilateral, per quadrant), both
    count: tuple[int, int | None, str] | None = None  # (low, high, unit) of teeth or images
    sequence: Interval | None = None  # 1 first, (2, None) each additional …
    materials: frozenset[str] = frozenset()
    alloys: frozenset[str] = frozenset()
    ages: Interval | None = None
    qualifiers: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()  # "without …" in the title

    @property
    def family_key(self) -> str:
        return f"{self.code.category}:{self.code.family}"


def _num(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _count(title: str) -> tuple[int, int | None, str] | None:
    for pattern, kind in _TITLE_COUNTS:
        m = pattern.search(title)
        if not m:
            continue
        if kind == "more":
            return _num(m.group(1)), None, _UNIT_OF[m.group(2)]
        if kind == "range":
            return _num(m.group(1)), _num(m.group(2)), _UNIT_OF[m.group(3)]
        return _num(m.group(1)), _num(m.group(1)), _UNIT_OF[m.group(2)]
    return None


def _first(table, text):
    for pattern, value in table:
        if pattern.search(text):
            return value
    return None


def profile(code: Code, adult_from: int = 14) -> Profile:
    title = code.title.lower()
    plain = _NEGATION.sub(" ", title)
    negated = " ".join(m.group(0) for m in _NEGATION.finditer(title))
    position = code.teeth.position if code.teeth and code.teeth.position != "any" else None
    if position is None:
        if re.search(r"front tooth|front teeth", title):
            position = "anterior"
        elif re.search(r"back tooth|back teeth", title):
            position = "posterior"
    dentition = code.teeth.dentition if code.teeth and code.teeth.dentition != "any" else None
    if dentition is None:
        if re.search(r"baby (?:tooth|teeth)|primary", title):
            dentition = "primary"
        elif "mixed" in title:
            dentition = "mixed"
        elif re.search(r"permanent|adolescent|adult\b", title) and code.category == "orthodontics":
            dentition = "permanent"
    upper = bool(re.search(r"\bupper\b|maxillary|\bmaxilla\b", title))
    lower = bool(re.search(r"\blower\b|mandibular|\bmandible\b", title))
    arch = "upper" if upper and not lower else "lower" if lower and not upper else None
    if arch is None and re.search(r"\bboth jaws\b", title):
        arch = "both"
    sides = None
    if re.search(r"one side|unilateral|per quadrant", title):
        sides = "one"
    elif re.search(r"both sides|bilateral", title):
        sides = "both"
    has_frame = bool(re.search(_CODE_MATERIALS[0][1], title))
    materials = {m for m, p in _CODE_MATERIALS if re.search(p, plain)}
    if has_frame and "resin" in materials and "ceramic" not in materials:
        materials.discard("cast")
    ages = _first(_AGES, title)
    if ages == (14, None):
        ages = (adult_from, None)
    qualifiers = frozenset(k for k, (t, _) in _COMPILED.items() if t.search(plain))
    excludes = frozenset(k for k, (t, _) in _COMPILED.items() if t.search(negated)) - qualifiers
    return Profile(
        code=code,
        position=position,
        dentition=dentition,
        arch=arch,
        sides=sides,
        count=_count(title),
        sequence=_first(_SEQUENCE, title),
        materials=frozenset(materials),
        alloys=frozenset(a for a, p in _CODE_ALLOYS if re.search(p, title)),
        ages=ages,
        qualifiers=qualifiers,
        excludes=excludes,
    )


def profiles(catalog: Catalog) -> dict[str, Profile]:
    """A profile for every current code. An "adult" code whose family also has an "adolescent"
    code (orthodontics) starts at 18; elsewhere (cleanings) at 14."""
    current = catalog.current()
    with_adolescent = {
        f"{c.category}:{c.family}" for c in current if "adolescent" in c.title.lower()
    }
    return {
        c.code: profile(c, 18 if f"{c.category}:{c.family}" in with_adolescent else 14)
        for c in current
    }


# --- look-alikes ---------------------------------------------------------------------------
# Words that name a dimension (how many, which tooth, which arch, what material, for whom).
# Two codes of a family whose titles agree once these are set aside are look-alikes: the same
# procedure in another variant (D2391-D2394, D4341/D4342, D5110/D5120, D2750-D2752).
_DIMENSION_WORDS = (
    "one two three four five six seven eight single surface surfaces front back tooth teeth "
    "anterior posterior premolar molar baby primary permanent adult child adolescent upper lower "
    "maxillary mandibular arch quadrant per side sides both first second third each additional "
    "further image images dose porcelain ceramic fused metal high noble base predominantly alloy "
    "cast resin composite titanium gold non precious semi stainless steel amalgam flexible "
    "acrylic frame full mixed hard soft partial or more than to all"
)

DIMENSIONS = {
    "surfaces": lambda p: p.code.surfaces,
    "position": lambda p: p.position,
    "dentition": lambda p: p.dentition,
    "arch": lambda p: p.arch,
    "sides": lambda p: p.sides,
    "count": lambda p: p.count,
    "sequence": lambda p: p.sequence,
    "materials": lambda p: p.materials or None,
    "alloys": lambda p: p.alloys or None,
    "ages": lambda p: p.ages,
}


def _title_core(title: str, skip: frozenset[str]) -> frozenset[str]:
    from .search import content_words  # the search index's stems, so words compare alike

    return frozenset(w for w in content_words(title) if w not in skip and not w[0].isdigit())


def lookalikes(all_profiles: dict[str, Profile]) -> dict[str, tuple[str, ...]]:
    """For each code, the codes of its family (itself included) that differ from it only in
    dimensions: same area, and titles sharing at least half their other words."""
    from .search import content_words

    skip = frozenset(content_words(_DIMENSION_WORDS))
    cores = {c: _title_core(p.code.title, skip) for c, p in all_profiles.items()}
    by_family: dict[str, list[str]] = {}
    for c, p in all_profiles.items():
        by_family.setdefault(p.family_key, []).append(c)
    out = {}
    for c, p in all_profiles.items():
        mine = cores[c]
        out[c] = tuple(
            o
            for o in by_family[p.family_key]
            if all_profiles[o].code.area == p.code.area
            and len(mine & cores[o]) >= 0.5 * max(1, len(mine | cores[o]))
        )
    return out


def varying(group: list[Profile]) -> frozenset[str]:
    """The dimensions on which the codes of a look-alike group differ."""
    return frozenset(name for name, get in DIMENSIONS.items() if len({get(p) for p in group}) > 1)
