"""How a procedure description writes its claim facts: codes ("D2392"), teeth ("#30", "tooth K",
"ISO 46", "upper right first molar"), surfaces ("MOD", "mesial", "3 surfaces", "class II") and
quadrants ("LL", "lower left", "Q3"), plus chart shorthand ("pt", "comp eval").

Regular expressions only; `read.py` reads a description with them. What a description says
about a dimension (arch, count, age, material…) is read by that dimension (`dimensions/`).
"""

import re

from .numbers import NUM

# --- codes and teeth ----------------------------------------------------------------------
CODE = re.compile(r"\bD\s?-?(\d{4})\b", re.I)
ISO = re.compile(r"\b(?:iso|fdi)\s*(?:tooth\s*)?#?\s*(\d\d)\b", re.I)
TOOTH_RANGE = re.compile(
    r"(?:#|\bteeth\s*#?|\btooth\s*#?|\bth\s*#?)\s*(\d{1,2}|(?-i:[A-T]))\s*(?:-|–|to|thru|"
    r"through)\s*#?\s*(\d{1,2}|(?-i:[A-T]))\b",
    re.I,
)
TOOTH_LIST = re.compile(r"\bteeth\s*#?\s*(\d{1,2}(?:\s*(?:,|and|&)\s*#?\s*\d{1,2})+)\b", re.I)
TOOTH_HASH = re.compile(r"#\s*(\d{1,2}|[A-T]S?)\b", re.I)
TOOTH_WORD = re.compile(r"\b(?:tooth|tth|th|t)\s*#?\s*(\d{1,2}\b|(?-i:[A-T]S?)\b)", re.I)
UNITS_AFTER = (
    r"(?!\s*(?:\+|-|–|or more|teeth|tooth|surf\w*|images?|films?|minutes?|mins?|years?|yrs?|y/?o|"
    r"months?|mos?\b|weeks?|days?|units?|mm|cm|%|x\b|canals?|roots?|sites?|implants?|"
    r"quad\w*|bws?|pas?|dose|hours?|hrs?))"
)
TOOTH_AFTER_PREP = re.compile(r"\b(?:on|at|of|for|in)\s+(\d{1,2})\b" + UNITS_AFTER, re.I)
KIND = r"(incisor|canine|cuspid|eye ?tooth|premolar|bicuspid|molar)"
NAMED_TOOTH = re.compile(
    r"\b(?:(upper|lower|maxillary|mandibular)\s+(right|left)|(right|left)\s+(upper|lower|"
    r"maxillary|mandibular))"
    r"\s+(?:(primary|baby|deciduous)\s+)?(?:(first|second|third|1st|2nd|3rd)\s+)?(?:(central|"
    r"lateral)\s+)?" + KIND + r"s?\b",
    re.I,
)
SPECIAL_MOLARS = re.compile(
    r"\b(six|6|twelve|12)[- ]?(?:year|yr)[- ]?(?:old )?molars?\b|\b(wisdom (?:tooth|teeth)|"
    r"third molars?)\b",
    re.I,
)

# --- surfaces ---------------------------------------------------------------------------------
RESTORATIVE = re.compile(
    r"fill|composite|amalgam|resin|restor|inlay|onlay|cavit|decay|caries|\bclass\b|surface|white|"
    r"silver|bond|alloy|gold foil|glass ionomer|\bgi\b|\bfix\b",
    re.I,
)
SURFACE_TOKEN = re.compile(r"(?<![\w#/&-])([MODBFLI]{1,7})(?![\w&-])", re.I)
SURFACE_WORDS = re.compile(
    r"\b(mesial|occlusal|distal|buccal|facial|labial|lingual|palatal|"
    r"incisal)(?:ly)?\b(?! (?:guard|adjust\w*|analysis|x-?ray|film|image|radiograph|splint|"
    r"orthotic|frenectomy))",
    re.I,
)
SURFACE_COUNT = re.compile(
    NUM + r"\s*(\+|or more|plus)?\s*[- ]?\s*(?:surfaces?|surf\b|surfs\b)", re.I
)
ENGLISH_2 = {"of", "if", "id", "do", "bi", "mi", "lo", "ob", "li", "io", "ol", "fi", "om", "od"}
CLASS = re.compile(r"\bclass\s+(v|iv|iii|ii|i|[1-5])\b", re.I)
# short lower-case words that look like surface letters but are not ("mid", "old")
NOT_SURFACES = frozenset(
    {"mid", "old", "lid", "bid", "dim", "mob", "mil", "fib", "dill", "doll", "mild"}
)

# --- quadrants --------------------------------------------------------------------------------
QUADRANT_TOKEN = re.compile(
    r"(?<![\w#])(?:(?-i:(UR|UL|LL|LR))Q?|(ur|ul|ll|lr)q?(?=\s*(?:quad\w*|q\b))|(urq|ulq|llq|"
    r"lrq))(?!\w)",
    re.I,
)
QUADRANT_WORDS = re.compile(
    r"\b(?:(upper|lower|maxillary|mandibular)\s+(right|left)|(right|left)\s+(upper|lower|"
    r"maxillary|mandibular))\b"
    r"(?:\s+quad\w*)?",
    re.I,
)
QUADRANT_Q = re.compile(r"\bq\s?([1-4])\b|\bquadrant\s+([1-4])\b", re.I)

# Shorthand of chart notes and claims, spelt out before anything else is read.
SHORTHAND = {
    "pt": "patient",
    "pts": "patients",
    "tx": "treatment",
    "dx": "diagnosis",
    "hx": "history",
    "rx": "prescription",
    "fx": "fracture",
    "quad": "quadrant",
    "quads": "quadrants",
    "w/": "with",
    "w/o": "without",
    "comp": "comprehensive",
    "eval": "evaluation",
    "approx": "approximately",
    "yr": "year",
    "yrs": "years",
}
SHORTHAND_RE = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
    + r")(?![\w/])",
    re.I,
)
