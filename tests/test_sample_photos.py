"""The sample photos are drawn by our own script: it reproduces each committed file."""

from __future__ import annotations

import importlib.util
import io
import sys
from types import ModuleType

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.sitekit import REPO

SCRIPT = REPO / "scripts" / "generate_sample_photos.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sample_photos", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up by name while being defined.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_referenced_photo_comes_from_the_script() -> None:
    script = load_script()
    shipped = {
        path.relative_to(REPO / "content" / "images").as_posix()
        for path in (REPO / "content" / "images").rglob("*.jpg")
    }
    assert shipped == set(script.SCENES)
    assert len(shipped) >= 6


@pytest.mark.parametrize("name", ["2026/11/banjir-sungai-martapura.jpg"])
def test_script_redraws_the_committed_photo(name: str) -> None:
    script = load_script()
    drawn = script.SCENES[name]()
    encoded = io.BytesIO()
    drawn.save(encoded, "JPEG", quality=script.JPEG_QUALITY, optimize=True, progressive=True)
    with Image.open(encoded) as fresh, Image.open(REPO / "content" / "images" / name) as shipped:
        assert fresh.size == shipped.size
        difference = ImageStat.Stat(
            ImageChops.difference(fresh.convert("RGB"), shipped.convert("RGB"))
        )
        assert max(difference.mean) < 1.0
