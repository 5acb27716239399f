"""Generated newsroom archives for benchmarks: real Markdown files any Pelican can read.

`write_archive(folder, count)` writes a site folder (content/ with the sample's data files and
pages, and `count` stories under content/articles/YYYY/MM/) whose stories look like a regional
daily's: bodies of 400-900 words in paragraphs with quotes, subheadings and the odd list; two to
five tags each from a long-tail vocabulary; every place of the locations file, busy cities more
often; staff and freelance bylines; agency copy with a source; corrections and updates; and story
threads (three to eight follow-ups on one event, days apart, sharing the place, tags and the
event's rare words). At 30 stories a day, 10,000 stories span a year and 100,000 a decade.

The headers are Pelican's `Key: value` lines, which stock Pelican reads too, so the baseline
builds the very same files. The text is drawn from word lists written for this file: every
sentence is random, none is copied from anywhere.
"""

from __future__ import annotations

import functools
import itertools
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
STORIES_PER_DAY = 30
LAST_DAY = datetime(2026, 11, 27, 18, 0)

DESKS = ("Daerah", "Politik", "Hukum", "Ekonomi", "Lingkungan", "Kesehatan", "Pendidikan",
         "Olahraga", "Budaya")  # fmt: skip

# Common Indonesian words in rough order of frequency, for the body text.
_WORDS = """
yang dan di itu dengan untuk tidak ini dari dalam akan pada juga saya ke karena tersebut bisa
ada mereka lebih kata sudah atau saat oleh menjadi orang kami masih hanya telah hari tahun
sangat warga pemerintah daerah kota kabupaten provinsi desa kecamatan dinas kepala bupati wali
gubernur anggaran rumah sakit sekolah jalan sungai banjir hujan air lahan gambut api asap
petani nelayan harga pasar beras karet sawit batu bara jembatan kapal perahu pelabuhan bandara
terminal angkutan polisi jaksa hakim sidang perkara tersangka terdakwa saksi bukti kerugian
negara dana bantuan sosial kesehatan puskesmas dokter pasien obat vaksin anak ibu bayi gizi
stunting pendidikan guru murid mahasiswa kampus beasiswa ujian kelas olahraga pemain pelatih
pertandingan turnamen juara budaya tradisi festival pengunjung wisatawan seni tari musik lagu
adat kampung masjid gereja pasar terapung pedagang usaha kecil koperasi bank kredit pajak
retribusi investasi pabrik tambang kebun hutan satwa buaya orangutan bekantan sampah limbah
pencemaran lingkungan kualitas udara indeks rapat dewan fraksi partai pemilihan calon suara
kampanye pengawas komisi keputusan peraturan program kegiatan pembangunan proyek gedung kantor
taman lapangan pembangkit listrik pemadaman petugas relawan posko pengungsi evakuasi logistik
dapur umum perahu karet ketinggian debit pagi siang sore malam minggu bulan pekan lalu depan
kemarin besok sekarang nanti sejak hingga baru lama besar kecil banyak sedikit tinggi rendah
cepat lambat mahal murah penting utama mengatakan menyebut menjelaskan meminta mengimbau
menambahkan memastikan menilai mengakui membangun memperbaiki menutup membuka memeriksa
mendata menyalurkan menerima mengirim menahan meningkat menurun naik turun bertambah berkurang
terendam tergenang terbakar rusak hilang selamat sebanyak sekitar hampir lebih kurang total
rata persen ribu juta miliar triliun rupiah meter kilometer hektare ton liter unit orang
keluarga kepala rumah tangga desa kelurahan rukun tetangga
"""
WORDS = tuple(_WORDS.split())
# Names for quotes and the people of a story.
GIVEN = (
    "Ahmad", "Budi", "Citra", "Dedi", "Erna", "Fitri", "Gusti", "Hendra", "Indah", "Joko",
    "Kartini", "Lukman", "Masliana", "Nanda", "Oktavia", "Putri", "Rudi", "Siti", "Taufik",
    "Umar", "Vina", "Wahyu", "Yusuf", "Zainal", "Rahmah", "Saleh", "Hasan", "Nurul", "Iwan",
    "Lia", "Agus", "Rina", "Bayu", "Dewi", "Fajar", "Galuh", "Hadi", "Intan", "Jamal",
)  # fmt: skip
FAMILY = (
    "Saputra", "Rahman", "Hidayat", "Pratama", "Wijaya", "Santoso", "Kusuma", "Halim",
    "Nugroho", "Syahrani", "Mahmud", "Rizki", "Ramadhan", "Setiawan", "Firmansyah", "Hakim",
    "Lestari", "Maulana", "Anwar", "Gunawan",
)  # fmt: skip
ROLES = (
    "Kepala Dinas", "Camat", "Kapolsek", "Ketua DPRD", "warga", "pedagang", "petani",
    "Kepala Desa", "dokter", "guru", "Kepala Pelaksana BPBD", "Sekretaris Daerah", "pengamat",
    "nelayan", "Kepala Sekolah",
)  # fmt: skip
# Story kinds: a headline pattern and the tags that go with the kind.
KINDS = (
    ("{Place}: {Noun} {Event}", ("banjir", "bpbd", "pengungsi", "cuaca")),
    ("DPRD {Place} Bahas {Noun} {Event}", ("anggaran", "dprd", "apbd", "politik lokal")),
    ("Kejari Tetapkan Tersangka Kasus {Noun} {Place}", ("korupsi", "kejaksaan", "sidang")),
    ("Harga {Noun} di {Place} {Event}", ("harga", "pasar", "inflasi", "petani")),
    ("Titik Panas Bertambah, {Noun} {Place} {Event}", ("karhutla", "gambut", "asap", "ispu")),
    ("Kasus {Noun} di {Place} {Event}", ("kesehatan", "puskesmas", "dbd", "stunting")),
    ("Sekolah di {Place} {Event} karena {Noun}", ("sekolah", "guru", "beasiswa", "pendidikan")),
    ("Tim {Place} {Event} di Turnamen {Noun}", ("sepak bola", "turnamen", "porprov")),
    ("Festival {Noun} {Place} {Event}", ("festival", "wisata", "tradisi", "sasirangan")),
)
EVENTS = (
    "Meningkat", "Menurun", "Ditunda", "Dibuka", "Ditutup", "Disorot Warga", "Jadi Sorotan",
    "Mulai Pulih", "Diperpanjang", "Dievaluasi", "Dipertanyakan", "Capai Puncak",
)  # fmt: skip
NOUNS = (
    "Jembatan", "Pasar", "Beras", "Karet", "Lahan", "Sungai", "Jalan Desa", "Rumah Sakit",
    "Bantuan Sosial", "Gedung Parkir", "Listrik", "Air Bersih", "Kapal", "Pelabuhan",
    "Tambang", "Sawit", "Beasiswa", "Vaksinasi", "Pilkades", "Pajak Daerah",
)  # fmt: skip
SYLLABLES = (
    "ba", "ka", "ra", "sa", "ma", "na", "ta", "la", "da", "ga", "pa", "ja", "ha", "wa", "bi",
    "ki", "ri", "si", "mi", "ni", "ti", "li", "di", "gi", "ju", "hu", "bu", "ku", "ru", "su",
    "mu", "nu", "tu", "lu", "du", "gu", "pu", "ng", "an", "ang", "un", "in",
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    name: str
    region: str


def _places(data: Path) -> list[Place]:
    """Every place of the locations file with the region it sits in, the country last."""
    found: list[Place] = []

    def walk(records: list[dict[str, Any]], parent: str) -> None:
        for record in records:
            found.append(Place(str(record["name"]), parent))
            walk(record.get("children") or [], str(record["name"]))

    walk(yaml.safe_load((data / "locations.yaml").read_text(encoding="utf-8")), "")
    return sorted(found, key=lambda place: (place.region == "", place.region == "Indonesia"))


@functools.cache
def _cumulative(size: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(size)))


