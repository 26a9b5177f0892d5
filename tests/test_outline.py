"""kg.outline: the inlined Natural Earth outline and the country lookup."""

from kg.outline import country_at, world_outline


def test_outline_has_countries_and_attribution():
    data = world_outline()
    names = {c["name"] for c in data["countries"]}
    assert {"Ukraine", "Russia", "Poland", "Syria"} <= names
    assert "Natural Earth" in data["attribution"]
    assert all(
        len(ring) % 2 == 0 and len(ring) >= 8 for c in data["countries"] for ring in c["rings"]
    )


def test_country_at():
    assert country_at(30.52, 50.45) == "Ukraine"  # Kyiv
    assert country_at(37.62, 55.75) == "Russia"  # Moscow
    assert country_at(36.29, 33.51) == "Syria"  # Damascus
    assert country_at(-40.0, 30.0) is None  # the Atlantic
