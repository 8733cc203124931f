"""The bundled dataset: validation and facts a biller relies on."""

from cdthub.core.validate import validate


def test_dataset_has_no_validation_errors():
    errors = validate()
    assert errors == [], "\n".join(errors[:40])


def test_current_edition_is_2026_with_expected_size(catalog):
    assert catalog.current_year == 2026
    assert 800 < len(catalog.current()) < 1000


def test_cdt_2026_changes(catalog):
    ch = catalog.changes(2025, 2026)
    added = {c.code for c in ch.added}
    assert {"D0426", "D0461", "D1720", "D6280", "D9936"} <= added
    assert {"D1352", "D9248"} <= {c.code for c in ch.deleted}
    assert "D2391" in {c.code for c in ch.revised}


def test_deleted_codes_are_kept_with_year(catalog):
    d6095 = catalog.get("D6095")
    assert d6095.deleted == 2025 and not d6095.valid_in(2025) and d6095.valid_in(2024)


def test_posterior_composite_series(catalog):
    for code, surfaces in (("D2391", 1), ("D2392", 2), ("D2393", 3), ("D2394", 4)):
        c = catalog.get(code)
        assert c.area == "surface" and c.teeth.position == "posterior"
        assert c.surfaces.min == surfaces


def test_depth_codes_have_guidance(catalog):
    for code in [
        "D9991",
        "D9992",
        "D9993",
        "D9994",
        "D9995",
        "D9996",
        "D9997",
        "D9999",
        "D0120",
        "D0140",
        "D0145",
        "D0150",
        "D0160",
        "D0170",
        "D0171",
        "D0180",
    ]:
        c = catalog.get(code)
        assert c.title and c.summary and c.guidance, code


def test_validation_names_the_code_at_fault(tmp_path):
    """A broken record fails validation with a message naming the code and the problem."""
    (tmp_path / "03-restorative.toml").write_text(
        '[[families]]\nslug = "x"\nname = "X"\n\n'
        '[[codes]]\ncode = "D2392"\nfamily = "x"\ntitle = "t"\nsummary = "s"\narea = "tooth"\n'
        'related = [{ code = "D2999", note = "n" }]\n\n'
        '[[codes]]\ncode = "D5110"\nfamily = "nope"\ntitle = ""\nsummary = "s"\narea = "arch"\n',
        encoding="utf-8",
    )
    errors = validate(tmp_path)
    text = "\n".join(errors)
    assert "D2392: must be area 'surface'" in text
    assert "D2392: related code D2999 is not in the dataset" in text
    assert "D5110: outside restorative" in text and "D5110: title is missing" in text
    assert "no dataset file for category diagnostic" in text
