"""Every address the site has published keeps answering: redirects, withdrawn pages, the ledger.

Three things lead an old address to a page that exists today:

- a story's `Aliases:` (its old addresses, however it moves later);
- the redirects file (`redirects.yaml` in the data folder): old addresses that are no one story,
  such as an old desk's or feed's, and addresses withdrawn on purpose (`gone:`);
- the ledger (`published.tsv` in the data folder): every address the site has published and
  what published it. Production builds add to it (`WARTA_RECORD_ADDRESSES`); the newsroom
  commits it. A story that moved (a new Slug, a new date folder, its file moved) is found by its
  file and its old addresses lead to where it is now; a listing that is gone leads to the
  nearest that is not (a place to its region, a tag to the index of tags). An address that
  would vanish because its story is deleted or unpublished stops the build, naming it: a
  vanished link is lost readers and lost search ranking, so the newsroom must say where it
  goes (an alias on the story that replaces it) or that it is withdrawn.

A redirect is a small page at the old address (meta refresh, canonical, noindex), which every
static host serves, plus the host's own 301 rules where it reads them (`_redirects` for Netlify
and Cloudflare Pages, a map for nginx). A query on the site's root (`/?p=123`, WordPress's short
links) reaches a page under `WARTA_OLD_QUERY_PATH` through a small script on the home page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from warta.messages import Hint, Text, t
from warta.output import OUTPUTS, OutputFiles, write_files
from warta.problems import Problem, bounded
from warta.run import BuildRun, Slot

from .datafiles import DataFile
from .old_addresses import (
    AddressError,
    OldAddress,
    Redirect,
    Redirects,
    page_for,
    read_old_address,
)
from .reading import display_of
from .record import Story
from .site import Site

LEDGER_HEADER = (
    "# Every address this site has published, and what published it (a content file, or a\n"
    "# listing as kind:slug). Production builds add new addresses; commit this file with the\n"
    "# stories. A line is what keeps an old link answering: delete none.\n"
)
# The listing kinds whose first page the ledger keeps, and the index each falls back to when
# a listing is gone (the setting prefix of its *_URL and *_SAVE_AS).
_LISTING_INDEX = {
    "desk": "CATEGORIES",
    "location": "LOCATIONS",
    "author": "AUTHORS",
    "source": "SOURCES",
    "tag": "TAGS",
    "year": "ARCHIVES",
    "month": "ARCHIVES",
}


@dataclass
class Ledger:
    """The addresses the site has published (key: `OldAddress.key` form), what published
    each, and its line in the file."""

    path: Path
    display: str
    entries: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Rule:
    """One entry of the redirects file."""

    old: OldAddress
    to: str
    gone: bool
    note: str
    line: int


@dataclass
class RedirectPlan:
    """What `plan_redirects` found: the redirects, every problem, the addresses this build
    publishes (for the ledger), and the site addresses rules lead to, with the line that
    names each (checked once every output is planned)."""

    redirects: Redirects
    problems: list[Problem]
    published: dict[str, str]
    targets: list[tuple[str, str, int]]
    ledger: Ledger | None = None
    # Where each old address given by hand is written (file, line, field), to name it.
    origins: dict[str, tuple[str, int, str]] = field(default_factory=dict)


def read_ledger(path: Path, display: str) -> tuple[Ledger, list[Problem]]:
    """The ledger at `path` (none yet is an empty ledger), with a problem per line it cannot
    use."""
    ledger = Ledger(path, display)
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ledger, problems
    except (OSError, UnicodeDecodeError) as error:
        problems.append(
            Problem(
                display, 1, "Ledger", t("cannot be read: {error}", error=error), t("restore it")
            )
        )
        return ledger, problems
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        address, tab, source = line.partition("\t")
        try:
            key = _ledger_key(address)
        except AddressError as error:
            problems.append(Problem(display, number, "Ledger", error.message, error.hint))
            continue
        if not tab or not source.strip() or "\t" in source:
            problems.append(
                Problem(
                    display,
                    number,
                    "Ledger",
                    t("is not an address, a tab and what published it"),
                    t("restore the line from the repository's history"),
                )
            )
            continue
        ledger.entries.setdefault(key, source.strip())
        ledger.lines.setdefault(key, number)
    return ledger, problems


def _ledger_key(written: str) -> str:
    return read_old_address(written if written.startswith("?") else "/" + written).key


def record_addresses(ledger: Ledger, published: dict[str, str]) -> bool:
    """Add the addresses this build published to the ledger's file; True if it changed. Lines
    already there stay as they are (what first published an address is what it records)."""
    new = {key: source for key, source in published.items() if key not in ledger.entries}
    if not new and ledger.path.exists():
        return False
    entries = {**ledger.entries, **new}
    body = "".join(f"{key}\t{entries[key]}\n" for key in sorted(entries))
    ledger.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = ledger.path.with_name(f".{ledger.path.name}.tmp")
    temporary.write_text(LEDGER_HEADER + body, encoding="utf-8")
    os.replace(temporary, ledger.path)
    ledger.entries = entries
    return True


def read_rules(path: Path, display: str, content_root: Path) -> tuple[list[_Rule], list[Problem]]:
    """The redirects file: a list of `from:`/`to:` and `gone:`/`note:` entries, read through
    the data files' schema (datafiles.py: YAML hazards, unknown keys, lengths, the addresses)."""
    data = DataFile("redirects", path, display, content_root)
    rules = []
    for entry in data.entries:
        values = entry.values
        gone = "gone" in entry.lines
        # Exactly one of 'from' and 'gone', and 'to' with 'from' only.
        if gone in ("from" in entry.lines, "to" in entry.lines):
            data.problem(
                entry.line,
                "Data",
                t("needs 'from:' with 'to:', or 'gone:' with an optional 'note:'"),
                t("e.g. '- from: /category/hukum/' then '  to: /kategori/hukum/'"),
            )
            continue
        written = values.get("gone" if gone else "from")
        if written is None:
            continue  # refused by its key's check, with its line
        rules.append(
            _Rule(
                read_old_address(written),
                values.get("to", ""),
                gone,
                values.get("note", ""),
                entry.line,
            )
        )
    return rules, data.problems


