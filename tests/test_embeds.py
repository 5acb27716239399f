"""Videos and social posts without trackers: a YouTube, Vimeo, X, Instagram, TikTok or Facebook
address alone on a line becomes a card that loads the service's player only when clicked.

The recogniser is tested on addresses as writers paste them and as attackers craft them; the
rest on small sites built with the real `pelican` command, read with a parser, the Nu Html
Checker, feedparser, and Debian's headless Chromium watching every request the page makes.
"""

from __future__ import annotations

import re
import time

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser import chromium, requested, served
from tests.sitekit import Build, Site, text_of
from tests.test_html_validity import describe, validate
from warta.commands.publish import headers_for, page_frames
from warta.embeds import FRAME_ORIGINS, recognise

VIDEO = "dQw4w9WgXcQ"
BUDGET_BODY = f"""Rapat paripurna DPRD membahas rancangan anggaran 2027.

[Rapat paripurna APBD 2027](https://www.youtube.com/watch?v={VIDEO}&t=1m30s)

Tanggapan warga di media sosial:

https://x.com/wartabanua/status/1861234567890123456

<https://www.tiktok.com/@wartabanua/video/7301234567890123456>

https://www.youtube.com/@dprdbanjarmasin tetap tautan biasa.

https://example.com/video/123
"""


@pytest.mark.parametrize(
    ("address", "service", "link", "player"),
    [
        (
            f"https://youtu.be/{VIDEO}?t=42",
            "youtube",
            f"https://www.youtube.com/watch?v={VIDEO}&t=42s",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1&start=42",
        ),
        (
            f"https://m.youtube.com/shorts/{VIDEO}",
            "youtube",
            f"https://www.youtube.com/watch?v={VIDEO}",
            f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1",
        ),
        (
            "https://vimeo.com/76979871/8272103f6e",
            "vimeo",
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8272103f6e",
        ),
        (
            "https://twitter.com/kabarbanua/status/1861?s=20",
            "x",
            "https://x.com/kabarbanua/status/1861",
            "https://platform.twitter.com/embed/Tweet.html?id=1861&dnt=true",
        ),
        (
            "https://www.instagram.com/reel/Cxyz12345/?igsh=abc",
            "instagram",
            "https://www.instagram.com/reel/Cxyz12345/",
            "https://www.instagram.com/reel/Cxyz12345/embed/",
        ),
        (
            "https://www.tiktok.com/@kabar.banua/video/7301234567890123456?lang=id",
            "tiktok",
            "https://www.tiktok.com/@kabar.banua/video/7301234567890123456",
            "https://www.tiktok.com/embed/v2/7301234567890123456",
        ),
        (
            "https://m.facebook.com/kabarbanua/videos/123456789",
            "facebook",
            "https://www.facebook.com/kabarbanua/videos/123456789",
            "https://www.facebook.com/plugins/video.php?href="
            "https%3A%2F%2Fwww.facebook.com%2Fkabarbanua%2Fvideos%2F123456789",
        ),
    ],
)
def test_a_pasted_address_becomes_the_services_link_and_player(
    address: str, service: str, link: str, player: str
) -> None:
    embed = recognise(address)
    assert embed is not None
    assert (embed.service, embed.link, embed.player) == (service, link, player)
    assert embed.title == ""  # no title written: the card says what it is, not the address


@pytest.mark.parametrize(
    "address",
    [
        f"https://youtube.com.evil.example/watch?v={VIDEO}",  # a look-alike host
        f"https://www.youtube.com@evil.example/watch?v={VIDEO}",  # a host behind a user name
        f"https://evil.example/?u=https://youtu.be/{VIDEO}",
        f"https://www.youtube.com:8443/watch?v={VIDEO}",  # another port is another server
        f"javascript:alert(1)//https://youtu.be/{VIDEO}",
        f"ftp://youtu.be/{VIDEO}",
        'https://www.youtube.com/watch?v=dQw4w9WgXc"><script>',  # not an identifier
        "https://www.youtube.com/channel/UCxyz",  # a channel, not a video
        "https://vimeo.com/channels/staffpicks",
        "https://x.com/kabarbanua",  # a profile, not a post
        "https://x.com/kabarbanua/status/12a",
        "https://www.instagram.com/kabarbanua/",
        "https://vm.tiktok.com/ZMabc123/",  # a short link: only fetching it would tell the post
        "https://www.facebook.com/kabarbanua",
        "https://[::1/",  # unreadable
    ],
)
def test_anything_else_stays_a_link(address: str) -> None:
    assert recognise(address) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["https://youtu.be/", "https://x.com/a/status/"]))
