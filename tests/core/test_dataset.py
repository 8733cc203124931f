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
        '[[codes]]\ncode = "D5110"\nfamily = "nope"\ntitle = ""\nsummary = "s"\narea = "arch"\n'
        'arch = "both"\n\n'
        '[[codes]]\ncode = "D2391"\nfamily = "x"\ntitle = "t"\nsummary = "s"\narea = "surface"\n'
        'arch = "upper"\n',
        encoding="utf-8",
    )
    errors = validate(tmp_path)
    text = "\n".join(errors)
    assert "D2392: must be area 'surface'" in text
    assert "D2392: related code D2999 is not in the dataset" in text
    assert "D5110: outside restorative" in text and "D5110: title is missing" in text
    assert "no dataset file for category diagnostic" in text
    assert "D5110: arch 'both' must be 'upper' or 'lower'" in text
    assert "D2391: arch 'upper' must be 'upper' or 'lower', on a code of area 'arch'" in text


def test_every_current_code_has_guidance_and_common_codes_all_six(catalog):
    current = catalog.current()
    assert all(c.guidance.get("use") and c.guidance.get("claim") for c in current)
    for code in ("D2393", "D2392", "D1120", "D0210", "D0274", "D7140", "D7210", "D4342", "D9944"):
        sections = catalog.get(code).guidance_sections()
        assert len(sections) == 6, code


def test_cdt_2026_revisions_say_what_changed(catalog):
    revised = {c.code: note for c, note in catalog.changes(2025, 2026).revised_with_notes()}
    assert "social risk" in revised["D0180"]
    assert 2022 not in catalog.get("D0180").revised


def test_hedged_titles_and_contradicting_guidance_are_refused(tmp_path):
    (tmp_path / "03-restorative.toml").write_text(
        '[[families]]\nslug = "x"\nname = "X"\n\n'
        '[[codes]]\ncode = "D2140"\nfamily = "x"\ntitle = "Filling, likely one surface"\n'
        'summary = "s"\narea = "surface"\nsurfaces = { min = 1, max = 1 }\n\n'
        '[codes.guidance]\nuse = ["u"]\navoid = ["a"]\nclaim = ["No tooth or area is needed."]\n',
        encoding="utf-8",
    )
    text = "\n".join(validate(tmp_path))
    assert "D2140: title hedges" in text
    assert "D2140: claim guidance says no tooth is needed, but the area is surface" in text
