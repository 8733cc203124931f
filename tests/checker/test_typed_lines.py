"""The /check/ page's "type lines" form: quantity and fee per line. What the checker can read
reaches it; what it cannot is refused on the form, field by field, keeping what was typed."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")

LINE = {
    "mode": "lines",
    "birth_date": "1984-02-11",
    "tooth_system": "JP",
    "date": "2026-03-02",
    "code": "D1110",
    "tooth": "",
    "surfaces": "",
    "area": "",
    "narrative": "",
}

REFUSED_QUANTITIES = ["0", "-1", "1.5", "two", "1,000"]
REFUSED_FEES = ["12,50", "-5", "abc", "12.3456", "1.180,00"]


def typed(client, **values):
    r = client.post("/check/", {**LINE, **values})
    return r, r.content.decode()


def results(page: str) -> str:
    return page.split('<section class="check-results"')[1] if "check-results" in page else ""


def test_every_line_has_a_quantity_and_a_fee():
    from django.test import Client

    page = Client().get("/check/").content.decode()
    for n in range(1, 7):
        assert f'aria-label="Line {n} quantity"' in page and f'aria-label="Line {n} fee"' in page
    assert '<th><abbr title="quantity">Qty</abbr></th><th>Fee</th>' in page


def test_a_typed_quantity_reaches_the_checker(client):
    r, page = typed(client, quantity="2", fee="95.50")
    assert r.status_code == 200
    assert "one unit of D1110 is one visit, but the line has quantity 2" in page
    shown = '<span class="amounts"><span>qty 2,</span> <span>fee 95.50</span></span>'
    assert f'<td data-label="Code">D1110 {shown}</td>' in page


@pytest.mark.parametrize("quantity", ["", "1", " 1 ", "1.0"])
def test_a_blank_quantity_is_one(client, quantity):
    r, page = typed(client, quantity=quantity)
    assert r.status_code == 200 and "1 claim: 0 errors, 0 warnings" in page
    assert 'class="amounts"' not in page  # one unit and no fee: nothing more to show


def test_a_typed_fee_reaches_the_checker_as_written(client):
    r, page = typed(client, fee="$1,200.00")
    assert r.status_code == 200 and "1 claim: 0 errors, 0 warnings" in page
    shown = '<span class="amounts"><span>fee 1200.00</span></span>'
    assert f'<td data-label="Code">D1110 {shown}</td>' in page


@pytest.mark.parametrize("quantity", REFUSED_QUANTITIES)
def test_a_quantity_the_checker_cannot_read_is_refused_on_the_form(client, quantity):
    r, page = typed(client, quantity=quantity, fee="80", narrative="second visit", tooth="")
    assert r.status_code == 400 and not results(page)  # nothing checked
    assert page.index('role="alert"') < page.index('class="checker-form"')  # seen first
    assert re.search(r'role="alert".*line 1: quantity must be', page)
    said = '<li id="line-1-quantity-error">Line 1: quantity must be '
    assert said in page
    assert page.split(said)[1].split("</li>")[0] == "a whole number of at least 1 (blank is 1)"
    assert (
        f'value="{quantity}" inputmode="numeric" placeholder="1" maxlength="6" '
        'aria-label="Line 1 quantity" aria-invalid="true" '
        'aria-describedby="line-1-quantity-error"' in page
    )


def test_a_quantity_over_999_says_the_limit(client):
    r, page = typed(client, quantity="1000")
    assert r.status_code == 400
    assert "Line 1: quantity must be at most 999: split the service over several lines" in page


@pytest.mark.parametrize(
    ("fee", "says"),
    [
        ("12,50", "fee &#x27;12,50&#x27; has a decimal comma: write it with a point, as 12.50"),
        ("-5", "fee &#x27;-5&#x27; is negative: a fee is 0 or more"),
        ("abc", "fee &#x27;abc&#x27; is not an amount"),
        ("12.3456", "has more than two decimals: round it to cents (12.35)"),
        ("1.180,00", "has points between thousands: write it as 1180.00"),
    ],
)
def test_a_fee_the_checker_cannot_read_is_refused_on_the_form(client, fee, says):
    r, page = typed(client, fee=fee, quantity="2")
    assert r.status_code == 400 and not results(page)
    item = page.split('<li id="line-1-fee-error">')[1].split("</li>")[0]
    assert item.startswith("Line 1: fee ") and says in item
    assert 'aria-label="Line 1 fee" aria-invalid="true" aria-describedby="line-1-fee-error"' in page


def test_nothing_typed_is_lost_when_a_field_is_refused(client):
    sent = {
        "birth_date": "1990-05-01",
        "tooth_system": "JO",
        "date": ["2026-03-02", "2026-03-03"],
        "code": ["D2392", "D3330"],
        "tooth": ["46", "11"],
        "surfaces": ["MO", ""],
        "area": ["", "20"],
        "quantity": ["", "0"],
        "fee": ["12,50", "900"],
        "narrative": ["a note <b>kept</b>", ""],
    }
    r, page = typed(client, **sent)
    assert r.status_code == 400
    form = page.split('class="checker-form"')[1].split("</form>")[0]
    for name in ("date", "code", "tooth", "surfaces", "area", "quantity", "fee", "narrative"):
        shown = re.findall(rf'name="{name}"[^>]*?value="([^"]*)"', form)
        assert shown[:2] == [v.replace("<", "&lt;").replace(">", "&gt;") for v in sent[name]]
    assert 'value="1990-05-01"' in form and '<option value="JO" selected>' in form
    assert 'value="lines" checked' in page
    # both wrong fields named above the form, each explained under its line
    alert = page.split('role="alert"')[1].split("</div>")[0]
    assert "line 1: fee" in alert and "line 2: quantity must be" in alert
    assert '<li id="line-1-fee-error">' in form and '<li id="line-2-quantity-error">' in form


@pytest.mark.parametrize(
    ("name", "value"),
    [("quantity", v) for v in REFUSED_QUANTITIES + ["1000", "1.0", "3"]]
    + [("fee", v) for v in REFUSED_FEES + ["$1,200.00", "0", "180"]],
)
def test_the_form_refuses_exactly_what_the_checker_cannot_read(client, name, value):
    """The same value sent as claim JSON: refused on the form iff the checker says it cannot
    read it (an input.invalid finding on the line)."""
    from cdthub.catalog import snapshot
    from cdthub.checker.services import check_form

    line = {"date": "2026-03-02", "code": "D1110", name: value}
    claim = {"id": "x", "patient": {"birth_date": "1984-02-11"}, "lines": [line]}
    report = check_form(claim, snapshot.get().catalog, None)
    unreadable = any(f.rule == "input.invalid" and f.line == 1 for f in report.findings)
    r, _ = typed(client, **{name: value})
    assert (r.status_code == 400) == unreadable


def test_rows_of_another_mode_are_not_judged(client):
    text = '{"lines": [{"date": "2026-03-02", "code": "D0120"}]}'
    r, page = typed(client, mode="paste", text=text, fee="12,50")
    assert r.status_code == 200 and 'id="line-1-fee-error"' not in page


def test_a_typed_value_is_escaped(client):
    r, page = typed(client, fee='"><script>alert(1)</script>')
    assert r.status_code == 400
    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