def test_no_written_character_reaches_a_player_but_a_checked_identifier(
    tail: str, start: str
) -> None:
    embed = recognise(start + tail)
    if embed is None:
        return
    assert embed.player.startswith(FRAME_ORIGINS[embed.service] + "/")
    assert re.fullmatch(r"[A-Za-z0-9:/?=&._%@-]+", embed.player), embed.player
    assert re.fullmatch(r"[A-Za-z0-9:/?=&._%@-]+", embed.link), embed.link


def budget_site(site: Site) -> Build:
    site.article("apbd.md", BUDGET_BODY, Title="Debat APBD 2027", Slug="apbd")
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    built = site.build()
    assert built.returncode == 0, built.stderr
    return built


def page_policy(page: BeautifulSoup) -> dict[str, str]:
    meta = page.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None
    return dict(part.strip().split(" ", 1) for part in str(meta["content"]).split(";"))


def test_links_alone_on_a_line_become_cards_in_place_and_nothing_is_framed(site: Site) -> None:
    built = budget_site(site)
    page = built.html("2026/11/apbd/")
    body = page.select_one(".story-body")
    assert body is not None
    assert not page.find_all(["iframe", "object", "embed"])
    cards = body.select("figure.embed a.embed-card")
    assert [(card["href"], text_of(card, ".embed-service")) for card in cards] == [
        (f"https://www.youtube.com/watch?v={VIDEO}&t=90s", "YouTube"),
        ("https://x.com/wartabanua/status/1861234567890123456", "X"),
        ("https://www.tiktok.com/@wartabanua/video/7301234567890123456", "TikTok"),
    ]
    assert (
        cards[0]["data-player"]
        == f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1&start=90"
    )
    assert text_of(cards[0], ".embed-title") == "Rapat paripurna APBD 2027"
    # A bare address: the service's name and what it is, never the raw address.
    assert text_of(cards[1], ".embed-title") == "Lihat unggahan @wartabanua"
    assert cards[1]["data-frame-title"] == "X: Lihat unggahan @wartabanua"
    assert text_of(cards[2], ".embed-title") == "Lihat unggahan @wartabanua"
    assert not any("http" in text_of(card, ".embed-text") for card in cards)
    assert "videonya" in text_of(cards[0], ".embed-note")
    assert "unggahannya" in text_of(cards[1], ".embed-note")
    # In the order written, between the paragraphs around them; other addresses stay text.
    blocks = [child.name for child in body.find_all(recursive=False)]
    assert blocks == ["p", "figure", "p", "figure", "figure", "p", "p"]
    assert body.find_all("p")[-1].get_text() == "https://example.com/video/123"
    assert "MARTAPURA, WARTA BANUA" in text_of(body, "p")
    scripts = [str(script["src"]).rsplit("/", 1)[-1] for script in page.select("script[src]")]
    assert "embed.js" in scripts


def test_only_a_page_with_players_may_frame_them_and_only_its_own(site: Site) -> None:
    built = budget_site(site)
    policy = page_policy(built.html("2026/11/apbd/"))
    assert policy["frame-src"].split() == sorted(
        [FRAME_ORIGINS["x"], FRAME_ORIGINS["tiktok"], FRAME_ORIGINS["youtube"]]
    )
    assert "youtube.com" not in policy["frame-src"].replace("youtube-nocookie.com", "")
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # no service's script, ever
    for other in ("2026/11/pasar/", "", "kategori/budaya/"):
        assert page_policy(built.html(other))["frame-src"] == "'none'", other
        assert not built.html(other).select("script[src$='embed.js']")
    # A host applies _headers and the page's own policy together: _headers allows the players
    # some page has; a site without any frames nothing.
    pages = [path.read_text(encoding="utf-8") for path in built.output.rglob("*.html")]
    frames = set().union(*(page_frames(text) for text in pages))
    assert frames == {FRAME_ORIGINS[name] for name in ("x", "tiktok", "youtube")}
    assert f"frame-src {' '.join(sorted(frames))};" in headers_for({}, frames)
    assert "frame-src 'none';" in headers_for({}, ())


