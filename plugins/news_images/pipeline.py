"""One build's photos: content-addressed cache, parallel rendering, and what goes to output/."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image
from rich.console import Console

from warta.messages import site_catalogue, t
from warta.output import Writes
from warta.parallel import map_ranges
from warta.progress import progress

from .references import Use
from .render import (
    READABLE_FORMATS,
    Focus,
    Job,
    Manifest,
    Refusal,
    Spec,
    available_formats,
    over_limit,
    probe,
    render,
)

# Files in static paths that are photos, and so never copied to output/ as they are. HEIC and
# DNG are listed because phones and cameras write them with GPS, though Pillow cannot read them.
PHOTO_EXTENSIONS = frozenset(
    {ext for ext, fmt in Image.registered_extensions().items() if fmt in READABLE_FORMATS}
    | {".heic", ".heif", ".dng"}
)


@dataclass
class Want:
    """What a build needs of one photo beyond its responsive copies."""

    focuses: set[Focus] = field(default_factory=set)
    original: bool = False


@dataclass(frozen=True)
class Photo:
    """One source file as this build knows it: its content hash and what became of it."""

    key: str
    outcome: Manifest | Refusal

    @property
    def manifest(self) -> Manifest | None:
        return self.outcome if isinstance(self.outcome, Manifest) else None


@dataclass
class ImageBuild:
    """The ledger of one build's photos, from the first article read to the last file placed."""

    spec: Spec
    cache_root: Path
    output_path: str
    workers: int
    progress_from: int
    # The progress bar's label, in the site's language.
    progress_label: str = "Photos"
    photos: dict[Path, Photo] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    withheld: set[str] = field(default_factory=set)
    body_uses: dict[str, list[Use]] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0

    @classmethod
    def start(cls, settings: dict[str, Any]) -> ImageBuild:
        crops = tuple(
            (str(name), int(width), int(height))
            for name, (width, height) in settings["WARTA_IMAGES_CROPS"].items()
        )
        spec = Spec(
            widths=tuple(int(width) for width in settings["WARTA_IMAGES_WIDTHS"]),
            formats=available_formats(list(settings["WARTA_IMAGES_FORMATS"])),
            quality=tuple(sorted(settings["WARTA_IMAGES_QUALITY"].items())),
            crops=crops,
            crop_quality=int(settings["WARTA_IMAGES_CROP_QUALITY"]),
            original_quality=int(settings["WARTA_IMAGES_ORIGINAL_QUALITY"]),
            max_pixels=int(settings["WARTA_IMAGES_MAX_PIXELS"]),
            thumbnails=thumbnail_sizes(settings),
        )
        return cls(
            spec=spec,
            cache_root=Path(settings["WARTA_IMAGES_CACHE_PATH"]).resolve(),
            output_path=str(settings["WARTA_IMAGES_OUTPUT_PATH"]),
            workers=int(settings["WARTA_IMAGES_WORKERS"] or os.cpu_count() or 1),
            progress_from=int(settings["WARTA_IMAGES_PROGRESS_FROM"]),
            progress_label=t("Photos").told(site_catalogue(settings)),
        )

    def entry(self, key: str) -> Path:
        return self.cache_root / key[:2] / key

    def prepare(
        self, wants: dict[Path, Want], console: Console | None = None, check_only: bool = False
    ) -> None:
        """Have every wanted photo rendered, from the cache when it holds what is needed.

        With `check_only` (`warta check`), a photo not in the cache is decoded and checked but
        nothing is written; it counts as ready with an empty manifest.
        """
        jobs: dict[str, Job] = {}
        keys: dict[Path, str] = {}
        for source, want in sorted(wants.items()):
            key = self._key(source)
            if key is None:
                continue
            keys[source] = key
            entry = self.entry(key)
            focuses = tuple(sorted(want.focuses))
            known = jobs.get(key)
            if known is not None:
                jobs[key] = replace(
                    known,
                    focuses=tuple(sorted({*known.focuses, *focuses})),
                    original=known.original or want.original,
                )
                continue
            manifest = Manifest.load(entry)
            if manifest is not None and manifest.has(focuses, want.original, self.spec.thumbnails):
                self.reused += 1
                self.photos[source] = Photo(key, self._within_limit(manifest))
            else:
                jobs[key] = Job(source, entry, self.spec, focuses, want.original)
        outcomes = self._run(list(jobs.values()), console, check_only)
        for source, key in keys.items():
            if key in outcomes:
                self.photos[source] = Photo(key, outcomes[key])

    def publish(self, name: str, cached: Path) -> None:
        """Note that `cached` goes to output/ as `name` once the pages are written."""
        self.outputs[name] = cached

    def _key(self, source: Path) -> str | None:
        """The photo's content hash with the settings, or None (and a Refusal) if unreadable."""
        try:
            data = source.read_bytes()
        except OSError as error:
            refusal = Refusal(
                t("cannot be read ({error})", error=str(error.strerror or error)),
                t("check the file"),
            )
            self.photos[source] = Photo("", refusal)
            return None
        digest = hashlib.sha256(self.spec.fingerprint())
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _within_limit(self, manifest: Manifest) -> Manifest | Refusal:
        # A cached photo was checked against the limit of its day; the limit may be lower now.
        if manifest.pixels > self.spec.max_pixels:
            return over_limit(self.spec.max_pixels).refusal
        return manifest

    def _run(
        self, jobs: list[Job], console: Console | None, check_only: bool = False
    ) -> dict[str, Manifest | Refusal]:
        """Render the jobs, over the build's worker processes when there is more than one."""
        outcomes: dict[str, Manifest | Refusal] = {}
        if check_only:
            for job in jobs:
                refusal = probe(job)
                outcomes[job.entry.name] = refusal or Manifest(0, 0, False, "#000", "", [])
            return outcomes
        with progress(
            console, self.progress_label, len(jobs), show_from=self.progress_from
        ) as advance:
            # One photo a range: photos differ in size a hundredfold, so a worker takes the
            # next photo when it is done with one, rather than a share fixed beforehand.
            results = map_ranges(
                _render_range,
                len(jobs),
                self.workers,
                jobs,
                parallel_from=2,
                range_limit=1,
                done=advance,
            )
        for job, result in zip(jobs, (one for part in results for one in part), strict=True):
            outcomes[job.entry.name] = result
        self.rendered += sum(isinstance(outcome, Manifest) for outcome in outcomes.values())
        return outcomes


def _render_range(jobs: list[Job], start: int, end: int) -> list[Manifest | Refusal]:
    return [render(job) for job in jobs[start:end]]


def thumbnail_sizes(settings: dict[str, Any]) -> tuple[tuple[int, int], ...]:
    """Each thumbnail's (width, height), from the widths and the ratio in the settings."""
    ratio_w, ratio_h = (int(side) for side in settings["WARTA_IMAGES_THUMBNAIL_RATIO"])
    return tuple(
        (int(width), max(1, round(int(width) * ratio_h / ratio_w)))
        for width in sorted(set(settings["WARTA_IMAGES_THUMBNAIL_WIDTHS"]))
    )


def place(cached: Path, writes: Writes, name: str) -> bool:
    """Put a cached file in the output as `name`, as a hard link (a copy across disks), through
    the build's gate; False if the output holds it already."""
    current = writes.current(name)
    if current.exists():
        if os.path.samefile(cached, current):
            return False
        mine, theirs = cached.stat(), current.stat()
        if (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns):
            return False
    target = writes.target(name)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(cached, temporary)
    except OSError:
        shutil.copy2(cached, temporary)
    os.replace(temporary, target)
    return True
