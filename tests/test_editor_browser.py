"""The newsroom editor as a reporter uses it: `warta serve`, /admin/ in real headless Chromium,
a story written with every kind of field, saved to the local folder, checked and built.

One browser and one preview serve the whole module: the story is written on a desktop screen,
then another on a phone's (mobile emulation of the same browser). Each run checks that the
file is where `warta new` would put it and exactly as it would write it, that `warta check`
passes it, that its page shows every field, that a new headline keeps the address, and that
the editor refuses to save a photo without alt text.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil
import pytest
from bs4 import BeautifulSoup
from newsroom_model.dates import date_label
from newsroom_model.header import FieldValue, split_source
from newsroom_model.settings import DEFAULTS as MODEL_DEFAULTS
from newsroom_model.starter import PLACEHOLDER, guide_of, story_text
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import chromium, requested
from tests.sitekit import REPO, Site, run_module, warta_serve
from warta.messages import load_translations

BOUND = 60  # seconds any one thing may take before the test gives up
TIMEZONE = ZoneInfo("Asia/Makassar")
SUBSTITUTIONS = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
CATALOGUE = load_translations(REPO / "theme" / "translations", "id")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
# For a reviewer: the editor with a story written, on each screen.
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


@dataclass(frozen=True)
class Photo:
    file: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Draft:
    """What a reporter types into the editor for one story."""

    title: str
    new_title: str
    desk: str
    place: str
    staff: str
    guest: str
    tags: tuple[str, ...]
    lead: Photo
    paragraphs: tuple[str, ...]
    gallery_title: str
    gallery: tuple[Photo, ...]
    video: str
    video_title: str


DESKTOP_STORY = Draft(
    title='Warga Sungai Jingah Gotong Royong Bersihkan Saluran "Air"',
    new_title="Warga Sungai Jingah Bersihkan Dua Kilometer Saluran",
    desk="Lingkungan",
    place="Kota Banjarmasin",
    staff="Siti Aisyah Noor",
    guest="Nur Hidayah (kontributor)",
    tags=("banjir", "kerja bakti"),
    lead=Photo("saluran.jpg", "Warga mencangkul lumpur di saluran air", "Kerja bakti Minggu pagi.",
               "Warta Banua/Siti Aisyah Noor"),
    paragraphs=("Puluhan warga Sungai Jingah membersihkan saluran sepanjang dua kilometer.",
                "Ketua RT setempat mengatakan air kini lebih cepat surut."),
    gallery_title="Kerja bakti di Sungai Jingah",
    gallery=(Photo("lumpur.jpg", "Warga mengangkat lumpur dengan ember", "Lumpur diangkat.",
                   "Warta Banua/Rahmat"),
             Photo("sampah.jpg", "Anak-anak membawa karung sampah", "Anak-anak membantu.", "")),
    video="https://www.youtube.com/watch?v=Wb7pQx3LmKe",
    video_title="Rekaman kerja bakti",
)  # fmt: skip
PHONE_STORY = Draft(
    title="Pasar Terapung Lok Baintan Kembali Ramai Setelah Banjir",
    new_title="Pedagang Jukung Kembali ke Lok Baintan",
    desk="Ekonomi",
    place="Kabupaten Banjar",
    staff="Rahmat Hidayat",
    guest="Tamu Redaksi",
    tags=("pasar terapung",),
    lead=Photo("jukung.jpg", "Jukung berisi sayur di sungai", "Pedagang menawarkan sayur.",
               "Warta Banua/Rahmat Hidayat"),
    paragraphs=("Puluhan jukung kembali memadati Sungai Martapura sejak subuh.",),
    gallery_title="Pagi di Lok Baintan",
    gallery=(Photo("buah.jpg", "Jukung bermuatan buah jeruk", "Jeruk dari hulu.", ""),),
    video="https://vimeo.com/123456789",
    video_title="Suasana pasar pagi",
)  # fmt: skip


def wait(browser: webdriver.Chrome, check: Callable[[webdriver.Chrome], Any], what: str) -> Any:
    def attempt(driver: webdriver.Chrome) -> Any:
        try:
            return check(driver)
        except (NoSuchElementException, StaleElementReferenceException):
            return False

    return WebDriverWait(browser, BOUND, poll_frequency=0.1).until(attempt, f"waiting for {what}")


def until(check: Callable[[], Any], what: str) -> Any:
    """Poll `check` (a file, a page) until it answers; the preview and the editor run apart."""
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        try:
            found = check()
        except (OSError, urllib.error.URLError):
            found = None
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"gave up after {BOUND} s waiting for {what}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - the local preview
        return str(answer.read().decode("utf-8"))


def field(browser: webdriver.Chrome, name: str, *, last: bool = False) -> WebElement:
    """The control of the form for field `name` (Decap numbers its ids): the story's own, or
    with `last` the newest one, in the editor component just added to the body."""
    found: list[WebElement] = wait(
        browser,
        lambda b: b.find_elements(By.CSS_SELECTOR, f'[id^="{name}-field-"]:not(datalist)'),
        name,
    )
    return found[-1 if last else 0]


def button(browser: webdriver.Chrome, text: str) -> WebElement:
    found: list[WebElement] = wait(
        browser,
        lambda b: [
            e
            for e in b.find_elements(By.XPATH, f'//*[normalize-space(text())="{text}"]')
            if e.is_displayed()
        ],
        f"'{text}'",
    )
    return found[-1]


def click(browser: webdriver.Chrome, element: WebElement) -> None:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    try:
        element.click()
    except ElementClickInterceptedException:
        browser.execute_script("arguments[0].click()", element)


def type_into(browser: webdriver.Chrome, element: WebElement, *keys: str) -> None:
    """Type into `element` once it holds the focus, so no keystroke lands elsewhere."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", element
    )
    wait(browser, lambda b: b.switch_to.active_element == element, "the focus")
    for key in keys:
        element.send_keys(key)


