"""One place resolver for the Location field, `warta new` and the importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom_model.catalog import Location, load_catalog
from newsroom_model.places import PlaceIndex
from newsroom_model.settings import DEFAULTS

DATA = Path(__file__).resolve().parents[3] / "content" / "data"


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    catalog, problems = load_catalog(DATA, DEFAULTS["WARTA_DATA_FILES"], [], DATA)
    assert problems == []
    return PlaceIndex.of(catalog.locations.values())


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("Kota Banjarmasin", "Kota Banjarmasin"),
        ("kota  banjarmasin", "Kota Banjarmasin"),
        ("Banjarmasin", "Kota Banjarmasin"),
        ("Martapura", "Kabupaten Banjar"),
        ("Kab. Banjar", "Kabupaten Banjar"),
        ("Banjar", "Kabupaten Banjar"),
        ("Kalimantan Selatan", "Kalimantan Selatan"),
    ],
)
def test_names_as_people_write_them(places: PlaceIndex, written: str, place: str) -> None:
    found = places.find(written)
    assert found.place is not None, written
    assert found.place.name == place


def test_a_prefix_is_kept_and_an_unknown_name_is_unknown(places: PlaceIndex) -> None:
    # 'Kota Banjar' is a city in Jawa Barat, not Kabupaten Banjar.
    assert places.find("Kota Banjar").place is None
    assert places.find("Surabaya").place is None
    assert places.find("Surabaya").candidates == ()


def test_a_name_of_two_places_says_so() -> None:
    province = Location("Sumatera Utara", "sumatera-utara", "MEDAN", "provinsi")
    first = Location("Kabupaten Asahan", "kabupaten-asahan", "KISARAN", "kabupaten", province)
    second = Location("Kota Tanjungbalai", "kota-tanjungbalai", "KISARAN", "kota", province)
    found = PlaceIndex.of([province, first, second]).find("Kisaran")
    assert found.place is None
    assert {place.name for place in found.candidates} == {"Kabupaten Asahan", "Kota Tanjungbalai"}
