"""Write Warta's national places file (warta/data/indonesia.yaml) from the pinned npm sources.

Run after `npm ci`: `.venv/bin/python scripts/generate_locations.py`, then review `git diff`.

Sources, both pinned in package.json:
- idn-area-data 4.0.1 (fityannugroho/idn-area-data): the 38 provinces and 514 kota and kabupaten
  with their Kemendagri codes and names. Its code is MIT; its data is under the Open Database
  License (ODbL 1.0), so the file this writes is a derivative database under the ODbL too.
- indonesia-cities-regencies 2.0.0 (aldidana/indonesia-cities-regencies, MIT): each kabupaten's
  seat (ibu kota), which idn-area-data does not hold. It was scraped from an older list and lacks
  kabupaten formed since about 2012; those, and the seats it gets wrong or spells oddly, are in
  SEATS below, entered by hand and named in docs/adr/008-a-newsroom-site-from-a-package.md.

The dateline rules are those of content/data/locations.yaml: a kota's dateline is its name, a
kabupaten's is its seat, a province's is its capital, Indonesia's is JAKARTA.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

ROOT = Path(__file__).resolve().parent.parent
AREAS = ROOT / "node_modules" / "idn-area-data" / "data"
SEAT_LIST = ROOT / "node_modules" / "indonesia-cities-regencies" / "list.json"
TARGET = ROOT / "warta" / "data" / "indonesia.yaml"
SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]

# Each province's capital, where its government sits (the law forming each province names it).
CAPITALS = {
    "Aceh": "Banda Aceh",
    "Sumatera Utara": "Medan",
    "Sumatera Barat": "Padang",
    "Riau": "Pekanbaru",
    "Jambi": "Jambi",
    "Sumatera Selatan": "Palembang",
    "Bengkulu": "Bengkulu",
    "Lampung": "Bandar Lampung",
    "Kepulauan Bangka Belitung": "Pangkalpinang",
    "Kepulauan Riau": "Tanjungpinang",
    "Daerah Khusus Ibukota Jakarta": "Jakarta",
    "Jawa Barat": "Bandung",
    "Jawa Tengah": "Semarang",
    "Daerah Istimewa Yogyakarta": "Yogyakarta",
    "Jawa Timur": "Surabaya",
    "Banten": "Serang",
    "Bali": "Denpasar",
    "Nusa Tenggara Barat": "Mataram",
    "Nusa Tenggara Timur": "Kupang",
    "Kalimantan Barat": "Pontianak",
    "Kalimantan Tengah": "Palangka Raya",
    "Kalimantan Selatan": "Banjarbaru",
    "Kalimantan Timur": "Samarinda",
    "Kalimantan Utara": "Tanjung Selor",
    "Sulawesi Utara": "Manado",
    "Sulawesi Tengah": "Palu",
    "Sulawesi Selatan": "Makassar",
    "Sulawesi Tenggara": "Kendari",
    "Gorontalo": "Gorontalo",
    "Sulawesi Barat": "Mamuju",
    "Maluku": "Ambon",
    "Maluku Utara": "Sofifi",
    "Papua": "Jayapura",
    "Papua Barat": "Manokwari",
    "Papua Selatan": "Merauke",
    "Papua Tengah": "Nabire",
    "Papua Pegunungan": "Wamena",
    "Papua Barat Daya": "Sorong",
}

# Names as the places write them, where the source spells them otherwise.
NAMES = {"Kota Palangkaraya": "Kota Palangka Raya"}

# Seats entered by hand, each with why: the seat list lacks the kabupaten (formed or renamed
# since it was made), or gives a seat the kabupaten has since moved from, or spells it oddly.
# Every one is listed in ADR 008 as not coming from a licensed source.
SEATS = {
    # Not in the seat list: formed or renamed after it was made.
    "Kabupaten Toba": "Balige",
    "Kabupaten Penukal Abab Lematang Ilir": "Talang Ubi",
    "Kabupaten Musi Rawas Utara": "Rupit",
    "Kabupaten Pesisir Barat": "Krui",
    "Kabupaten Pangandaran": "Parigi",
    "Kabupaten Magetan": "Magetan",
    "Kabupaten Malaka": "Betun",
    "Kabupaten Banggai Laut": "Banggai",
    "Kabupaten Morowali Utara": "Kolonodale",
    "Kabupaten Kolaka Timur": "Tirawuta",
    "Kabupaten Konawe Kepulauan": "Langara",
    "Kabupaten Muna Barat": "Laworo",
    "Kabupaten Buton Tengah": "Labungkari",
    "Kabupaten Buton Selatan": "Batauga",
    "Kabupaten Pasangkayu": "Pasangkayu",
    "Kabupaten Mamuju Tengah": "Tobadak",
    "Kabupaten Kepulauan Tanimbar": "Saumlaki",
    "Kabupaten Pulau Taliabu": "Bobong",
    "Kabupaten Manokwari Selatan": "Ransiki",
    "Kabupaten Pegunungan Arfak": "Anggi",
    # The seat moved since the list was made.
    "Kabupaten Nias": "Gido",
    "Kabupaten Madiun": "Caruban",
    "Kabupaten Mojokerto": "Mojosari",
    "Kabupaten Pasuruan": "Bangil",
    "Kabupaten Bolaang Mongondow": "Lolak",
    "Kabupaten Sorong": "Aimas",
    "Kabupaten Kerinci": "Siulak",
    "Kabupaten Maluku Barat Daya": "Tiakur",
    # Two towns, a note or markup in the list's value, or a misspelling.
    "Kabupaten Boalemo": "Tilamuta",
    "Kabupaten Brebes": "Brebes",
    "Kabupaten Lampung Selatan": "Kalianda",
    "Kabupaten Seram Bagian Barat": "Piru",
    "Kabupaten Seram Bagian Timur": "Bula",
    "Kabupaten Sidenreng Rappang": "Pangkajene Sidenreng",
    "Kabupaten Sukabumi": "Pelabuhanratu",
    # As content/data/locations.yaml has always written them.
    "Kabupaten Barito Timur": "Tamiang Layang",
    "Kabupaten Murung Raya": "Puruk Cahu",
}

# Jakarta's five cities are one city to a newsroom: stories from them are datelined JAKARTA.
DATELINES = {
    "Kota Administrasi Jakarta Pusat": "JAKARTA",
    "Kota Administrasi Jakarta Utara": "JAKARTA",
    "Kota Administrasi Jakarta Barat": "JAKARTA",
    "Kota Administrasi Jakarta Selatan": "JAKARTA",
    "Kota Administrasi Jakarta Timur": "JAKARTA",
    "Kabupaten Administrasi Kepulauan Seribu": "KEPULAUAN SERIBU",
}

# Kalimantan Selatan lists its two cities capital first, as the sample site always has.
FIRST = {"Kota Banjarmasin": 0}

HEADER = """\
# Every place of Indonesia a story can be filed from: 38 provinces and their 514 kota and
# kabupaten, nested from country to regency. Generated by scripts/generate_locations.py; do
# not edit by hand (change the script and run it again).
#
# Sources: idn-area-data 4.0.1 (provinces, kota and kabupaten; data under the Open Database
# License 1.0, https://opendatacommons.org/licenses/odbl/1-0/) and indonesia-cities-regencies
# 2.0.0 (seats of kabupaten; MIT), with the seats the script enters by hand. This file is a
# derivative database of idn-area-data and is available under the ODbL 1.0.
#
# name      what a reporter writes in "Location:" and what readers see
# slug      the URL segment of the location page (/lokasi/<province>/<slug>/)
# dateline  the town that opens a story filed from here: a kota's name, a kabupaten's seat,
#           a province's capital
# kind      negara, provinsi, kota or kabupaten
"""


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.casefold())


def _seat_list() -> dict[str, str]:
    entries = json.loads(SEAT_LIST.read_text(encoding="utf-8"))
    return {_key(entry["name"]): str(entry["capital"]) for entry in entries}


def _entry(name: str, dateline: str, kind: str) -> str:
    fields = {
        "name": name,
        "slug": slugify(name, SUBSTITUTIONS),
        "dateline": dateline.upper(),
        "kind": kind,
    }
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"


def _dateline(name: str, seats: dict[str, str], missing: list[str]) -> tuple[str, str]:
    """The place's kind and its dateline."""
    if name in DATELINES:
        return ("kota" if name.startswith("Kota") else "kabupaten"), DATELINES[name]
    if name.startswith("Kota "):
        return "kota", name.removeprefix("Kota ")
    seat = SEATS.get(name) or seats.get(_key(name), "")
    if not re.fullmatch(r"[A-Z][A-Za-z' -]+", seat):
        missing.append(f"{name}: {seat!r}")
    return "kabupaten", seat