def choose(browser: webdriver.Chrome, name: str, value: str) -> None:
    """A searchable select: type part of the choice, take the first it offers."""
    control = field(browser, name)
    type_into(browser, control, value)
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '[id*="-option-"]'), f"{name} options")
    control.send_keys(Keys.ENTER)


def upload(browser: webdriver.Chrome, chooser: WebElement, photo: Path) -> None:
    """Pick a photo through Decap's media library: upload it, then use it."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", chooser)
    browser.execute_script("arguments[0].click()", chooser)
    files = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "input[type=file]"), "upload")
    files[0].send_keys(str(photo))
    use = button(browser, "Pakai yang dipilih")
    wait(browser, lambda b: use.is_enabled(), "the uploaded photo")
    click(browser, use)
    # The media library closes over 300 ms (react-modal's closeTimeoutMS) and then hands the
    # focus back to where it was before it opened; typing before then sends the keys there.
    wait(
        browser,
        lambda b: (
            not b.find_elements(By.CSS_SELECTOR, ".ReactModal__Overlay, .ReactModal__Body--open")
        ),
        "the media library to close",
    )


def insert(browser: webdriver.Chrome, component: str) -> None:
    """Add an editor component to the body through the toolbar's 'Sisipkan' menu."""
    click(browser, browser.find_element(By.CSS_SELECTOR, '[title="Sisipkan"]'))
    click(browser, button(browser, component))


def save(browser: webdriver.Chrome) -> None:
    click(browser, button(browser, "Simpan"))
    click(browser, button(browser, "Simpan sekarang"))


