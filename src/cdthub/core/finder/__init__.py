"""The coding assistant: a procedure description in, ranked CDT code suggestions out, each with
its reasons, and the open questions that would decide between look-alike codes.

    reading.py    what a description says (Reading) and the text as it is read
    patterns.py   how descriptions write codes, teeth, surfaces and quadrants
    read.py       read(): a description → Reading
    dimensions/   one object per dimension look-alike codes differ in (material, surfaces,
                  tooth type, dentition, arch, sides, count, sequence, alloy, age)
    qualifiers.py words that set a code apart ("surgical", "interim", "implant")
    profile.py    what each code requires (Profile), and its look-alikes
    fit.py        does a code fit what was read? a factor and the reasons
    questions.py  what the description leaves open
    lexicon.py    lay and clinical words → what they mean and which codes fit (data/lexicon.toml)
    finder.py     Finder: candidates from the search index and the lexicon, ranked by fit

Web pages, the API and the CLI use what this module exports; `core/snapshot.py` builds the
Finder of a catalog.
"""

from .finder import DEFAULT_LIMIT, MAX_LIMIT, Finder, Suggestion, Suggestions
from .read import MAX_TEXT, read
from .reading import Reading

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "MAX_TEXT",
    "Finder",
    "Reading",
    "Suggestion",
    "Suggestions",
    "read",
]