def generate() -> str:
    with (AREAS / "provinces.csv").open(encoding="utf-8", newline="") as file:
        provinces = [(row["code"], row["name"]) for row in csv.DictReader(file)]
    with (AREAS / "regencies.csv").open(encoding="utf-8", newline="") as file:
        regencies = list(csv.DictReader(file))
    seats = _seat_list()
    missing: list[str] = []
    lines = [
        HEADER,
        "- name: Indonesia",
        "  slug: indonesia",
        "  dateline: JAKARTA",
        "  kind: negara",
        "  children:",
    ]
    for code, province in provinces:
        lines += [
            f"    - name: {province}",
            f"      slug: {slugify(province, SUBSTITUTIONS)}",
            f"      dateline: {CAPITALS[province].upper()}",
            "      kind: provinsi",
            "      children:",
        ]
        places = []
        for row in regencies:
            if row["province_code"] != code:
                continue
            name = NAMES.get(row["name"], row["name"])
            kind, dateline = _dateline(name, seats, missing)
            places.append((FIRST.get(name, 1), kind != "kota", name, _entry(name, dateline, kind)))
        lines += [f"        - {entry}" for *_, entry in sorted(places)]
    if missing:
        sys.exit("no seat for:\n" + "\n".join(missing))
    return "\n".join(lines) + "\n"


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(generate(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}; review it with git diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