@dataclass
class Preview:
    site: Site
    base: str
    conf: Path
    photos: Path


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """A small newsroom in `warta serve`, with the local editor."""
    site = Site(tmp_path_factory.mktemp("newsroom"))
    for name, title, tags in (
        ("banjir.md", "Banjir Merendam Sungai Jingah", "banjir, sungai martapura"),
        ("pasar.md", "Harga Cabai di Pasar Lama Naik", "banjir, harga"),
    ):
        site.article(name, Title=title, Tags=tags, Slug=name.removesuffix(".md"))
    # The editor speaks the language of the newsroom's messages, Indonesian here.
    conf = site.settings_file('WARTA_MESSAGES_LANG = "id"')
    photos = site.root / "photos"
    photos.mkdir()
    for index, photo in enumerate(
        [DESKTOP_STORY.lead, *DESKTOP_STORY.gallery, PHONE_STORY.lead, *PHONE_STORY.gallery]
    ):
        Image.new("RGB", (900, 600), (40 * index % 255, 90, 120)).save(photos / photo.file)
    with warta_serve(site.root, conf) as (base, server):
        until(lambda: "Harga Cabai" in fetch(f"{base}/2026/11/pasar/"), "the first build")
        yield Preview(site, base, conf, photos)
        helpers = psutil.Process(server.pid).children(recursive=True)
        assert any("decap-server" in " ".join(helper.cmdline()) for helper in helpers)
    # decap-server ends with the preview, even when a signal ends the preview.
    _, alive = psutil.wait_procs(helpers, timeout=10)
    assert alive == []


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium("--window-size=1280,900", network_log=True) as driver:
        yield driver


def open_editor(browser: webdriver.Chrome, preview: Preview) -> None:
    browser.get(f"{preview.base}/admin/")
    click(browser, button(browser, "Masuk"))
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, 'a[href$="/new"]'), "the stories")


def write(browser: webdriver.Chrome, preview: Preview, draft: Draft) -> None:
    """Type the whole story into a new entry, then save it."""
    browser.get(f"{preview.base}/admin/#/collections/articles/new")
    type_into(browser, field(browser, "title"), draft.title)
    choose(browser, "category", draft.desk)
    choose(browser, "location", draft.place)
    bylines = field(browser, "authors")
    # A staff byline is offered as the reporter types; any other name is taken as written.
    type_into(browser, bylines, draft.staff, Keys.ENTER, draft.guest, Keys.ENTER)
    tags = field(browser, "tags")
    for tag in draft.tags:
        type_into(browser, tags, tag, Keys.ENTER)
    upload(browser, button(browser, "Pilih foto"), preview.photos / draft.lead.file)
    type_into(browser, field(browser, "imagealt"), draft.lead.alt)
    type_into(browser, field(browser, "imagecaption"), draft.lead.caption)
    type_into(browser, field(browser, "imagecredit"), draft.lead.credit)
    body = browser.find_element(By.CSS_SELECTOR, '[data-slate-editor="true"]')
    click(browser, body)
    for paragraph in draft.paragraphs:
        body.send_keys(paragraph, Keys.ENTER)
    insert(browser, "Galeri foto")
    type_into(browser, field(browser, "title", last=True), draft.gallery_title)
    for photo in draft.gallery:
        click(browser, button(browser, "Tambah foto"))
        upload(browser, button(browser, "Pilih foto"), preview.photos / photo.file)
        type_into(browser, field(browser, "alt", last=True), photo.alt)
        type_into(browser, field(browser, "caption", last=True), photo.caption)
        if photo.credit:
            type_into(browser, field(browser, "credit", last=True), photo.credit)
    insert(browser, "Video atau unggahan media sosial")
    type_into(browser, field(browser, "url", last=True), draft.video)
    type_into(browser, field(browser, "title", last=True), draft.video_title)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(
        str(SCREENSHOTS / f"editor-{slugify(draft.title, SUBSTITUTIONS)[:30]}.png")
    )
    save(browser)
    wait(browser, lambda b: "/entries/" in b.current_url, "the saved story")


def saved_story(preview: Preview, draft: Draft) -> Path:
    """The story's file: named from its first headline as `warta new` names it, in the
    folder of its month."""
    name = slugify(draft.title, SUBSTITUTIONS) + ".md"
    found: list[Path] = until(
        lambda: list((preview.site.content / "articles").glob(f"*/*/{name}")), f"{name} saved"
    )
    assert len(found) == 1
    return found[0]