def _zipf_choice(rng: random.Random, items: Sequence[Any], exponent: float = 1.0) -> Any:
    return rng.choices(items, cum_weights=_cumulative(len(items), exponent))[0]


class _Writer:
    """Draws stories from one seeded generator, so an archive is the same on every run."""

    def __init__(self, seed: int, data: Path) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - test data, nothing secret
        self.places = _places(data)
        self.staff = [
            str(entry["name"])
            for entry in yaml.safe_load((data / "authors.yaml").read_text(encoding="utf-8"))
        ]
        self.sources = [
            (str(entry["name"]), str(entry.get("url", "")))
            for entry in yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
        ]
        self.freelancers = [
            f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}" for _ in range(40)
        ]
        self.tags = sorted({self.word(2, 4) for _ in range(3000)})
        self.rng.shuffle(self.tags)
        self.word_cumulative = _cumulative(len(WORDS), 0.9)

    def word(self, low: int, high: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(low, high)))

    def sentence(self, extra: Sequence[str] = ()) -> str:
        count = self.rng.randint(8, 20)
        words = self.rng.choices(WORDS, cum_weights=self.word_cumulative, k=count)
        for word in extra:
            words.insert(self.rng.randrange(len(words) + 1), word)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def quote(self, extra: Sequence[str]) -> str:
        person = f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"
        said = self.rng.choice(("kata", "ujar", "tutur", "jelas"))
        role = self.rng.choice(ROLES)
        return f'"{self.sentence(extra)[:-1]}," {said} {role} {person}.'

    def paragraph(self, event_words: Sequence[str], position: int) -> str:
        """A paragraph of two to five sentences, or a quote, a subheading or a list."""
        roll = self.rng.random()
        if roll < 0.2 and position:
            return self.quote(self.rng.sample(list(event_words), 1))
        if roll < 0.25 and position > 2:
            return "## " + self.sentence()[:-1].title()[:60]
        if roll < 0.28 and position > 2:
            return "\n".join(f"- {self.sentence()}" for _ in range(self.rng.randint(2, 4)))
        extra = [word for word in event_words if self.rng.random() < 0.3]
        sentences = [self.sentence(extra) for _ in range(self.rng.randint(2, 5))]
        if self.rng.random() < 0.05:
            page = extra[0] if extra else "laporan"
            sentences.append(
                f"Data lengkap dapat dilihat di [laman resmi](https://data.example/{page})."
            )
        if self.rng.random() < 0.1:
            sentences[0] = f"**{sentences[0]}**"
        return " ".join(sentences)

    def body(self, words: int, event_words: Sequence[str]) -> str:
        parts: list[str] = []
        total = 0
        while total < words:
            parts.append(self.paragraph(event_words, len(parts)))
            total += len(parts[-1].split())
        return "\n\n".join(parts) + "\n"


