"""Real builds: "Baca juga" lists a story's own thread and pins, never drafts; filler says so."""

from __future__ import annotations

from tests.sitekit import Build, Site

FLOOD = (
    "Sungai Martapura meluap dan merendam rumah warga Desa Sungai Batang, Martapura Barat.\n\n"
    "Petugas BPBD mengevakuasi warga lanjut usia dengan perahu karet.\n"
)


def related_titles(build: Build, url: str) -> list[str]:
    return [a.get_text() for a in build.html(url).select(".related li a")]


def flood_site(site: Site) -> None:
    site.article("banjir.md", FLOOD, Title="Sungai Martapura Meluap", Slug="banjir", Tags="banjir")
    site.article(
        "mengungsi.md",
        "Warga Sungai Batang mengungsi setelah Sungai Martapura meluap ke Martapura Barat.\n",
        Title="Warga Sungai Batang Mengungsi",
        Slug="mengungsi",
        Date="2026-11-19 10:00",
        Tags="banjir, pengungsi",
    )
    site.article(
        "karet.md",
        "Harga karet di Tabalong turun ke Rp 9.000 per kilogram.\n",
        Title="Harga Karet Turun",
        Slug="karet",
        Location="Kabupaten Tabalong",
        Category="Ekonomi",
        Date="2026-06-01 08:00",
    )


