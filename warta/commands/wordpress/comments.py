"""Comments: WordPress's reader comments handed to the site's comment server, on the new addresses.

Isso and Remark42 each import a WordPress export themselves, and file each comment under the
address in its post's `<link>`: the old permalink. A story's thread is found by its new address
(Isso: the page's path; Remark42: its full address), so the import writes a copy of the export
that holds only what a comment server should take (the published stories' approved and waiting
comments, not spam, trash or pingbacks), with each `<link>` rewritten to the story's new
address, and hands that copy to Isso's own importer, or leaves it for Remark42's.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from lxml import etree

from warta.messages import Text

from . import messages
from .posts import ImportedPost
from .wxr import Comment

COMMENTS_NAME = "wordpress-comments.xml"
# Isso's importer finds the WXR version by this address, and only with "http".
_WP = "http://wordpress.org/export/1.2/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
# WordPress's moderation states a comment server takes: approved, and waiting for moderation.
_KEPT = frozenset({"1", "0"})
_NO_DATE = "0000-00-00 00:00:00"


class IssoUnavailable(RuntimeError):
    """Isso is not installed where the import runs, or its configuration cannot be used; `text`
    says which, in the site's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


@dataclass
class Handover:
    """The comments of one import: kept (by thread) and left out (by why)."""

    threads: int = 0
    kept: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    copy: bytes = b""


def _kept(comment: Comment) -> str:
    """'' when a comment server should take the comment, else why not."""
    if comment.kind not in ("", "comment"):
        return comment.kind or "other"
    if comment.approved not in _KEPT:
        return comment.approved or "unmoderated"
    return ""


def _gmt(comment: Comment, zone: ZoneInfo, fallback: datetime) -> str:
    """The comment's time in UTC as WordPress writes it: Isso reads only this column, and an
    export of comments written before WordPress kept it has zeros there."""
    for text, universal in ((comment.date_gmt, True), (comment.date, False)):
        if not text or text == _NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            continue
        moment = (
            moment.replace(tzinfo=UTC if universal else zone) if moment.tzinfo is None else moment
        )
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return fallback.replace(tzinfo=zone).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def handover(
    posts: list[tuple[ImportedPost, str]], zone: ZoneInfo, site_title: str = ""
) -> Handover:
    """The export's copy for a comment server: each published story with comments, at its new
    absolute address (`posts` pairs a story with it), and only the comments it should take."""
    result = Handover()
    rss = etree.Element("rss", nsmap={"wp": _WP, "content": _CONTENT, "dc": _DC})
    rss.set("version", "2.0")
    channel = etree.SubElement(rss, "channel")
    etree.SubElement(channel, "title").text = site_title
    etree.SubElement(channel, f"{{{_WP}}}wxr_version").text = "1.2"
    for post, address in posts:
        comments = []
        for comment in post.item.comments:
            why = _kept(comment)
            if why:
                result.left_out[why] += 1
            elif comment.id.isdigit() and (comment.parent or "0").isdigit():
                comments.append(comment)
            else:
                result.left_out["unreadable"] += 1
        if not comments:
            continue
        kept_ids = {comment.id for comment in comments}
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = post.get("Title") or post.slug
        etree.SubElement(item, "link").text = address
        etree.SubElement(item, f"{{{_WP}}}post_id").text = post.item.id
        fallback = post.date or datetime(2000, 1, 1)
        for comment in comments:
            entry = etree.SubElement(item, f"{{{_WP}}}comment")
            # A reply to a comment that is not handed over (spam, trash) becomes a comment of
            # its own: Isso would otherwise drop the whole thread's rest.
            parent = comment.parent if comment.parent in kept_ids else "0"
            values = {
                "comment_id": comment.id,
                "comment_author": comment.author,
                "comment_author_email": comment.email,
                "comment_author_url": comment.url,
                "comment_author_IP": comment.ip,
                "comment_date": comment.date,
                "comment_date_gmt": _gmt(comment, zone, fallback),
                "comment_content": comment.text,
                "comment_approved": comment.approved,
                "comment_type": "comment",
                "comment_parent": parent,
            }
            for name, value in values.items():
                etree.SubElement(entry, f"{{{_WP}}}{name}").text = _xml_text(value)
        result.threads += 1
        result.kept += len(comments)
    result.copy = etree.tostring(rss, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return result


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: without the control characters it forbids."""
    return "".join(char for char in text if char in "\t\n\r" or ord(char) >= 0x20)


def import_into_isso(copy: bytes, config: Path) -> tuple[int, int]:
    """Hand the copy to Isso's own WordPress importer, into the database its configuration
    names; returns the threads and comments it took. A thread Isso already has is left out of
    what is handed over, so running the import again adds no comment twice. (Isso's command
    line asks before it imports into a database with comments, and cannot be answered here.)"""
    try:
        from isso import config as isso_config  # noqa: PLC0415 - Isso is optional
        from isso import db as isso_db  # noqa: PLC0415
        from isso import migrate  # noqa: PLC0415
    except ImportError as error:
        raise IssoUnavailable(messages.ISSO_MISSING.fill(error=str(error))) from None
    if not config.is_file():
        raise IssoUnavailable(messages.ISSO_CONFIG_MISSING.fill(config=str(config)))
    try:
        conf = isso_config.load(isso_config.default_file(), str(config))
        conf.set("guard", "enabled", "off")  # as Isso's own `isso import` does
        database = isso_db.SQLite3(conf.get("general", "dbpath"), conf)
    except Exception as error:  # Isso's configuration errors share no narrower class
        raise IssoUnavailable(
            messages.ISSO_CONFIG_REFUSED.fill(config=str(config), error=str(error))
        ) from None
    root = etree.fromstring(copy, etree.XMLParser(resolve_entities=False, no_network=True))
    channel = root.find("channel")
    assert channel is not None
    for item in list(channel.findall("item")):
        path = _thread_of(item.findtext("link") or "")
        if path in database.threads:
            channel.remove(item)
    before = database.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    threads = len(channel.findall("item"))
    with tempfile.TemporaryDirectory() as folder:
        handed = Path(folder) / COMMENTS_NAME
        handed.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
        migrate.WordPress(database, str(handed)).migrate()
    after = database.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    return threads, int(after) - int(before)


def _thread_of(link: str) -> str:
    """The thread Isso files a link's comments under: its path (and query), as its importer."""
    url = urlparse(link)
    return url.path + (f"?{url.query}" if url.query else "")