def plan_redirects(
    site: Site, settings: dict[str, Any], ledger: Ledger, rules: list[_Rule], rules_display: str
) -> RedirectPlan:
    """Every redirect of this build, and every address that would vanish."""
    planner = _Planner(site, settings)
    planner.add_aliases()
    planner.add_rules(rules, rules_display)
    planner.add_ledger(ledger)
    return planner.result()


class _Planner:
    """The redirects as they are found: the stories' aliases first, then the redirects file,
    then what the ledger remembers and nothing else claims."""

    def __init__(self, site: Site, settings: dict[str, Any]) -> None:
        self.site = site
        self.settings = settings
        self.query_folder = str(settings["WARTA_OLD_QUERY_PATH"])
        self.pages = [*site.articles, *site.static_pages]
        inside = _prefix(site.content_root)
        self.source_of = {story.path: _source(story, inside) for story in self.pages}
        # What answers today: every story, page and listing, by address.
        self.answering = {
            site.address(story).url: self.source_of[story.path] for story in self.pages
        }
        for listing in site.listings.written():
            if listing.kind in _LISTING_INDEX:
                self.answering.setdefault(listing.url, f"{listing.kind}:{listing.slug}")
        self.by_source = {self.source_of[story.path]: story for story in self.pages}
        self.by_name: dict[str, list[Story]] = {}
        for story in self.pages:
            name = self.source_of[story.path].rpartition("/")[2]
            self.by_name.setdefault(name, []).append(story)
        self.problems: list[Problem] = []
        self.claimed: dict[str, str] = {}
        self.origins: dict[str, tuple[str, int, str]] = {}
        self.moved: dict[str, Redirect] = {}
        self.gone: dict[str, Redirect] = {}
        self.published = dict(self.answering)
        self.targets: list[tuple[str, str, int]] = []

    def claim(self, old: OldAddress, owner: str, where: tuple[str, int], label: str) -> bool:
        key = old.key
        problem: Text | None = None
        if key in self.answering:
            problem = t(
                "'{href}' is the address of a page this site publishes", href=bounded(old.href)
            )
            hint = t("an old address must be one nothing answers at today; remove it")
        elif key in self.claimed and self.claimed[key] != owner:
            problem = t(
                "'{href}' is also given by {owner}", href=bounded(old.href), owner=self.claimed[key]
            )
            hint = t("one old address can lead to one place only; keep one")
        if problem is not None:
            self.problems.append(Problem(*where, label, problem, hint))
            return False
        self.claimed[key] = owner
        self.origins[key] = (*where, label)
        return True

    def add_aliases(self) -> None:
        for story in self.pages:
            if not story.aliases:
                continue  # most stories: no line to look up (a dictionary made per story)
            where = (story.display, story.line_of("aliases"))
            for old in story.aliases:
                if self.claim(old, story.display, where, "Aliases"):
                    url = self.site.address(story).url
                    self.moved[old.key] = Redirect(
                        old, url, story.title, page_for(old, self.query_folder)
                    )
                    self.published[old.key] = self.source_of[story.path]

    def add_rules(self, rules: list[_Rule], display: str) -> None:
        for rule in rules:
            where = (display, rule.line)
            label = "gone" if rule.gone else "from"
            if not self.claim(rule.old, f"{display}:{rule.line}", where, label):
                continue
            save_as = page_for(rule.old, self.query_folder)
            if rule.gone:
                self.gone[rule.old.key] = Redirect(rule.old, "", "", save_as, True, rule.note)
                continue
            target = _rule_target(rule.to, self.by_source, self.site)
            if isinstance(target, _Refusal):
                self.problems.append(Problem(*where, "to", target.message, target.hint))
                continue
            url, title = target
            if "://" not in url:
                self.targets.append((url, display, rule.line))
            self.moved[rule.old.key] = Redirect(rule.old, url, title, save_as)

    def add_ledger(self, ledger: Ledger) -> None:
        # A file that is gone, one of whose addresses another file answers at today, became
        # that file (renamed, or moved to another folder): its other addresses lead there too.
        successors: dict[str, str] = {}
        for key, source in ledger.entries.items():
            now = self.answering.get(key)
            if now is not None and now != source and source not in self.by_source:
                successors.setdefault(source, now)
        for key, source in sorted(ledger.entries.items()):
            if key in self.answering or key in self.claimed:
                continue
            old = _ledger_address(key)
            successor = _last(source, successors)
            target = _ledger_target(
                successor, self.by_source, self.by_name, self.site, self.settings
            )
            if target is None:
                self.problems.append(_vanishing(ledger, key, source, old))
                continue
            url, title = target
            self.moved[key] = Redirect(old, url, title, page_for(old, self.query_folder))

    def result(self) -> RedirectPlan:
        moved = self.moved
        for redirect in list(moved.values()):
            if not redirect.external and redirect.target in moved:
                # An old address leading to another old address: straight to where that leads.
                final = moved[redirect.target]
                moved[redirect.old.key] = Redirect(
                    redirect.old, final.target, final.title, redirect.save_as
                )
        return RedirectPlan(
            Redirects(
                tuple(moved[key] for key in sorted(moved)),
                tuple(self.gone[key] for key in sorted(self.gone)),
            ),
            self.problems,
            self.published,
            self.targets,
            origins=self.origins,
        )


