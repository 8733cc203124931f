"""Materials and alloys, each listed once: titles, descriptions, reasons and questions."""

from cdthub.core.finder import read
from cdthub.core.finder.dimensions.materials import ALLOYS, MATERIALS, Alloys, Materials


def test_each_material_and_alloy_is_listed_once():
    assert len({m.name for m in MATERIALS}) == len(MATERIALS)
    assert len({a.name for a in ALLOYS}) == len(ALLOYS)


def test_descriptions_name_materials_their_own_way():
    assert read("zirconia crown").materials == {"ceramic"}
    assert read("SSC on #K").materials == {"steel"}
    assert read("full gold crown").alloys == {"high_noble"}


def test_a_close_material_fits_roughly_and_a_wrong_one_says_why():
    assert Materials().judge(frozenset({"ceramic", "metal_frame"}), read("porcelain")).close
    verdict = Materials().judge(frozenset({"resin"}), read("amalgam filling"))
    assert not verdict.fits and verdict.reason == "made of resin/composite, not amalgam"


def test_questions_name_the_choices():
    question = Materials().questions(
        {frozenset({"ceramic", "metal_frame"}), frozenset({"cast"})}, read("crown"), None
    )
    assert question == [
        "material not given: cast metal (gold or other alloy), porcelain fused to metal"
    ]
    assert Alloys().unsaid(None, read("PFM noble"), {"materials": frozenset({"resin"})}) < 1
