"""The patterns of a procedure description: how teeth, surfaces, areas, counts, ages and
materials are written ("#30", "tooth K", "MOD", "LL quadrant", "x4", "8 year old", "PFM").

Used by finder_parse, which reads a description with them. Regular expressions only.
"""

import re

NUMBERS = {
    "single": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
}
NUM = r"(\d{1,2}|single|one|two|three|four|five|six|seven|eight|nine|ten)"

# --- patterns --------------------------------------------------------------------------------
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
BOTH_ARCHES = re.compile(
    r"\bboth (?:arches|jaws)\b|\bfull[- ]mouth\b|\bupper and lower\b|\bfull both\b|"
    r"\bentire mouth\b|\bwhole mouth\b",
    re.I,
)
UPPER = re.compile(r"\b(upper|maxillary|maxilla|top|uppers)\b", re.I)
LOWER = re.compile(r"\b(lower|mandibular|mandible|bottom|lowers)\b", re.I)
ONE_SIDE = re.compile(
    r"\bunilateral\b|\bone[- ]sided?\b|\bsingle[- ]sided?\b|\bper quad\w*|\bone quad\w*", re.I
)
BOTH_SIDES = re.compile(r"\bbilateral\b|\bboth sides\b|\bcross[- ]arch\b", re.I)
COUNT = re.compile(
    NUM + r"\s*(\+|or more|plus)?\s*(?:(?:-|–|to)\s*(\d{1,2}))?\s*[- ]?"
    r"(teeth|tooth|spaces?|images?|films?|bite[- ]?wings?|bwx?s?|pas?|x-?rays?|radiographs?|"
    r"pics|photos?)\b",
    re.I,
)
TIMES = re.compile(r"\bx\s?(\d)\b|\b(\d)\s?x\b", re.I)
FULL_QUADRANT = re.compile(
    r"\b(?:full|whole|entire|complete) quad\w*|\ball teeth in (?:the |a )?quad\w*", re.I
)
SEQ_FIRST = re.compile(
    r"\b(first|1st|initial)\b(?!\s+(?:primary\s+|baby\s+|permanent\s+)?(?:molar|premolar|"
    r"bicuspid|incisor|canine|cuspid|dental visit|visit to))",
    re.I,
)
SEQ_SECOND = re.compile(
    r"\b(second|2nd)\b(?!\s+(?:primary\s+|baby\s+)?(?:molar|premolar|bicuspid|opinion))", re.I
)
SEQ_THIRD = re.compile(r"\b(third|3rd)\b(?!\s+(?:molar))", re.I)
SEQ_MORE = re.compile(r"\b(additional|another|each additional|subsequent|extra)\b", re.I)
AGE_YEARS = re.compile(
    r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:(?:years?|yrs?)[- ]old|yo|y/o|y\.o\.)(?!\w)|"
    r"\bage[ds]?\s*(\d{1,2})\b",
    re.I,
)
AGE_MONTHS = re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:months?|mos?)[- ]old\b", re.I)
AGE_WORDS = (
    (
        re.compile(
            r"\btoddler\b|\binfant\b|\bnewborn\b|\bbaby\b(?!\s*(?:tooth|teeth|molars?|incisors?|"
            r"canines?|\w+ tooth))|\bunder (?:3|three)\b",
            re.I,
        ),
        (0, 2),
    ),
    (
        re.compile(
            r"\bkids?\b|\bchild(?:ren)?\b|\bpediatric\b|\bpaediatric\b|\bpeds\b|\bpedo\b|"
            r"\bson\b|\bdaughter\b|\bminor\b",
            re.I,
        ),
        (3, 12),
    ),
    (
        re.compile(
            r"\bteens?\b|\bteenagers?\b|\badolescents?\b|\bhigh school\w*\b|\bjuvenile\b", re.I
        ),
        (12, 17),
    ),
    (
        re.compile(
            r"\badults?\b(?!\s+(?:tooth|teeth|molars?))|\bgrown[- ]up\b|\bsenior\b|\belderly\b|"
            r"\bgeriatric\b",
            re.I,
        ),
        (18, None),
    ),
)
PRIMARY = re.compile(
    r"\bbaby (?:tooth|teeth|molars?|incisors?|canines?)\b|\bprimary\b|\bdeciduous\b|"
    r"\bmilk (?:tooth|teeth)\b",
    re.I,
)
PERMANENT = re.compile(
    r"\bpermanent\b|\badult (?:tooth|teeth|molars?)\b|\bsecondary (?:tooth|teeth)\b", re.I
)
MIXED = re.compile(r"\bmixed\b|\btransitional (?:dentition|teeth)\b", re.I)
POSITIONS = (
    (re.compile(r"\b(?:pre-?molars?|bicuspids?)\b", re.I), "premolar"),
    (re.compile(r"\bmolars?\b", re.I), "molar"),
    (
        re.compile(
            r"\b(?:front|anterior|incisors?|canines?|cuspids?|eye ?teeth|eye ?tooth)\b(?! only)",
            re.I,
        ),
        "anterior",
    ),
    (re.compile(r"\b(?:back (?:tooth|teeth)|posterior|in the back)\b", re.I), "posterior"),
)
MATERIALS = (
    (
        re.compile(
            r"\bpf[mgz]\b|porcelain[- ]fused|fused to|\bmetal[- ]ceramic\b|\bceramo-?metal", re.I
        ),
        {"ceramic", "metal_frame"},
    ),
    (
        re.compile(
            r"porcelain|ceramic|zirconia|\bzr\b|\bzirc\b|e\.? ?max\b|lithium|\bcerec\b|bruxzir",
            re.I,
        ),
        {"ceramic"},
    ),
    (
        re.compile(
            r"\bfull (?:gold|metal|cast)\b|\bfgc\b|\bcast\b|\bgold\b(?! foil)|\ball[- ]metal\b|"
            r"\bmetal (?:crown|inlay|onlay)|\bmetallic\b",
            re.I,
        ),
        {"cast"},
    ),
    (
        re.compile(
            r"composite|\bresin\b|white (?:filling|fill)|tooth[- ]colou?red|\bacrylic\b|"
            r"\bbonding\b|\bbonded (?:filling|restoration)|\bplastic\b",
            re.I,
        ),
        {"resin"},
    ),
    (
        re.compile(r"amalgam|\bsilver\b(?! diamine| caps?\b| crowns?\b)|alloy filling", re.I),
        {"amalgam"},
    ),
    (
        re.compile(r"stainless|\bsscs?\b|\bsteel\b|\bsilver caps?\b|\bsilver crowns?\b", re.I),
        {"steel"},
    ),
    (re.compile(r"flexible|valplast|duraflex", re.I), {"flexible"}),
    (re.compile(r"gold foil", re.I), {"gold_foil"}),
)
ALLOYS = (
    (re.compile(r"high[- ]noble|\bhn\b|\bgold\b(?! foil)|\byellow\b", re.I), "high_noble"),
    (re.compile(r"(?<!high )(?<!high-)\bnoble\b|semi-?precious|palladium", re.I), "noble"),
    (
        re.compile(r"base metal|non-?precious|predominantly base|\bnp\b|\bbase\b(?! of)", re.I),
        "base",
    ),
    (re.compile(r"titanium|\bti\b", re.I), "titanium"),
)


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
