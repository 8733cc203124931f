"""What each code requires, read from our titles and records, and which codes are look-alikes."""

import pytest

from cdthub.core.finder.profile import lookalikes, profiles, varying


@pytest.fixture(scope="module")
def all_profiles(catalog):
    return profiles(catalog)


def test_requirements_come_from_the_title_and_the_record(all_profiles):
    pfm = all_profiles["D2750"].values  # porcelain fused to high noble metal
    assert pfm["materials"] == {"ceramic", "metal_frame"} and pfm["alloys"] == {"high_noble"}
    assert all_profiles["D4342"].values["count"] == (1, 3, "teeth")
    assert all_profiles["D1120"].values["ages"] is not None  # a child's cleaning
    assert all_profiles["D2393"].values["surfaces"].min == 3


def test_adult_codes_start_at_eighteen_only_beside_adolescent_codes(all_profiles):
    assert all_profiles["D8090"].values["ages"] == (18, None)  # orthodontics: adult
    assert all_profiles["D1110"].values["ages"] == (14, None)  # cleaning: adult


def test_look_alikes_are_the_same_procedure_in_another_variant(all_profiles):
    groups = lookalikes(all_profiles)
    assert {"D2391", "D2392", "D2393", "D2394"} <= set(groups["D2393"])
    assert "D4342" in groups["D4341"] and "D2750" in groups["D2751"]
    assert "D7140" not in groups["D2393"]
    assert varying(all_profiles[c] for c in groups["D2393"]) >= {"surfaces"}