def check_file(path: Path, draft: Draft) -> dict[str, Any]:
    """The file is exactly what `warta new`'s writer makes of its fields and body."""
    text = path.read_text(encoding="utf-8")
    split = split_source(text, str(path))
    fields = {raw.name: raw.value for raw in split.fields}
    datelines = {"Kota Banjarmasin": "BANJARMASIN", "Kabupaten Banjar": "MARTAPURA"}
    assert text == story_text(fields, split.body, guide_of(CATALOGUE), TIMEZONE, datelines)
    year, month = path.parent.parent.name, path.parent.name
    assert str(fields["date"]).startswith(f"{year}-{month}-")
    assert fields["title"] == draft.title
    assert fields["category"] == draft.desk
    assert fields["location"] == draft.place
    assert fields["authors"] == [draft.staff, draft.guest]
    assert fields["tags"] == list(draft.tags)
    assert fields["imagealt"] == draft.lead.alt
    assert fields["imagecredit"] == draft.lead.credit
    assert f"::: galeri {draft.gallery_title}\n" in split.body
    assert f"[{draft.video_title}]({draft.video})" in split.body
    return fields


def check_page(preview: Preview, path: Path, draft: Draft, title: str) -> BeautifulSoup:
    """The story's page in the preview shows every field the reporter gave."""
    address = f"{preview.base}/{path.parent.parent.name}/{path.parent.name}/{path.stem}/"

    def with_title() -> BeautifulSoup | None:
        page = BeautifulSoup(fetch(address), "lxml")
        headline = page.select_one("h1.story-title")
        return page if headline is not None and headline.get_text(strip=True) == title else None

    page: BeautifulSoup = until(with_title, f"{address} with its headline")
    assert draft.place in page.select_one(".story-location").get_text()  # type: ignore[union-attr]
    byline = page.select_one(".story-byline").get_text(" ")  # type: ignore[union-attr]
    assert draft.staff in byline
    assert draft.guest in byline
    assert [tag.get_text(strip=True) for tag in page.select(".story-tags li")] == list(draft.tags)
    figure = page.select_one("figure.story-figure")
    assert figure is not None
    assert figure.select_one("img")["alt"] == draft.lead.alt  # type: ignore[index]
    assert draft.lead.caption in figure.get_text()
    assert draft.lead.credit in figure.get_text()
    gallery = page.select_one("section.gallery")
    assert gallery is not None
    assert [img["alt"] for img in gallery.select("img")] == [p.alt for p in draft.gallery]
    assert draft.gallery_title in gallery.get_text()
    card = page.select_one(".embed-card")
    assert card is not None
    assert draft.video_title in card.get_text()
    section = page.select_one('meta[property="article:section"]')
    assert section is not None
    assert section["content"] == draft.desk
    return page


def new_headline(browser: webdriver.Chrome, path: Path, draft: Draft) -> None:
    """Rewrite the headline in the editor and save: the story keeps its file, so its address."""
    before = sorted((path.parent.parent.parent).rglob("*.md"))
    headline = field(browser, "title")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", headline)
    headline.send_keys(Keys.CONTROL, "a")
    headline.send_keys(Keys.BACKSPACE, draft.new_title)
    save(browser)
    until(lambda: f'title: "{draft.new_title}"' in path.read_text("utf-8"), "the new headline")
    assert sorted((path.parent.parent.parent).rglob("*.md")) == before


def refuse_without_alt(browser: webdriver.Chrome, path: Path) -> None:
    """A photo without alt text: the editor names the field and writes nothing."""
    before = path.read_bytes()
    alt = field(browser, "imagealt")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", alt)
    alt.send_keys(Keys.CONTROL, "a")
    alt.send_keys(Keys.BACKSPACE)
    click(browser, button(browser, "Simpan"))
    click(browser, button(browser, "Simpan sekarang"))
    wait(browser, lambda b: "Wajib diisi bila Foto utama diisi." in b.page_source, "the refusal")
    assert "Belum disimpan".upper() in browser.find_element(By.TAG_NAME, "body").text.upper()
    assert path.read_bytes() == before