@dataclass(frozen=True)
class _Refusal:
    message: Text
    hint: Hint


def _prefix(content: Path) -> str:
    """The content folder as the start of a story's path (both absolute and normalised)."""
    return os.path.join(str(content), "")


def _source(story: Story, inside: str) -> str:
    """The story's file, relative to the content folder; its display path when outside it.
    By string, not `Path.relative_to`: a path object per story was 1 s at 100,000 stories."""
    if story.path.startswith(inside):
        return story.path[len(inside) :].replace(os.sep, "/")
    return story.display


def _ledger_address(key: str) -> OldAddress:
    return read_old_address(key if key.startswith("?") else "/" + key)


def _to_story(old: OldAddress, story: Story, site: Site, query_folder: str) -> Redirect:
    return Redirect(old, site.address(story).url, story.title, page_for(old, query_folder))


def _rule_target(to: str, by_source: dict[str, Story], site: Site) -> tuple[str, str] | _Refusal:
    """Where a rule's `to` leads: a content file's page, another site, or an address of this
    site (checked once every output is planned)."""
    if to.endswith(".md") and "://" not in to:
        story = by_source.get(to.removeprefix("content/").lstrip("/"))
        if story is None:
            return _Refusal(
                t("'{to}' is no published story or page", to=bounded(to)),
                t("give its path below content/, e.g. articles/2026/11/banjir.md"),
            )
        return site.address(story).url, story.title
    if to.startswith(("http://", "https://")):
        netloc = urlsplit(to).netloc
        if not netloc or any(character in to for character in "\"'<>` \\"):
            return _Refusal(t("'{to}' is not a web address", to=bounded(to)), t("check it"))
        return to, netloc
    return _site_target(to)