def test_a_title_with_markup_is_text_on_the_card(site: Site) -> None:
    body = (
        'Pembuka.\n\n[<svg onload=alert(1)></svg> "Rapat" & <b>DPRD</b>]'
        f"(https://youtu.be/{VIDEO})\n\n"
        f'<p><a href="https://vimeo.com/42" onclick="alert(2)">Vimeo &lt;script&gt;</a></p>\n'
        f"\nhttps://www.youtube.com/watch?v={VIDEO}\n"
    )
    site.article("rapat.md", body, Title="Rapat", Slug="rapat")
    built = site.build()
    assert built.returncode == 0, built.stderr
    page = built.html("2026/11/rapat/")
    cards = page.select("a.embed-card")
    assert len(cards) == 3
    assert not page.select("[onload], [onclick], .story-body svg, .story-body b")
    assert text_of(cards[0], ".embed-title") == "“Rapat” & DPRD"
    assert text_of(cards[1], ".embed-title") == "Vimeo <script>"
    assert cards[1]["data-frame-title"] == "Vimeo: Vimeo <script>"
    # A bare video address: the service and a readable label, not the address.
    assert text_of(cards[2], ".embed-service") == "YouTube"
    assert text_of(cards[2], ".embed-title") == "Tonton video"
    assert cards[2]["data-frame-title"] == "YouTube: Tonton video"
    assert "<script>" not in str(page.select_one(".story-body")).replace("&lt;script&gt;", "")


def test_feeds_carry_a_plain_link_to_the_post(site: Site) -> None:
    built = budget_site(site)
    feed = feedparser.parse((built.output / "feeds" / "semua.atom.xml").read_bytes())
    entry = next(item for item in feed.entries if item.title == "Debat APBD 2027")
    content = BeautifulSoup(entry.content[0].value, "lxml")
    links = [(link["href"], link.get_text()) for link in content.find_all("a")]
    assert (f"https://www.youtube.com/watch?v={VIDEO}&t=90s", "Rapat paripurna APBD 2027") in links
    assert "(YouTube)" in content.get_text()
    assert not content.select("[data-player], iframe, script")


def test_cards_are_valid_html(site: Site) -> None:
    built = budget_site(site)
    page = built.output / "2026" / "11" / "apbd" / "index.html"
    assert [describe(message, built.output) for message in validate([page])] == []


def test_no_request_leaves_the_site_until_the_reader_clicks(site: Site) -> None:
    built = budget_site(site)
    with served(built.output) as base, chromium(network_log=True) as driver:
        driver.get(f"{base}2026/11/apbd/")
        cards = driver.find_elements(By.CSS_SELECTOR, "a.embed-card")
        assert len(cards) == 3
        assert cards[0].is_displayed()
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        time.sleep(0.5)  # let anything lazy start: nothing may, as nothing leaves the site
        before = requested(driver)
        assert before, "the page made no request at all: the log is not working"
        assert [url for url in before if not url.startswith((base, "data:"))] == []
        # The keyboard works as the mouse does: Enter on the focused card starts the player.
        cards[0].send_keys(Keys.ENTER)
        frame = driver.find_element(By.CSS_SELECTOR, "figure.embed iframe.embed-frame")
        assert frame.get_attribute("src") == (
            f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1&start=90"
        )
        assert frame.get_attribute("title") == "YouTube: Rapat paripurna APBD 2027"
        assert driver.switch_to.active_element == frame
        after = [url for url in requested(driver) if not url.startswith((base, "data:"))]
        assert after
        assert all(url.startswith(FRAME_ORIGINS["youtube"] + "/") for url in after)
        # The other cards still wait for their own click.
        assert len(driver.find_elements(By.CSS_SELECTOR, "a.embed-card")) == 2


def test_a_static_page_plays_a_video_the_same_way(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    site.write(
        "pages/tentang-kami.md",
        "Title: Tentang Kami\n\nProfil redaksi dalam video:\n\nhttps://vimeo.com/76979871\n",
    )
    built = site.build()
    assert built.returncode == 0, built.stderr
    page = built.html("tentang-kami/")
    card = page.select_one("article.static-page figure.embed-video a.embed-card")
    assert card is not None
    assert card["data-player"] == "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"
    assert page_policy(page)["frame-src"] == FRAME_ORIGINS["vimeo"]
    assert page.select("script[src$='js/embed.js']")


def test_a_live_update_plays_its_video_in_its_own_place(site: Site) -> None:
    site.article(
        "langsung.md",
        "Laporan dari tanggul.\n\n## 06.10 Air naik\n\nAir naik di pos pantau.\n\n"
        f"## 07.45 Rekaman warga\n\n[Video warga di tanggul](https://youtu.be/{VIDEO})\n",
        Title="Banjir Martapura",
        Slug="langsung",
        Date="2026-11-20 06:00",
        Live="ended",
    )
    built = site.build('WARTA_BUILD_TIME = "2026-11-21T09:00"\n')
    assert built.returncode == 0, built.stderr
    page = built.html("2026/11/langsung/")
    updates = page.select("article.live-update")
    assert [len(update.select("a.embed-card")) for update in updates] == [1, 0]
    assert "<!--warta-embed" not in str(page)
    assert page_policy(page)["frame-src"] == FRAME_ORIGINS["youtube"]