def check_story(preview: Preview, path: Path) -> None:
    done = run_module(preview.site.root, "warta", "-s", str(preview.conf), "check")
    assert done.returncode == 0, done.stderr
    assert " 0 galat," in done.stderr  # "0 errors", in the site's language


def test_a_story_written_in_the_editor_on_a_desktop(
    browser: webdriver.Chrome, preview: Preview
) -> None:
    requested(browser)
    open_editor(browser, preview)
    write(browser, preview, DESKTOP_STORY)
    # Everything the editor loaded came from the site: no CDN, no font service, no update check.
    elsewhere = [
        url for url in requested(browser) if not url.startswith((preview.base, "blob:", "data:"))
    ]
    assert elsewhere == []
    path = saved_story(preview, DESKTOP_STORY)
    check_file(path, DESKTOP_STORY)
    check_story(preview, path)
    check_page(preview, path, DESKTOP_STORY, DESKTOP_STORY.title)
    new_headline(browser, path, DESKTOP_STORY)
    check_page(preview, path, DESKTOP_STORY, DESKTOP_STORY.new_title)
    refuse_without_alt(browser, path)


def test_a_story_written_in_the_editor_on_a_phone(
    browser: webdriver.Chrome, preview: Preview
) -> None:
    """The same, in the same browser made a 390 px phone: a fresh phone, so no stored choice."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    browser.get(f"{preview.base}/admin/")
    browser.execute_script("localStorage.clear()")
    open_editor(browser, preview)
    browser.get(f"{preview.base}/admin/#/collections/articles/new")
    field(browser, "title")
    width = browser.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1] == PHONE["width"], "the editor is wider than the phone"
    write(browser, preview, PHONE_STORY)
    path = saved_story(preview, PHONE_STORY)
    check_file(path, PHONE_STORY)
    check_page(preview, path, PHONE_STORY, PHONE_STORY.title)
    new_headline(browser, path, PHONE_STORY)
    check_page(preview, path, PHONE_STORY, PHONE_STORY.new_title)
    refuse_without_alt(browser, path)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


TITLES = (
    "Banjir Rendam 300 Rumah di Martapura",
    "Harga “Cabai” Naik – Pedagang Resah…",
    "Café Rakyat: Rp 1,5 Miliar untuk UMKM",
    "Ñandú & <b>Straße</b> &amp; Œuvre",
    "  Spasi   berlebih\tdi judul  ",
    "Kata-kata---dengan---strip",
)
FIELD_SETS: tuple[dict[str, FieldValue], ...] = (
    {"title": "Banjir", "date": "2026-11-10 07.45", "category": "Politik",
     "location": "Kota Banjarmasin", "authors": ["Siti Aisyah Noor"]},
    {"title": 'Judul "kutip" \\ garis miring', "date": "2026-11-10T07:45+07:00",
     "category": "Hukum", "location": "Tempat: Aneh #1", "authors": ["A, B", "Ç"],
     "tags": "banjir, bpbd", "summary": "Baris  satu", "image": "images/a b.jpg",
     "imagealt": "Alt", "imagefocus": "0.5, 0.3", "live": "yes", "status": "draft",
     "corrections": [{"date": "2026-11-11 09.00", "note": "Ralat \"ini\""}],
     "extra": "nilai lain"},
    {"title": "Tanpa tanggal", "date": "", "modified": "2026-11-12", "category": "Budaya",
     "location": "Kabupaten Banjar", "author": "Rahmat Hidayat",
     "correction": "2026-11-13 10.00 | Nama narasumber diperbaiki."},
)  # fmt: skip


def test_the_editor_writes_and_names_files_as_warta_new_does(
    browser: webdriver.Chrome, preview: Preview
) -> None:
    """The editor's writer and Pelican's slugify in the browser, against Python's: the same
    bytes for the same fields, the same file name for the same headline; and a file `warta
    new` made, given to the editor's writer, comes back unchanged."""
    browser.get(f"{preview.base}/admin/")
    wait(browser, lambda b: b.execute_script("return !!window.CMS && !!window.WartaEditor"), "JS")
    wait(browser, lambda b: b.find_elements(By.TAG_NAME, "button"), "the editor")
    slugs = browser.execute_script(
        "return arguments[0].map(t => WartaEditor.pelicanSlug(t))", list(TITLES)
    )
    assert slugs == [slugify(title, SUBSTITUTIONS) for title in TITLES]
    datelines = {"Kota Banjarmasin": "BANJARMASIN", "Kabupaten Banjar": "MARTAPURA"}
    guide = guide_of(CATALOGUE)
    written = browser.execute_script(
        "return arguments[0].map(f => WartaEditor.storyText(f, 'Isi.\\n'))", list(FIELD_SETS)
    )
    for fields, text in zip(FIELD_SETS, written, strict=True):
        assert text == story_text(fields, "Isi.\n", guide, TIMEZONE, datelines)

    done = run_module(
        preview.site.root,
        "warta",
        "-s",
        str(preview.conf),
        "new",
        "Jembatan Gantung Putus",
        "--category",
        "daerah",
        "--location",
        "Martapura",
    )
    assert done.returncode == 0, done.stderr
    started = Path(preview.site.root, done.stderr.strip())
    text = started.read_text(encoding="utf-8")
    split = split_source(text, str(started))
    fields = {raw.name: raw.value for raw in split.fields}
    again = browser.execute_script(
        "return WartaEditor.storyText(arguments[0], arguments[1])",
        fields,
        PLACEHOLDER.told(CATALOGUE),
    )
    assert again == text
    started.unlink()

    # A story written by hand, opened in the editor and saved unchanged: every value as the
    # file gave it (`Date: 2026-11-10 07:45` stays so), in warta new's form.
    for story in SAMPLE_STORIES:
        text = (REPO / "content" / "articles" / story).read_text(encoding="utf-8")
        split = split_source(text, story)
        given: dict[str, FieldValue] = {}
        for raw in split.fields:
            # A field given on several lines (Correction) is a list of them.
            earlier = given.get(raw.name)
            given[raw.name] = raw.value if earlier is None else [earlier, raw.value]
        saved = browser.execute_script(
            "const data = WartaEditor.readStory(arguments[0]);"
            "return WartaEditor.storyText(WartaEditor.fromEditor(data), data.body)",
            text,
        )
        assert saved == story_text(given, split.body, guide, TIMEZONE, SAMPLE_DATELINES)

    # The preview labels a date as the story's page does (Babel there, the browser's Intl
    # here, both CLDR): a weekday and month of each kind, a one-digit day, midnight (no time).
    moments = [
        datetime(2026, month, day, hour, minute, tzinfo=TIMEZONE)
        for month, day, hour, minute in (
            (1, 4, 7, 5), (2, 28, 23, 59), (3, 9, 0, 0), (5, 17, 12, 30), (8, 1, 0, 1),
            (9, 30, 18, 45), (11, 22, 9, 0), (12, 6, 22, 29),
        )
    ]  # fmt: skip
    shown = browser.execute_script(
        "return arguments[0].map(ms => WartaEditor.dateLabel(ms))",
        [int(moment.timestamp() * 1000) for moment in moments],
    )
    formats = MODEL_DEFAULTS["WARTA_DATE_FORMATS"]
    assert shown == [date_label(moment, "id", formats, TIMEZONE) for moment in moments]

    # The editor's own words: every phrase of Decap's interface has its Indonesian one.
    english = browser.execute_script("return CMS.getLocale('en')")
    indonesian = json.loads(
        (REPO / "plugins" / "newsroom_editor" / "locales" / "id.json").read_text("utf-8")
    )
    assert keys_of(english) <= keys_of(indonesian)


SAMPLE_STORIES = (
    "2026/11/sungai-martapura-meluap-230-rumah-terendam.md",
    "2026/11/langsung-banjir-sungai-martapura.md",
)
SAMPLE_DATELINES = {"Kabupaten Banjar": "MARTAPURA"}


def keys_of(tree: dict[str, Any], prefix: str = "") -> set[str]:
    found = set()
    for key, value in tree.items():
        found |= keys_of(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
    return found