@dataclass
class _Thread:
    """One event: its place, desk, headline pattern, tags and rare words, and its next date."""

    place: Place
    desk: str
    pattern: str
    nouns: tuple[str, str]
    words: list[str]
    tags: list[str]
    day: datetime


def _slug_of(title: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in title)
    return "-".join(cleaned.split())[:70].strip("-")


def _header(writer: _Writer, thread: _Thread, step: int, slugs: set[str]) -> dict[str, str]:
    """The header of the thread's story number `step`."""
    rng = writer.rng
    place = thread.place
    short = place.name.split(" ", 1)[-1] if " " in place.name else place.name
    noun = thread.nouns[0] if step == 0 else thread.nouns[1]
    title = thread.pattern.format(Place=short, Noun=noun, Event=rng.choice(EVENTS))
    if step:
        title += f" ({rng.choice(thread.words).title()})"
    slug = _slug_of(title)
    while slug in slugs or not slug:
        slug = f"{_slug_of(title)}-{rng.randint(2, 9999)}"
    slugs.add(slug)
    tags = [tag for tag in thread.tags if rng.random() < 0.8] or thread.tags[:1]
    tags += [_zipf_choice(rng, writer.tags, 1.05) for _ in range(rng.randint(1, 3))]
    staff = rng.random() < 0.6
    authors = [rng.choice(writer.staff) if staff else rng.choice(writer.freelancers)]
    if rng.random() < 0.1:
        authors.append(rng.choice(writer.staff))
    moment = min(thread.day, LAST_DAY).replace(second=0, microsecond=0)
    header = {
        "Title": title,
        "Date": moment.strftime("%Y-%m-%d %H:%M"),
        "Category": thread.desk,
        "Location": place.name,
        "Authors": ", ".join(dict.fromkeys(authors)),
        "Tags": ", ".join(dict.fromkeys(tags)),
        "Slug": slug,
    }
    if rng.random() < 0.6:
        header["Summary"] = " ".join(writer.sentence(thread.words[:1]) for _ in range(2))
    if rng.random() < 0.15:
        name, url = rng.choice(writer.sources)
        header["Source"] = name
        if url and rng.random() < 0.3:
            header["SourceURL"] = f"{url}/{moment:%Y/%m/%d}/{slug}"
    if rng.random() < 0.1:
        later = moment + timedelta(hours=rng.randint(1, 48))
        header["Modified"] = later.strftime("%Y-%m-%d %H:%M")
        if rng.random() < 0.2:
            header["Correction"] = (
                f"{later:%Y-%m-%d %H:%M} | Versi sebelumnya keliru menyebut angka."
            )
    return header


