"""JSON-LD and Open Graph, read back with extruct as a search engine or link preview would."""

from __future__ import annotations

import json
from typing import Any

import extruct
import pytest
from bs4 import BeautifulSoup

from findability.model import script_json
from tests.sitekit import Build, SampleSite

SITE = "https://wartabanua.example/"
# The tiny site's headline (see conftest.py) as text, once its entities are read.
BREAKOUT_TEXT = "Awas </script><script>alert(1)</script> di Judul"
FLOOD = "2026/11/sungai-martapura-meluap-230-rumah-terendam/"
SYNDICATED = "2026/09/asap-karhutla-jam-masuk-sekolah-diundur/"


def extract(sample: SampleSite, url: str) -> dict[str, Any]:
    html = (sample.output / url / "index.html").read_text(encoding="utf-8")
    data: dict[str, Any] = {}
    data.update(
        extruct.extract(html, base_url=SITE + url, syntaxes=["json-ld", "opengraph"], uniform=True)
    )
    return data


def of_type(data: dict[str, Any], kind: str) -> dict[str, Any]:
    found = [item for item in data["json-ld"] if item.get("@type") == kind]
    assert len(found) == 1, [item.get("@type") for item in data["json-ld"]]
    item: dict[str, Any] = found[0]
    return item


def test_news_article_of_a_corrected_story(sample: SampleSite) -> None:
    data = extract(sample, FLOOD)
    article = of_type(data, "NewsArticle")
    assert article["headline"] == "Sungai Martapura Meluap, 230 Rumah di Kabupaten Banjar Terendam"
    assert article["datePublished"] == "2026-11-10T07:45:00+08:00"
    assert article["dateModified"] == "2026-11-11T09:15:00+08:00"
    assert article["author"] == [
        {"@type": "Person", "name": "Siti Aisyah Noor", "url": SITE + "penulis/siti-aisyah-noor/"},
        {"@type": "Person", "name": "Rahmat Hidayat", "url": SITE + "penulis/rahmat-hidayat/"},
    ]
    ratios = [round(image["width"] / image["height"], 2) for image in article["image"]]
    assert ratios == [1.78, 1.33, 1.0]  # 16:9, 4:3, 1:1 (crops are never enlarged)
    assert all(image["url"].startswith(SITE + "images/") for image in article["image"])
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Warta Banua"
    assert publisher["logo"]["url"] == SITE + "theme/img/logo.jpeg"
    assert (sample.output / "theme/img/logo.jpeg").is_file()
    assert article["articleSection"] == "Lingkungan"
    place = article["contentLocation"]
    assert place["@type"] == "Place"
    assert place["name"] == "Kabupaten Banjar"
    assert place["containedInPlace"]["name"] == "Kalimantan Selatan"
    assert place["containedInPlace"]["containedInPlace"]["name"] == "Indonesia"
    assert article["dateline"] == "MARTAPURA"
    assert "isBasedOn" not in article
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Versi sebelumnya menyebut 320 rumah terendam. Menurut data BPBD Kabupaten "
            "Banjar, jumlah yang benar adalah 230 rumah.",
            "datePublished": "2026-11-11T09:00:00+08:00",
        }
    ]
    crumbs = of_type(data, "BreadcrumbList")["itemListElement"]
    assert [step["item"] for step in crumbs] == [SITE, SITE + "kategori/lingkungan/", SITE + FLOOD]


def test_open_graph_of_a_story(sample: SampleSite) -> None:
    og = extract(sample, FLOOD)["opengraph"][0]
    assert og["@type"] == "article"  # extruct's uniform form moves og:type here
    assert og["og:url"] == SITE + FLOOD
    assert og["og:title"].startswith("Sungai Martapura Meluap")
    assert og["og:image"].endswith("-og.jpg")
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["article:published_time"] == "2026-11-10T07:45:00+08:00"
    page = sample.pages[sample.output / FLOOD / "index.html"]
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"  # type: ignore[index]


def test_syndicated_story_credits_and_points_to_the_original(sample: SampleSite) -> None:
    data = extract(sample, SYNDICATED)
    article = of_type(data, "NewsArticle")
    original = "https://suarakahayan.example/2026/09/03/asap-pekat-jam-masuk-sekolah-diundur"
    assert article["isBasedOn"] == {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": "Suara Kahayan"},
        "url": original,
    }
    assert article["contentLocation"]["containedInPlace"]["name"] == "Kalimantan Tengah"
    assert article["dateline"] == "PALANGKA RAYA"
    assert data["opengraph"][0]["og:url"] == original
    page = sample.pages[sample.output / SYNDICATED / "index.html"]
    assert page.select_one('link[rel="canonical"]')["href"] == original  # type: ignore[index]
    assert page.select_one('meta[name="robots"]') is None


def test_noindex_setting_keeps_the_copy_out_of_search(tiny: Build) -> None:
    page = tiny.html("2026/11/salinan/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"  # type: ignore[index]
    assert page.select_one('link[rel="canonical"]')["href"] == SITE + "2026/11/salinan/"  # type: ignore[index]


def test_story_without_photo_falls_back_to_the_site_card(tiny: Build) -> None:
    page = tiny.html("2026/11/hari-ini/")
    assert page.select_one('meta[property="og:image"]')["content"] == SITE + "theme/img/card.jpeg"  # type: ignore[index]


def test_script_in_a_headline_cannot_break_out(tiny: Build) -> None:
    html = (tiny.output / "2026/11/judul-berbahaya/index.html").read_text(encoding="utf-8")
    scripts = BeautifulSoup(html, "lxml").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    text = scripts[0].string or ""
    assert "</" not in text
    assert "<script" not in text
    data = json.loads(text)
    assert data[0]["headline"] == BREAKOUT_TEXT
    assert data[1]["itemListElement"][2]["name"] == BREAKOUT_TEXT
    og_title = BeautifulSoup(html, "lxml").select_one('meta[property="og:title"]')
    assert og_title is not None
    assert og_title["content"] == BREAKOUT_TEXT


def test_script_json_escapes_what_ends_a_script() -> None:
    text = str(script_json({"a": "</script><!-- & \u2028"}))
    assert not {"<", ">", "&", "\u2028"} & set(text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_home_page_offers_site_search(sample: SampleSite) -> None:
    data = extract(sample, "")
    site = of_type(data, "WebSite")
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == SITE + "cari/?q={search_term_string}"
    assert (sample.output / "cari" / "index.html").is_file()


@pytest.mark.parametrize("kind", ["og:title", "og:url", "og:image", "og:type"])
def test_every_page_has_a_card_and_a_canonical(sample: SampleSite, kind: str) -> None:
    for path, page in sample.pages.items():
        if path.parent.name == "pagefind" or "pagefind" in path.parts:
            continue
        canonical = page.select_one('link[rel="canonical"]')
        assert canonical is not None, path
        assert str(canonical["href"]).startswith("https://"), path
        if page.select_one('meta[http-equiv="refresh"]') is not None:
            continue  # an old address that leads on: no card, its canonical is where it leads
        assert page.select_one(f'meta[property="{kind}"]') is not None, path
