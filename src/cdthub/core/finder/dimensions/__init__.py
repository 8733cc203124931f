"""The dimensions along which look-alike codes differ (surfaces, tooth type, dentition, arch,
sides, count, sequence, material, alloy, age), in the order they are read, judged and asked
about. Each is one object holding its title and text patterns, its labels, how a code's value
compares with what was said and the question to ask when it is left open.

A new dimension is one class (in one of these modules or a new one) listed in DIMENSIONS, and a
field on `Reading` for what a description says about it.
"""

from __future__ import annotations

from typing import Any

from .area import Arch, Sides
from .base import Dimension, Title, Verdict
from .counts import Count, Sequence
from .materials import Alloys, Materials
from .patient import Ages
from .teeth import Dentition, Position, SurfaceCount

DIMENSIONS: tuple[Dimension[Any], ...] = (
    SurfaceCount(),
    Position(),
    Dentition(),
    Arch(),
    Sides(),
    Count(),
    Sequence(),
    Materials(),
    Alloys(),
    Ages(),
)

__all__ = ["DIMENSIONS", "Dimension", "Title", "Verdict"]