def _site_target(to: str) -> tuple[str, str] | _Refusal:
    try:
        address = read_old_address(to) if to != "/" else OldAddress("")
    except AddressError as error:
        return _Refusal(error.message, error.hint)
    if address.query:
        return _Refusal(t("'{to}' has a query", to=bounded(to)), t("lead to a page, not a query"))
    return address.path, ""


def _last(source: str, successors: dict[str, str]) -> str:
    """The file `source` became, through every rename the ledger shows (a rename back and forth
    ends where it started)."""
    seen = {source}
    while source in successors and successors[source] not in seen:
        source = successors[source]
        seen.add(source)
    return source


def _ledger_target(
    source: str,
    by_source: dict[str, Story],
    by_name: dict[str, list[Story]],
    site: Site,
    settings: dict[str, Any],
) -> tuple[str, str] | None:
    """Where a published address leads now: its story wherever it is (a moved file is found
    by its name, when one published file has it), or for a listing, the nearest still there."""
    kind, colon, slug = source.partition(":")
    if colon and kind in _LISTING_INDEX and "/" not in kind:
        return _listing_target(kind, slug, site, settings)
    story = by_source.get(source)
    if story is None:
        named = by_name.get(PurePosixPath(source).name, [])
        story = named[0] if len(named) == 1 else None
    if story is None:
        return None
    return site.address(story).url, story.title


def _listing_target(kind: str, slug: str, site: Site, settings: dict[str, Any]) -> tuple[str, str]:
    listings = {listing.slug: listing for listing in site.listings.of(kind) if listing.save_as}
    if slug in listings:
        return listings[slug].url, listings[slug].name
    if kind == "location":
        # A place that is gone leads to its region, the nearest one still listed.
        parts = slug.split("/")
        while len(parts) > 1:
            parts.pop()
            region = listings.get("/".join(parts))
            if region is not None:
                return region.url, region.name
    if kind == "month":
        years = {listing.slug: listing for listing in site.listings.of("year") if listing.save_as}
        year = years.get(slug.split("-", maxsplit=1)[0])
        if year is not None:
            return year.url, year.name
    prefix = _LISTING_INDEX[kind]
    if settings.get(f"{prefix}_SAVE_AS") and prefix.lower() in settings["DIRECT_TEMPLATES"]:
        return str(settings[f"{prefix}_URL"]), ""
    return "", ""


def _vanishing(ledger: Ledger, key: str, source: str, old: OldAddress) -> Problem:
    return Problem(
        ledger.display,
        ledger.lines.get(key, 1),
        "Address",
        t(
            "'{href}' was published (by {source}) and would vanish",
            href=bounded(old.href),
            source=bounded(source),
        ),
        t(
            "if another story replaces it, add 'Aliases: {href}' to that story; to withdraw it on "
            "purpose, add '- gone: {href}' to the redirects file",
            href=old.href,
        ),
    )


def host_rules(redirects: Redirects, site_url: str) -> dict[str, str]:
    """The hosts' own redirect lists: `_redirects` (Netlify, Cloudflare Pages; a forced 301,
    so that it wins over the static page at the same address) and an nginx map."""
    root = urlsplit(site_url).path.rstrip("/")
    netlify = ["# Old addresses and where they lead now (Warta). Netlify and Cloudflare Pages.\n"]
    nginx = [
        "# Old addresses and where they lead now (Warta). In nginx's http block:\n"
        "#   include /path/to/nginx-redirects.conf;\n"
        "# and in the site's server block:\n"
        "#   if ($warta_redirect) { return 301 $warta_redirect; }\n",
        'map $request_uri $warta_redirect {\n    default "";\n',
    ]
    for redirect in redirects.moved:
        target = redirect.target if redirect.external else f"{root}/{_encoded(redirect.target)}"
        old = redirect.old
        if old.query:
            netlify.append(f"{root}/ {old.query} {target} 301!\n")
        else:
            netlify.append(f"{root}{old.href} {target} 301!\n")
        for asked in _asked_forms(root, old):
            nginx.append(f'    "{asked}" "{target}";\n')
    nginx.append("}\n")
    return {"_redirects": "".join(netlify), "nginx-redirects.conf": "".join(nginx)}


