"""Warta's national places: complete, with datelines, narrowed by province, extended by a site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from newsroom_model.catalog import Catalog
from newsroom_model.datafiles import load_catalog
from newsroom_model.national import narrowed
from newsroom_model.settings import DEFAULTS
from warta.resources import PLACES_FILE, national_places

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "content" / "data"
SUBSTITUTIONS = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]


def catalog_of(data: Path, provinces: list[str] | None) -> tuple[Catalog, list[str]]:
    catalog, problems = load_catalog(
        data,
        DEFAULTS["WARTA_DATA_FILES"],
        SUBSTITUTIONS,
        data,
        national=narrowed(national_places(), provinces),
    )
    return catalog, [str(problem) for problem in problems]


def test_every_province_kota_and_kabupaten_of_indonesia_has_a_dateline(tmp_path: Path) -> None:
    catalog, problems = catalog_of(tmp_path, None)

    assert problems == []
    kinds = [place.kind for place in catalog.locations.values()]
    assert (kinds.count("provinsi"), kinds.count("kota"), kinds.count("kabupaten")) == (38, 98, 416)
    assert all(place.dateline and place.dateline == place.dateline.upper()
               for place in catalog.locations.values())  # fmt: skip
    surabaya = catalog.location("Kota Surabaya")
    assert surabaya is not None
    assert (surabaya.dateline, surabaya.path) == ("SURABAYA", "jawa-timur/kota-surabaya")
    # A kabupaten is datelined from its seat, as the Kalimantan entries always were.
    assert catalog.location("Kabupaten Sidoarjo").dateline == "SIDOARJO"  # type: ignore[union-attr]
    assert catalog.location("Kabupaten Malang").dateline == "KEPANJEN"  # type: ignore[union-attr]


def test_the_sample_s_places_are_warta_s_places_entry_for_entry() -> None:
    sample = yaml.safe_load((SAMPLE / "locations.yaml").read_text("utf-8"))[0]["children"]
    national = {province["name"]: province for province in national_places()[0]["children"]}

    assert [national[province["name"]] for province in sample] == sample


def test_the_committed_places_file_is_what_the_generator_makes() -> None:
    if not (REPO / "node_modules" / "idn-area-data").is_dir():
        pytest.skip("npm ci has not been run")  # make test runs it before pytest
    from scripts.generate_locations import generate  # noqa: PLC0415

    assert generate() == PLACES_FILE.read_text(encoding="utf-8")


def test_provinces_narrow_the_list_and_a_typo_finds_a_place_nearby(tmp_path: Path) -> None:
    catalog, _ = catalog_of(tmp_path, ["Jawa Timur"])

    assert catalog.location("Kota Makassar") is None
    assert catalog.location("Kota Surabaya") is not None
    assert catalog.similar_locations("Kota Surabya")[0] == "Kota Surabaya"


def test_a_site_adds_places_under_a_parent_and_changes_a_dateline(tmp_path: Path) -> None:
    shutil.copytree(
        SAMPLE, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("authors.yaml")
    )
    (tmp_path / "locations.yaml").write_text(
        "- name: Kecamatan Tegalsari\n  parent: kota surabaya\n  kind: kecamatan\n"
        "- name: Kabupaten Sidoarjo\n  parent: Jawa Timur\n  dateline: SIDOARJO KOTA\n"
        "- name: Pulau Bawean\n  parent: Kabupaten Gersik\n",
        encoding="utf-8",
    )

    catalog, problems = catalog_of(tmp_path, ["Jawa Timur"])

    place = catalog.location("Kecamatan Tegalsari")
    assert place is not None
    assert [step.name for step in place.trail] == [
        "Indonesia", "Jawa Timur", "Kota Surabaya", "Kecamatan Tegalsari"
    ]  # fmt: skip
    assert (place.dateline, place.path) == (
        "KECAMATAN TEGALSARI",
        "jawa-timur/kota-surabaya/kecamatan-tegalsari",
    )
    assert catalog.location("Kabupaten Sidoarjo").dateline == "SIDOARJO KOTA"  # type: ignore[union-attr]
    assert len(problems) == 1
    assert problems[0].startswith(
        "locations.yaml:8: parent: 'Kabupaten Gersik' is not a known place to put 'Pulau "
        "Bawean' under (did you mean 'Kabupaten Gresik'"
    )


def test_a_place_the_site_names_twice_is_still_reported(tmp_path: Path) -> None:
    (tmp_path / "locations.yaml").write_text(
        "- name: Desa Baru\n  parent: Kota Surabaya\n- name: Desa Baru\n  parent: Kota Surabaya\n",
        encoding="utf-8",
    )

    _, problems = catalog_of(tmp_path, ["Jawa Timur"])

    assert problems == [
        "locations.yaml:3: Name: 'Desa Baru' is listed twice (first on line 1) "
        "(keep one entry per name)"
    ]
