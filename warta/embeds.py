"""Video and social posts a story links to, played only when the reader asks.

A YouTube, Vimeo, X, Instagram, TikTok or Facebook address alone on a line of a story becomes
a card: the service, the link's title (or what it is: a video, a post by @someone) and a play
button, all served from the
site. Nothing reaches the service until the reader clicks; then the card gives way to the
service's own player in a frame (YouTube's from youtube-nocookie.com, Vimeo's with "do not
track"). Nothing is fetched at build time either: the card shows what the writer wrote.

`recognise` reads an address the way a browser would (`urllib.parse`), keeps it only when the
host is exactly one of the services' and the post's identifier has the service's form, and then
builds both the link and the player's address from the identifier alone. So no part of what
the writer typed reaches a page but the identifier, which is checked character by character,
and the title, which the page escapes. The same function maps the importer's embeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

# Each service: the hosts its addresses are on, and the origin its player is framed from.
_HOSTS = {
    "youtube": {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                "youtube-nocookie.com", "www.youtube-nocookie.com"},
    "vimeo": {"vimeo.com", "www.vimeo.com", "player.vimeo.com"},
    "x": {"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com",
          "mobile.x.com"},
    "instagram": {"instagram.com", "www.instagram.com"},
    "tiktok": {"tiktok.com", "www.tiktok.com", "m.tiktok.com"},
    "facebook": {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"},
}  # fmt: skip
# Every host a card is made from (the editor's video form offers these).
HOSTS = frozenset(host for hosts in _HOSTS.values() for host in hosts)
FRAME_ORIGINS = {
    "youtube": "https://www.youtube-nocookie.com",
    "vimeo": "https://player.vimeo.com",
    "x": "https://platform.twitter.com",
    "instagram": "https://www.instagram.com",
    "tiktok": "https://www.tiktok.com",
    "facebook": "https://www.facebook.com",
}
NAMES = {
    "youtube": "YouTube",
    "vimeo": "Vimeo",
    "x": "X",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "facebook": "Facebook",
}
# Videos play in a 16:9 frame; posts and upright videos in a tall, narrow one.
VIDEO_SERVICES = frozenset({"youtube", "vimeo"})

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,25}")
_HASH = re.compile(r"[0-9a-f]{6,20}")
_X_USER = re.compile(r"[A-Za-z0-9_]{1,15}")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,40}")
_TIKTOK_USER = re.compile(r"@[A-Za-z0-9_.]{1,24}")
_FACEBOOK_NAME = re.compile(r"[A-Za-z0-9.]{1,50}")
_FACEBOOK_POST = re.compile(r"[A-Za-z0-9]{1,40}")
_TIME = re.compile(r"(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,3})m)?(?:(?P<s>\d{1,5})s?)?")


@dataclass(frozen=True)
class Embed:
    """One post or video a story plays on request: everything a card and its player need.

    `link` is the post's own page, for readers without JavaScript and for feeds; `player` is
    the frame's address. Both are made by `recognise`, never taken from the writer. `title` is
    the writer's ('' when the address stood alone: the card then names the service and what it
    is, never the raw address).
    """

    service: str
    link: str
    player: str
    title: str
    line: int = 0

    @property
    def name(self) -> str:
        return NAMES[self.service]

    @property
    def origin(self) -> str:
        return FRAME_ORIGINS[self.service]

    @property
    def is_video(self) -> bool:
        return self.service in VIDEO_SERVICES

    @property
    def author(self) -> str:
        """The account that posted it, when its address names one: '@wartabanua' on X and
        TikTok ('' otherwise). Taken from `link`, which holds only checked characters."""
        segments = urlsplit(self.link).path.split("/")
        if self.service == "x" and segments[1] != "i":
            return f"@{segments[1]}"
        if self.service == "tiktok":
            return segments[1]
        return ""


def recognise(address: str, title: str = "", line: int = 0) -> Embed | None:
    """The embed an address stands for, or None when it is not a post a service can frame."""
    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError:  # a malformed host or port
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or port is not None or parts.username:
        return None
    service = next((name for name, hosts in _HOSTS.items() if host in hosts), None)
    if service is None:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    found = _READERS[service](host, segments, query)
    if found is None:
        return None
    link, player = found
    return Embed(service, link, player, title.strip(), line)


def _first(query: dict[str, list[str]], name: str) -> str:
    return query.get(name, [""])[0]


def _seconds(value: str) -> int:
    """A start time as YouTube writes it (`90`, `1m30s`, `1h2m3s`), in seconds; 0 if unreadable."""
    match = _TIME.fullmatch(value)
    if not value or match is None:
        return 0
    return int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)


def _youtube(host: str, segments: list[str], query: dict[str, list[str]]) -> tuple[str, str] | None:
    if host == "youtu.be":
        video = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        video = _first(query, "v")
    elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        video = segments[1]
    else:
        return None
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    start = _seconds(_first(query, "t") or _first(query, "start"))
    link = f"https://www.youtube.com/watch?v={video}" + (f"&t={start}s" if start else "")
    player = f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1" + (
        f"&start={start}" if start else ""
    )
    return link, player


def _vimeo(host: str, segments: list[str], query: dict[str, list[str]]) -> tuple[str, str] | None:
    if host == "player.vimeo.com":
        if len(segments) != 2 or segments[0] != "video":
            return None
        video, private = segments[1], _first(query, "h")
    elif 1 <= len(segments) <= 2:
        video, private = segments[0], segments[1] if len(segments) == 2 else ""
    else:
        return None
    if not _DIGITS.fullmatch(video) or (private and not _HASH.fullmatch(private)):
        return None
    link = f"https://vimeo.com/{video}" + (f"/{private}" if private else "")
    player = f"https://player.vimeo.com/video/{video}?autoplay=1&dnt=1" + (
        f"&h={private}" if private else ""
    )
    return link, player


def _x(host: str, segments: list[str], query: dict[str, list[str]]) -> tuple[str, str] | None:
    if len(segments) < 3 or segments[1] != "status":
        return None
    user, post = segments[0], segments[2]
    if not _X_USER.fullmatch(user) or not _DIGITS.fullmatch(post):
        return None
    player = f"https://platform.twitter.com/embed/Tweet.html?id={post}&dnt=true"
    return f"https://x.com/{user}/status/{post}", player


def _instagram(
    host: str, segments: list[str], query: dict[str, list[str]]
) -> tuple[str, str] | None:
    if len(segments) < 2 or segments[0] not in ("p", "reel", "tv"):
        return None
    kind, code = segments[0], segments[1]
    if not _INSTAGRAM_CODE.fullmatch(code):
        return None
    link = f"https://www.instagram.com/{kind}/{code}/"
    return link, f"{link}embed/"


def _tiktok(host: str, segments: list[str], query: dict[str, list[str]]) -> tuple[str, str] | None:
    if len(segments) < 3 or segments[1] != "video":
        return None
    user, video = segments[0], segments[2]
    if not _TIKTOK_USER.fullmatch(user) or not _DIGITS.fullmatch(video):
        return None
    return (
        f"https://www.tiktok.com/{user}/video/{video}",
        f"https://www.tiktok.com/embed/v2/{video}",
    )


def _facebook(
    host: str, segments: list[str], query: dict[str, list[str]]
) -> tuple[str, str] | None:
    """Posts and videos. Facebook's player takes the post's address, so that address is
    rebuilt from checked parts and then percent-encoded whole."""
    if segments == ["watch"] and _DIGITS.fullmatch(_first(query, "v")):
        link, kind = f"https://www.facebook.com/watch/?v={_first(query, 'v')}", "video"
    elif len(segments) == 2 and segments[0] == "reel" and _DIGITS.fullmatch(segments[1]):
        link, kind = f"https://www.facebook.com/reel/{segments[1]}", "video"
    elif (
        len(segments) == 3
        and segments[1] in ("posts", "videos")
        and _FACEBOOK_NAME.fullmatch(segments[0])
        and _FACEBOOK_POST.fullmatch(segments[2])
    ):
        kind = "video" if segments[1] == "videos" else "post"
        link = f"https://www.facebook.com/{segments[0]}/{segments[1]}/{segments[2]}"
    else:
        return None
    player = f"https://www.facebook.com/plugins/{kind}.php?href={quote(link, safe='')}"
    return link, player


_READERS = {
    "youtube": _youtube,
    "vimeo": _vimeo,
    "x": _x,
    "instagram": _instagram,
    "tiktok": _tiktok,
    "facebook": _facebook,
}