def write_archive(folder: Path, count: int, seed: int = 1) -> Path:
    """Write a site folder with `count` generated stories; returns its content/ folder."""
    content = folder / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(REPO / "content" / "data", content / "data")
    shutil.copytree(REPO / "content" / "pages", content / "pages")
    # The writers' portraits the authors file names.
    shutil.copytree(REPO / "content" / "images" / "staf", content / "images" / "staf")
    writer = _Writer(seed, content / "data")
    rng = writer.rng
    span = timedelta(days=max(1.0, count / STORIES_PER_DAY))
    slugs: set[str] = set()
    written = 0
    while written < count:
        pattern, kind_tags = rng.choice(KINDS)
        thread = _Thread(
            place=_zipf_choice(rng, writer.places, 0.8),
            desk=_zipf_choice(rng, DESKS, 0.6),
            pattern=pattern,
            nouns=(rng.choice(NOUNS), rng.choice(NOUNS)),
            words=[writer.word(3, 5) for _ in range(4)],
            tags=[*rng.sample(kind_tags, 2), *([writer.word(3, 4)] if rng.random() < 0.5 else [])],
            day=LAST_DAY - span + rng.random() * span,
        )
        size = rng.randint(3, 8) if rng.random() < 0.3 else 1
        for step in range(min(size, count - written)):
            header = _header(writer, thread, step, slugs)
            body = writer.body(rng.randint(400, 900), thread.words)
            moment = datetime.strptime(header["Date"], "%Y-%m-%d %H:%M")
            target = content / "articles" / f"{moment:%Y}" / f"{moment:%m}"
            target.mkdir(parents=True, exist_ok=True)
            lines = [f"{key}: {value}" for key, value in header.items()]
            text = "\n".join(lines) + "\n\n" + body
            (target / f"{header['Slug']}.md").write_text(text, "utf-8")
            written += 1
            thread.day += timedelta(hours=rng.expovariate(1 / 30.0) + 2)
    return content


if __name__ == "__main__":
    write_archive(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {sys.argv[2]} stories under {Path(sys.argv[1]) / 'content'}")
