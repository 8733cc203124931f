"""Qualifiers: words that set a code apart from its plainer siblings ("surgical", "interim",
"repair", "implant"…), how our titles say each and how descriptions do, listed once.

A description may also say a qualifier does not apply ("without flap", "non-surgical"); such
words are read as negated. `strict` qualifiers, when said, count against candidates that lack
them (if some candidate has them): "implant crown" should not suggest a crown on a tooth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Qualifier:
    name: str
    title: re.Pattern[str]  # how our code titles say it
    text: re.Pattern[str]  # how a description says it
    label: str  # how a reason names it ("but it is interim/provisional")
    strict: bool


def _q(name: str, title: str, text: str, label: str = "", strict: bool = False) -> Qualifier:
    return Qualifier(name, re.compile(title), re.compile(text), label or name, strict)


QUALIFIERS: tuple[Qualifier, ...] = (
    _q(
        "remnants",
        r"remnant",
        r"remnant|\bloose\b|exfoliat|hanging|barely (?:attached|hanging)|wiggl|\bretained\b",
    ),
    _q(
        "complicated",
        r"complicat|unusual",
        r"complicat|difficult|unusual|complex|extensive",
        label="complicated",
        strict=True,
    ),
    _q(
        "immediate",
        r"\bimmediate\b",
        r"immediate|same[- ]day|at (?:the time of )?extraction|right after",
        label="immediate",
        strict=True,
    ),
    _q(
        "interim",
        r"interim|provisional|temporary|transitional",
        r"interim|provisional|\btemp\b|temporary|transitional|flipper|stay ?plate|healing",
        label="interim/provisional",
        strict=True,
    ),
    _q(
        "capture",
        r"capture only",
        r"captur|image only|no (?:interpretation|read)|without (?:interp|report)",
        label="capture only",
        strict=True,
    ),
    _q(
        "repair",
        r"\brepair|\bfixing\b",
        r"repair|\bfix|broken|break|crack|mend",
        label="repair",
        strict=True,
    ),
    _q(
        "replace",
        r"\breplac",
        r"replac|\blost\b|remake|new one",
        label="replacement",
        strict=True,
    ),
    _q(
        "adjust",
        r"\badjust",
        r"adjust|sore spot|rubbing|\bease\b|titrat",
        label="adjustment",
        strict=True,
    ),
    _q(
        "reline",
        r"\breline|\bliner\b",
        r"reline|liner",
        label="reline",
        strict=True,
    ),
    _q(
        "rebase",
        r"\brebase",
        r"rebase",
        label="rebase",
        strict=True,
    ),
    _q(
        "recement",
        r"re-?cement|re-?bond|re-?attach",
        r"re-?cement|re-?bond|re-?attach|re-?glue|re-?seat|came off|come off|fell off|"
        r"fall(?:en)? off|came out|fell out|popped (?:off|out)|cement(?:ed)? back|loose",
        label="re-cementing",
        strict=True,
    ),
    _q(
        "removal",
        r"^remov|^surgical removal|\bremoval of\b|\bextraction\b",
        r"remov|extract|\bexo\b|pull|take (?:it |them )?(?:off|out)|took (?:off|out)|cut off|"
        r"unbond",
        label="removal",
        strict=True,
    ),
    _q(
        "extractions",
        r"\bextractions\b",
        r"extract|\bexo\b|\bpull",
        label="with extractions",
    ),
    _q(
        "modification",
        r"modif",
        r"modif|alter",
    ),
    _q(
        "retreatment",
        r"retreatment",
        r"retreat|re-?treat|re-?do|redo|again|failed (?:root canal|rct|endo)",
        label="retreatment",
        strict=True,
    ),
    _q(
        "soft",
        r"\bsoft\b",
        r"\bsoft\b|flexible|laminat|dual",
        label="soft",
        strict=True,
    ),
    _q(
        "partial_arch",
        r"partial arch",
        r"partial arch|front teeth only|anterior only|\bnti\b|deprogram",
        label="partial arch",
        strict=True,
    ),
    _q(
        "lab",
        r"laborator|lab-made|made in a lab|lab processed|\bindirect\b",
        r"\blab\b|laborator|indirect|processed|sent out|milled",
        label="lab-made",
        strict=True,
    ),
    _q(
        "chairside",
        r"chairside|made at the chair|\bdirect\)",
        r"chair ?side|\bdirect|in[- ]office|same[- ]day",
        label="chairside",
    ),
    _q(
        "larger",
        r"larger than|longer than",
        r"large|larger|\bbig\b|longer|over \d|> ?\d",
        label="larger size",
        strict=True,
    ),
    _q(
        "unspecified",
        r"unspecified|no specific code|with no specific",
        r"unspecified|not listed|no code|other procedure",
        label="unspecified (by report)",
    ),
    _q(
        "implant",
        r"implant",
        r"implant|fixture|all[- ]on|abutment[- ]supported|locator|screw[- ]retained",
        label="implant",
        strict=True,
    ),
    _q(
        "abutment",
        r"implant abutment|abutment-supported",
        r"abutment",
        label="on an abutment",
    ),
    _q(
        "three_quarter",
        r"three-quarter",
        r"3/4|three[- ]quarters?|3 quarter|partial coverage",
        label="three-quarter",
        strict=True,
    ),
    _q(
        "surgical",
        r"\bsurgical\b|bone removal|sectioning|\bflap\b",
        r"surgical|surgically|\bflap|bone removal|removing bone|remove bone|section|split|"
        r"\bdrill|\bbur\b",
        label="surgical",
        strict=True,
    ),
    _q(
        "overdenture",
        r"overdenture",
        r"overdenture|over-denture|over denture",
        label="overdenture",
        strict=True,
    ),
    _q(
        "hybrid",
        r"hybrid",
        r"hybrid|all[- ]on|fixed (?:full[- ]arch|denture)|fixed implant denture",
        label="hybrid",
        strict=True,
    ),
    _q(
        "booster",
        r"booster",
        r"booster",
        strict=True,
    ),
    _q(
        "covid",
        r"covid",
        r"covid|corona|sars",
    ),
    _q(
        "bridge",
        r"bridge|pontic",
        r"bridge|pontic|\bfpd\b|maryland|fixed partial",
        label="bridge",
        strict=True,
    ),
    _q(
        "denture",
        r"denture|overdenture",
        r"denture|\bplate\b|flipper|\bpartial\b|false teeth|overdenture|\brpd\b",
        label="denture",
        strict=True,
    ),
    _q(
        "cleaning",
        r"cleaning and inspection",
        r"clean",
    ),
    _q(
        "capture_ortho",
        r"jaw \(orthognathic\) surgery",
        r"surgery|surgical|orthognathic|jaw surgery",
    ),
    _q(
        "malignant",
        r"malignant",
        r"malignan|cancer|carcinoma|tumou?r",
        label="malignant",
        strict=True,
    ),
    _q(
        "nonodontogenic",
        r"nonodontogenic",
        r"nonodontogenic|non-odontogenic",
    ),
    _q(
        "extraoral",
        r"extraoral|outside the mouth|through the skin",
        r"extraoral|extra-oral|outside|\bskin\b|\bface\b|\bneck\b",
        label="extraoral",
        strict=True,
    ),
    _q(
        "open",
        r"open reduction|\bopen\b",
        r"\bopen\b|orif",
        strict=True,
    ),
    _q(
        "compound",
        r"compound",
        r"compound|open fracture",
        strict=True,
    ),
    _q(
        "separate",
        r"separate practitioner|another dentist|different dentist|by another",
        r"another dentist|other dentist|different dentist|separate|outside (?:read|report)|"
        r"second opinion read",
        strict=True,
    ),
    _q(
        "advanced_airway",
        r"advanced airway",
        r"airway|intubat",
        strict=True,
    ),
)
BY_NAME = {q.name: q for q in QUALIFIERS}
STRICT = frozenset(q.name for q in QUALIFIERS if q.strict)

# "without bone removal or flap", "no extractions", "non-surgical": what is said not to apply
NEGATION = re.compile(
    r"\bnon-?\w+|\b(?:without|w/o|no|not)\b(?:\s+(?!with\b|and then\b|but\b|plus\b)[\w/-]+){1,5}"
)


def split_negated(text: str) -> tuple[str, str]:
    """`text` without its negated phrases, and those phrases."""
    return NEGATION.sub(" ", text), " ".join(m.group(0) for m in NEGATION.finditer(text))


def in_title(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """Qualifiers a code's title (lower case) has, and those it excludes ("without …")."""
    plain, negated = split_negated(title)
    has = frozenset(q.name for q in QUALIFIERS if q.title.search(plain))
    return has, frozenset(q.name for q in QUALIFIERS if q.title.search(negated)) - has


def in_text(text: str) -> tuple[dict[str, str], frozenset[str]]:
    """Qualifiers said in a description (lower case) with the word that said each, and those
    said negated ("without flap")."""
    positive, negated = split_negated(text)
    has = {}
    for q in QUALIFIERS:
        m = q.text.search(positive)
        if m:
            start = positive.rfind(" ", 0, m.start()) + 1
            rest = re.match(r"\w*", positive[m.end() :])
            end = m.end() + (len(rest.group(0)) if rest else 0)
            has[q.name] = positive[start:end].strip()
    neg = frozenset(q.name for q in QUALIFIERS if q.text.search(negated)) - set(has)
    return has, neg
