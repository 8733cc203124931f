"""What a dimension of the coding assistant is: one small object that knows how our titles and
a description say it, how a code's value compares with what was said, and what to ask when
look-alike codes differ in it and the description does not say."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ...codes import Code
from ..reading import Reading, Text

V = TypeVar("V", bound=Hashable)
T = TypeVar("T")


def first_match(table: Iterable[tuple[re.Pattern[str], T]], text: str) -> tuple[T, str] | None:
    """The value of the first pattern of `table` found in `text`, and the words that said it."""
    for pattern, value in table:
        m = pattern.search(text)
        if m:
            return value, m.group(0)
    return None


@dataclass(frozen=True, slots=True)
class Title:
    """A code as the dimensions read it: its record and its title in lower case."""

    code: Code
    text: str
    plain: str  # the title without the phrases it says do not apply ("without flap")
    adult_from: int  # 18 in a family that also has codes for adolescents (orthodontics), else 14


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a code's value compares with what the description says."""

    fits: bool
    reason: str  # a reason for the code when it fits; after "but " when it does not
    close: bool = False  # fits only roughly (a premolar code for "a back tooth")


class Dimension(Generic[V]):
    """One way look-alike codes differ: material, surfaces, tooth type, arch, age…"""

    name: str = ""
    # the Reading attribute that holds what a description says (default: the name)
    field: str = ""
    # words of our titles that name this dimension, set aside when titles are compared to find
    # look-alikes ("upper", "porcelain", "4 teeth")
    words: str = ""

    def of_code(self, title: Title) -> V | None:
        """The code's value; None when the code does not say."""
        raise NotImplementedError

    def read(self, r: Reading, text: Text) -> None:
        """Read what the description says into `r` (the description with what earlier steps
        read blanked out is `text.work`)."""

    def weighs(self, values: Mapping[str, Any]) -> bool:
        """Whether this dimension can change the score of a code with these `values`."""
        return values[self.name] is not None

    def compares(self, value: V, r: Reading) -> bool:
        """True when the description says something to compare with the code's `value`."""
        return bool(getattr(r, self.field or self.name))

    def judge(self, value: V, r: Reading) -> Verdict:
        raise NotImplementedError

    def unsaid(self, value: V | None, r: Reading, values: Mapping[str, Any]) -> float:
        """A factor for a code when there is nothing to compare (the code or the description
        does not say); `values`: all the code's values."""
        return 1.0

    def questions(self, values: set[V], r: Reading, top: V | None) -> list[str]:
        """What to ask when look-alike codes take these `values` (two or more, or one) and the
        description does not say; `top` is the best suggestion's value."""
        return []

    def summary(self, r: Reading) -> dict[str, str]:
        """What was read, for the `read` part of an answer."""
        return {}
