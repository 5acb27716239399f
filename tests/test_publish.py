"""`warta publish` as the web person runs it: a finished site, or the last good one untouched."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
from pathlib import Path

import brotli

from tests.sitekit import Site, run_module
from warta.commands.publish import headers_for

PRODUCTION = 'SITEURL = "https://wartabanua.example"\nRELATIVE_URLS = False\n'


def publish(site: Site, settings: str = PRODUCTION) -> subprocess.CompletedProcess[str]:
    return run_module(site.root, "warta", "-s", str(site.settings_file(settings)), "publish")


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_publish_minifies_compresses_and_writes_headers(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    done = publish(site)
    assert done.returncode == 0, done.stderr
    output = site.root / "output"
    page = output / "2026" / "11" / "pasar" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Pasar Terapung Ramai" in html
    assert "\n  " not in html  # indentation is gone
    assert 'href="https://wartabanua.example/' in html or "href=https://wartabanua.example/" in html
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()
    css = next(output.rglob("warta.css"))
    assert "\n" not in css.read_text(encoding="utf-8").strip()
    headers = (output / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self';" in headers
    assert "/images/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert not list(site.root.glob(".output.*"))


def test_failed_publish_leaves_the_last_good_site_byte_identical(site: Site) -> None:
    site.article("pasar.md", Title="Pasar Terapung Ramai", Slug="pasar")
    assert publish(site).returncode == 0
    before = fingerprint(site.root / "output")

    site.article("rusak.md", Slug="rusak", Category="Politk")
    failed = publish(site)
    assert failed.returncode == 1
    assert "content/articles/rusak.md:3: Category: 'Politk'" in failed.stderr
    assert "Publish failed; output/ is unchanged." in failed.stderr
    assert "Traceback" not in failed.stderr
    assert fingerprint(site.root / "output") == before
    assert not list(site.root.glob(".output.*"))


def test_the_content_security_policy_admits_only_a_configured_comment_server() -> None:
    def policy(settings: dict[str, object]) -> dict[str, str]:
        line = next(
            line
            for line in headers_for(settings).replace("\\\n", "").splitlines()
            if "Content-Security-Policy" in line
        )
        directives = line.split(": ", 1)[1].split("; ")
        return {item.split(" ", 1)[0]: item.split(" ", 1)[1] for item in directives}

    closed = policy({"WARTA_COMMENTS": None})
    assert closed["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert closed["frame-src"] == "'none'"
    opened = policy({"WARTA_COMMENTS": {"system": "remark42", "url": "https://remark.example/x/"}})
    assert opened["script-src"] == "'self' 'wasm-unsafe-eval' https://remark.example"
    assert opened["frame-src"] == "https://remark.example"
    assert opened["connect-src"] == "'self' https://remark.example"
