"""The theme's pagination cuts lists and names pages exactly as Pelican's paginator does."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.paginator import PaginationRule, Paginator

from news_theme.pages import paginate
from warta.defaults import PAGINATION_PATTERNS

# Patterns as sites write them: Warta's own, Pelican's default, one with a rule for the last
# page (-1), leading slashes (one is dropped, a second kept), and every field a rule may name.
PATTERNS = [
    PAGINATION_PATTERNS,
    [(1, "{url}", "{save_as}")],
    [(1, "{base_name}/", "{base_name}/index.html"), (2, "{url}{number}/", "{name}{number}.html")],
    [(1, "{url}", "{save_as}"), (2, "/{base_name}/p/{number}/", "//{name}-{number}{extension}")],
    [(1, "{url}", "{save_as}"), (-1, "{base_name}/last/", "{base_name}/last/index.html")],
    [(2, "{url}?page={number}", "{save_as}.{number}")],  # no rule for page 1: no address
]
NAMES = [
    ("index.html", "index.html"),
    ("kategori/politik/index.html", "kategori/politik/"),
    ("tag/banjir.html", "tag/banjir.html"),
    ("penulis/siti/index.htm", "penulis/siti/"),
    ("/arsip/index.html", "/arsip/"),
]


@settings(max_examples=400, deadline=None)
@given(
    count=st.integers(0, 60),
    per_page=st.one_of(st.none(), st.integers(1, 13)),
    orphans=st.integers(0, 5),
    patterns=st.sampled_from(PATTERNS),
    name=st.sampled_from(NAMES),
    as_tuple=st.booleans(),
)
def test_pages_are_pelicans_pages(
    *,
    count: int,
    per_page: int | None,
    orphans: int,
    patterns: list[tuple[int, str, str]],
    name: tuple[str, str],
    as_tuple: bool,
) -> None:
    site: dict[str, Any] = {
        "DEFAULT_ORPHANS": orphans,
        "PAGINATION_PATTERNS": [PaginationRule(*rule) for rule in patterns],
    }
    items: Any = list(range(count))
    if as_tuple:
        items = tuple(items)
    save_as, url = name
    paginator = Paginator(save_as, url, items, site, per_page)
    expected = [
        (page.number, list(page.object_list), page.save_as, page.url)
        for page in map(paginator.page, range(1, paginator.num_pages + 1))
    ]
    found = [
        (page.number, list(page.object_list), page.save_as, page.url)
        for page in paginate(save_as, url, items, site, per_page)
    ]
    assert found == expected


def test_a_rule_that_is_not_text_is_left_to_pelican() -> None:
    """Pelican warns and gives the value as it is; so does the theme, through Pelican."""
    site = {
        "DEFAULT_ORPHANS": 0,
        "PAGINATION_PATTERNS": [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, None, 7),
        ],
    }
    pages = paginate("index.html", "", list(range(5)), site, 2)
    assert [(page.save_as, page.url) for page in pages] == [
        ("index.html", ""),
        (7, None),
        (7, None),
    ]