def _asked_forms(root: str, old: OldAddress) -> Iterable[str]:
    href = f"{root}{old.href}"
    yield href
    if old.path.endswith("/"):
        yield href.rstrip("/")


def _encoded(path: str) -> str:
    return quote(path, safe="/-._~!$&'()*+,;=:@%")


REDIRECTS = Slot[RedirectPlan]("redirects", "newsroom_model")
REDIRECT_LISTS = "the redirect lists"


def plan_site_redirects(run: BuildRun, site: Site) -> RedirectPlan:
    """This build's redirects, from the stories, the redirects file and the ledger named by the
    settings; every problem goes to the run's."""
    settings = run.settings
    data = site.content_root / settings["WARTA_DATA_PATH"]
    root = Path(os.getcwd())
    ledger_path = data / settings["WARTA_ADDRESS_LEDGER"]
    rules_path = data / settings["WARTA_REDIRECTS_FILE"]
    ledger, ledger_problems = read_ledger(ledger_path, display_of(str(ledger_path), root))
    rules_display = display_of(str(rules_path), root)
    rules, rule_problems = read_rules(rules_path, rules_display, site.content_root)
    plan = plan_redirects(site, settings, ledger, rules, rules_display)
    plan.ledger = ledger
    run.problems.extend([*ledger_problems, *rule_problems, *plan.problems])
    site.redirects = plan.redirects
    run.put(REDIRECTS, plan)
    outputs = run.get(OUTPUTS)
    if plan.redirects.moved:
        files = host_rules(
            plan.redirects, str(settings.get("WARTA_SITE_URL") or settings["SITEURL"])
        )
        outputs.files.append(
            OutputFiles(
                owner=REDIRECT_LISTS,
                stage="listings",
                claims=tuple(files),
                write=lambda output: write_files(output, files),
            )
        )
    return plan


def check_redirects(run: BuildRun) -> None:
    """Once every output is planned: every address of the site a redirect leads to is one the
    build writes, and no old address given by hand is a file the build writes (a feed, the
    sitemap, a photo), which a host's forced rule would hide."""
    plan = run.find(REDIRECTS)
    if plan is None:
        return
    outputs = run.get(OUTPUTS)
    pages = {job.save_as for job in outputs.jobs if job.template not in ("redirect", "gone")}
    files = {
        claim for files in outputs.files for claim in files.claims if files.owner != REDIRECT_LISTS
    }
    written = pages | {claim for claim in files if not claim.endswith("/")}
    folders = tuple(claim for claim in files if claim.endswith("/"))
    for url, display, line in plan.targets:
        if url == "" or url in written or f"{url}index.html" in written:
            continue
        run.problems.append(
            Problem(
                display,
                line,
                "to",
                t("'/{url}' is no page this site publishes", url=bounded(url)),
                t("lead to a story's file (articles/...md) or an address the site has"),
            )
        )
    refused = set()
    for redirect in (*plan.redirects.moved, *plan.redirects.gone):
        origin = plan.origins.get(redirect.old.key)
        path = redirect.old.path
        if origin is None or not path:
            continue
        if {path, f"{path}index.html"} & written or path.startswith(folders):
            display, line, label = origin
            refused.add(redirect.save_as)
            run.problems.append(
                Problem(
                    display,
                    line,
                    label,
                    t(
                        "'{href}' is an address this site writes a file at",
                        href=bounded(redirect.old.href),
                    ),
                    t("an old address must be one nothing answers at today; remove it"),
                )
            )
    # Named once, by the line that gives it, not again as two outputs at one address.
    outputs.jobs[:] = [
        job
        for job in outputs.jobs
        if job.save_as not in refused or job.template not in ("redirect", "gone")
    ]


def record_published(run: BuildRun) -> None:
    """After a production build that wrote everything: its addresses go into the ledger."""
    plan = run.find(REDIRECTS)
    if plan is None or plan.ledger is None or not run.settings["WARTA_RECORD_ADDRESSES"]:
        return
    if record_addresses(plan.ledger, plan.published) and run.console.is_terminal:
        run.say(t("New addresses recorded in {ledger}.", ledger=plan.ledger.display))
