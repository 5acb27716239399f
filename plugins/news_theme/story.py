"""What the article page shows around the story: reading time, share links, comments slot."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from warta.views import Comments, ShareLink

# Each network's documented share address; {url} and {text} arrive URL-encoded.
SHARE_ADDRESSES = {
    "whatsapp": ("WhatsApp", "https://wa.me/?text={text}%20{url}"),
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    "x": ("X", "https://x.com/intent/post?text={text}&url={url}"),
    "telegram": ("Telegram", "https://t.me/share/url?url={url}&text={text}"),
}


# A reader's pace through news prose on a screen; Indonesian words are long, so this is the low
# end of what reading studies find for adults (200 to 250 words a minute).
WORDS_PER_MINUTE = 200


def reading_minutes(words: int) -> int:
    """Minutes an average reader takes over a body of `words` words (`Body.reading_words`), at
    least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def share_links(title: str, address: str, targets: list[str]) -> tuple[ShareLink, ...]:
    """Links that open each network's own share page for the story at `address`.

    `title` is the headline as text. 'copy' links to the story itself: the theme's small script
    copies it on click, and without scripts a reader can still long-press or copy the link.
    """
    text = quote(title, safe="")
    url = quote(address, safe="")
    links = []
    for target in targets:
        if target == "copy":
            links.append(ShareLink("copy", "", address))
        else:
            label, pattern = SHARE_ADDRESSES[target]
            links.append(ShareLink(target, label, pattern.format(url=url, text=text)))
    return tuple(links)


def comments_of(settings: dict[str, Any]) -> Comments | None:
    configured = settings["WARTA_COMMENTS"]
    if not configured:
        return None
    return Comments(
        system=configured["system"],
        url=str(configured["url"]).rstrip("/") + "/",
        site_id=str(configured.get("site_id", "")),
        lang=str(settings["DEFAULT_LANG"]),
    )


def origin(url: str) -> str:
    """scheme://host of a server, which the page's CSP must allow."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
