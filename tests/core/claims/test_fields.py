"""One value of a claim read the same way in every format: fees say what is wrong with them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cdthub.core.claims.fields import BadValue, parse_fee


@pytest.mark.parametrize(
    ("value", "read"),
    [("1,200.00", Decimal("1200.00")), ("$1,180.00", Decimal("1180.00")), (180, Decimal(180)),
     (0.1 + 0.2, Decimal("0.3")), (".5", Decimal("0.5"))],
)  # fmt: skip
def test_amounts_read(value, read):
    assert parse_fee(value) == read


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("55,50", "decimal comma: write it with a point, as 55.50"),
        ("3.000,00", "points between thousands: write it as 3000.00"),
        ("1.180", "write 1180 if the point separates thousands, else round it to cents (1.18)"),
        ("180.123456", "more than two decimals: round it to cents (180.12)"),
        (180.123456, "more than two decimals: round it to cents (180.12)"),
        ("12.3456", "more than two decimals: round it to cents (12.35)"),
        ("12.345", "else round it to cents (12.35)"),  # half up, as billers do
        (-5, "negative: a fee is 0 or more"),
        ("abc", "not an amount: write it with digits"),
    ],
)
def test_a_fee_that_cannot_be_read_says_how_to_write_it(value, says):
    with pytest.raises(BadValue, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_fee(value)