def test_follow_up_is_listed_first(site: Site) -> None:
    flood_site(site)
    # A link to a static file must survive: related stories read the body before Pelican
    # knows the static files.
    site.write("images/peta-banjir.pdf", b"%PDF-1.4\n")
    site.article(
        "peta.md",
        "Peta genangan dari BPBD: [unduh]({static}/images/peta-banjir.pdf).\n",
        Title="Peta Genangan Banjir",
        Slug="peta",
        Date="2026-05-01 08:00",
        Location="Kota Palangka Raya",
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert related_titles(build, "2026/11/banjir/")[0] == "Warga Sungai Batang Mengungsi"
    assert related_titles(build, "2026/11/mengungsi/")[0] == "Sungai Martapura Meluap"


def test_pinned_slug_comes_first(site: Site) -> None:
    flood_site(site)
    site.article(
        "banjir.md", FLOOD, Title="Sungai Martapura Meluap", Slug="banjir", Related="karet"
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    assert related_titles(build, "2026/11/banjir/")[:2] == [
        "Harga Karet Turun",
        "Warga Sungai Batang Mengungsi",
    ]


def test_unknown_or_unpublished_pin_is_a_content_error(site: Site) -> None:
    flood_site(site)
    site.article("draf.md", FLOOD, Title="Draf Banjir", Slug="draf-banjir", Status="draft")
    site.article(
        "pin.md", FLOOD, Title="Banjir Susulan", Slug="susulan", Related="karett, draf-banjir"
    )
    build = site.build()
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.report_lines == [
        "content/articles/pin.md:7: Related: 'draf-banjir' is a draft story "
        "(link only published stories)",
        "content/articles/pin.md:7: Related: 'karett' is not the slug of any published story "
        "(did you mean 'karet'?)",
        "2 content problems in 1 file; nothing was written.",
    ]


def test_drafts_and_hidden_stories_are_never_listed(site: Site) -> None:
    flood_site(site)
    site.article("draf.md", FLOOD, Title="Draf Banjir", Slug="draf-banjir", Status="draft")
    site.article(
        "tersembunyi.md", FLOOD, Title="Banjir Tersembunyi", Slug="sembunyi", Status="hidden"
    )
    build = site.build()
    assert build.returncode == 0, build.stderr
    for url in ("2026/11/banjir/", "2026/11/mengungsi/", "2026/06/karet/"):
        titles = related_titles(build, url)
        assert "Draf Banjir" not in titles
        assert "Banjir Tersembunyi" not in titles


def related_heading(build: Build, url: str) -> str:
    heading = build.html(url).select_one("aside.related h2")
    assert heading is not None, url
    return heading.get_text(strip=True)


def city_news(site: Site) -> None:
    """A fire in Kelayan beside city news on other matters: nothing is related to the fire."""
    site.article(
        "kebakaran.md",
        "Api menghanguskan dua belas rumah panggung di Kelayan Dalam pada Jumat malam. Petugas "
        "pemadam memadamkan api setelah dua jam; tidak ada korban jiwa.\n",
        Title="Kebakaran Hanguskan 12 Rumah di Kelayan",
        Slug="kebakaran",
        Date="2026-11-20 21:40",
        Location="Kota Banjarmasin",
        Category="Daerah",
    )
    for slug, title, body, day in (
        ("harga-beras", "Harga Beras Medium Naik di Pasar Lima",
         "Harga beras medium di Pasar Lima naik menjadi Rp 14.000 per kilogram.", 19),
        ("harga-cabai", "Harga Cabai Rawit Naik di Pasar Lima",
         "Harga cabai rawit di Pasar Lima naik menjadi Rp 80.000 per kilogram.", 18),
        ("jembatan", "Jembatan Sungai Andai Diresmikan",
         "Wali kota meresmikan jembatan beton yang menghubungkan dua kelurahan.", 17),
        ("perpustakaan", "Perpustakaan Keliling Sambangi Sekolah",
         "Mobil perpustakaan keliling kini singgah di lima sekolah dasar setiap pekan.", 10),
    ):  # fmt: skip
        site.article(f"{slug}.md", body + "\n", Title=title, Slug=slug,
                     Date=f"2026-11-{day} 08:00", Location="Kota Banjarmasin",
                     Category="Ekonomi")  # fmt: skip


def test_a_story_with_nothing_related_names_what_its_box_lists(site: Site) -> None:
    """The fire's box lists the city's other news under a heading that says so, nearest in
    time first, never under "Baca juga"; the two price stories are related to each other. A
    story with no other from its place or region lists its desk's newest, and says so."""
    city_news(site)
    site.article(
        "tua.md",
        "Pasar Kahayan ramai menjelang hari raya.\n",
        Title="Pasar Kahayan Ramai",
        Slug="pasar",
        Date="2023-10-05 08:00",
        Location="Kota Palangka Raya",
        Category="Ekonomi",
    )
    build = site.build("WARTA_RELATED_COUNT = 3\n")
    assert build.returncode == 0, build.stderr
    city = [
        "Harga Beras Medium Naik di Pasar Lima",
        "Harga Cabai Rawit Naik di Pasar Lima",
        "Jembatan Sungai Andai Diresmikan",
    ]
    assert related_heading(build, "2026/11/kebakaran/") == "Berita lain dari Kota Banjarmasin"
    assert related_titles(build, "2026/11/kebakaran/") == city
    assert related_heading(build, "2026/11/harga-beras/") == "Baca juga"
    assert related_titles(build, "2026/11/harga-beras/") == ["Harga Cabai Rawit Naik di Pasar Lima"]
    assert related_heading(build, "2023/10/pasar/") == "Terbaru di Ekonomi"
    assert related_titles(build, "2023/10/pasar/") == city


# Two corruption trials at the Tipikor court in Banjarmasin in the same week: the same place,
# desk, tags, court, prosecutors and words of a trial. Only the defendants, their villages and
# the money are their own, each named once or twice in a story.
TRIALS = {
    "dana-desa": (
        (
            "Sidang Korupsi di Pengadilan Tipikor Banjarmasin Dibuka",
            "Majelis hakim Pengadilan Tipikor Banjarmasin membuka sidang korupsi dengan terdakwa "
            "Mahyudin Arsyad, pembakal Desa Sungai Rangas. Jaksa penuntut umum mendakwanya "
            "memakai dana desa untuk keperluan pribadi.\n\n"
            "Kerugian negara disebut mencapai Rp 1,2 miliar. Sidang dilanjutkan pekan depan.\n",
        ),
        (
            "Bendahara Bersaksi dalam Sidang Korupsi di Tipikor Banjarmasin",
            "Jaksa penuntut umum menghadirkan Rusmini Hadi, bendahara Desa Sungai Rangas, "
            "sebagai saksi dalam sidang korupsi di Pengadilan Tipikor Banjarmasin.\n\n"
            "Di depan majelis hakim, saksi mengaku mencairkan dana atas perintah terdakwa "
            "Mahyudin Arsyad. Kerugian negara dihitung auditor.\n",
        ),
        (
            "Jaksa Tuntut Terdakwa Korupsi Tujuh Tahun Penjara",
            "Jaksa penuntut umum menuntut Mahyudin Arsyad tujuh tahun penjara dalam sidang di "
            "Pengadilan Tipikor Banjarmasin. Menurut jaksa, kerugian negara Rp 1,2 miliar "
            "belum dikembalikan.\n\n"
            "Warga Sungai Rangas yang hadir meminta majelis hakim menjatuhkan hukuman berat.\n",
        ),
    ),
    "irigasi": (
        (
            "Kontraktor Irigasi Diadili di Pengadilan Tipikor Banjarmasin",
            "Sidang korupsi proyek irigasi dengan terdakwa Zulkifli Noor digelar di Pengadilan "
            "Tipikor Banjarmasin. Jaksa penuntut umum menyebut saluran di Desa Tatah Bangkal "
            "dibangun tidak sesuai kontrak.\n\n"
            "Majelis hakim memberi waktu kepada penasihat hukum untuk menanggapi dakwaan.\n",
        ),
        (
            "Ahli Konstruksi Diperiksa dalam Sidang Korupsi di Tipikor Banjarmasin",
            "Jaksa penuntut umum menghadirkan ahli konstruksi sebagai saksi. Ahli menyebut "
            "kerugian negara Rp 860 juta dari volume pekerjaan yang kurang.\n\n"
            "Konsultan pengawas Hairani Syam mengaku tidak pernah turun ke Tatah Bangkal, "
            "kata ahli di depan majelis hakim Pengadilan Tipikor Banjarmasin.\n",
        ),
        (
            "Terdakwa Korupsi Membacakan Pembelaan di Tipikor Banjarmasin",
            "Terdakwa Zulkifli Noor membacakan pembelaan dalam sidang korupsi di Pengadilan "
            "Tipikor Banjarmasin. Ia meminta majelis hakim membebaskannya dari tuntutan jaksa.\n\n"
            "Menurutnya, kerugian negara Rp 860 juta timbul karena banjir merusak saluran.\n",
        ),
    ),
}
# Stories of the same place and desk on other matters, so that words have a frequency.
OTHER_NEWS = (
    ("Harga Beras di Pasar Lima Naik", "Harga beras medium di Pasar Lima naik menjadi "
     "Rp 14.000 per kilogram, kata pedagang.\n", "Ekonomi"),
    ("Jembatan Alalak Ditutup Sementara", "Dinas PUPR menutup jembatan untuk perbaikan "
     "sambungan selama tiga hari.\n", "Daerah"),
    ("Polisi Ungkap Peredaran Sabu", "Satresnarkoba menangkap dua pengedar sabu di kawasan "
     "Kelayan. Barang bukti 40 gram.\n", "Hukum"),
    ("Sekolah Terendam, Murid Belajar di Masjid", "Murid SD belajar di masjid karena ruang "
     "kelas terendam air pasang.\n", "Pendidikan"),
)  # fmt: skip


def trial_site(site: Site) -> dict[str, set[str]]:
    """Each trial's stories a day apart, the two trials a few hours apart, beside other news of
    the city; returns each trial story's own trial (its other stories' slugs)."""
    threads: dict[str, set[str]] = {}
    for (name, stories), hour in zip(TRIALS.items(), (9, 14), strict=True):
        slugs = {f"{name}-{step}" for step in range(len(stories))}
        for step, (title, body) in enumerate(stories):
            slug = f"{name}-{step}"
            site.article(f"{slug}.md", body, Title=title, Slug=slug,
                         Date=f"2026-11-{16 + step} {hour:02}:00", Location="Kota Banjarmasin",
                         Category="Hukum", Tags="korupsi, sidang")  # fmt: skip
            threads[slug] = slugs - {slug}
    for number, (title, body, desk) in enumerate(OTHER_NEWS):
        site.article(f"lain-{number}.md", body, Title=title, Slug=f"lain-{number}",
                     Date=f"2026-11-{15 + number} 10:00", Location="Kota Banjarmasin",
                     Category=desk)  # fmt: skip
    return threads


def related_slugs(build: Build, slug: str) -> list[str]:
    links = build.html(f"2026/11/{slug}/").select(".related li a")
    return [str(a["href"]).rstrip("/").rsplit("/", 1)[-1] for a in links]


def test_look_alike_events_each_list_their_own_thread_first(site: Site) -> None:
    threads = trial_site(site)
    build = site.build()
    assert build.returncode == 0, build.stderr
    for slug, mates in threads.items():
        assert set(related_slugs(build, slug)[:2]) == mates, slug
