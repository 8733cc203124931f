"""X12 837D (005010X224A2), the dental claim that practices send to payers: a streaming reader
that turns every fault into a finding, envelope checks, and a writer.

`segments` cuts text into segments (separators from the ISA), `envelope` checks ISA/GS/ST and
their closers, `reader` builds claims, `writer` writes them, `options` holds who sends to whom.
"""

from .options import X12Options, load_options
from .reader import read_x12
from .writer import write_x12

__all__ = ["X12Options", "load_options", "read_x12", "write_x12"]
