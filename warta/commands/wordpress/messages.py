"""What the import tells the editor: report headings and the note each stage hands on."""

from __future__ import annotations

from dataclasses import dataclass

from warta.messages import Text, t

# Report headings for what the import changed, refused or could not carry over.
UNCONVERTED = t("Unconverted content")
UNSAFE_LINKS = t("Unsafe links dropped")
LINKED_MEDIA = t("Media left on WordPress")
REFUSED_PATHS = t("Refused paths")
ODD_TEXT = t("Odd text")
CLEANED_VALUES = t("Cleaned header values")


@dataclass(frozen=True)
class Note:
    """One thing the import could not map, under a report heading."""

    heading: Text
    subject: str
    message: Text


# The export (wxr.py): why it cannot be read, and what is odd in a field's text.
NOT_XML = t("not well-formed XML: {error}")
NOT_WXR = t("not a WordPress export: no <rss><channel>")
ODD_UNDECLARED = t("{field}: &{entity}; is not declared in the XML; read as HTML")
ODD_UNKNOWN_ENTITY = t("{field}: &{entity}; is no entity HTML knows; kept as text")
ODD_MORE_ENTITIES = t("{field}: {count} more undeclared entities")
ODD_ELEMENTS = t("{field}: XML elements {tags} inside it; their text kept")
# The export's fields, as those lines name them.
FIELD_TITLE = t("title")
FIELD_BODY = t("body")
FIELD_EXCERPT = t("excerpt")
FIELD_AUTHOR = t("author")
FIELD_CUSTOM = t("custom field")
FIELD_DISPLAY_NAME = t("display name")
FIELD_LOGIN = t("login")

# A body (markdown.py, shortcodes.py): what could not be converted, or was dropped as unsafe.
TOO_DEEP = t("nested too deeply to convert; its text kept as plain paragraphs")
LINK_TO_WORDPRESS = t("link to {address} still points at WordPress")
BLOCK_NOT_CONVERTED = t("block wp:{name} not converted; only its text, if any, kept")
ELEMENT_LEFT_OUT = t("{what} (<{element}>) left out")
BACKGROUND_LEFT_OUT = t("background photo {address} (in a style attribute) left out")
NESTED_LINK = t("link inside another link: the inner address left out")
UNSAFE_LINK = t("link to a {scheme}: address dropped; its text '{words}' kept")
PHOTO_NO_ADDRESS = t("photo without an address left out")
UNSAFE_PHOTO = t("photo with a {scheme}: address dropped")
PHOTO_NO_ALT = t("photo {name} has no alt text")
GALLERY_EMPTY = t("gallery without photos left out")
GALLERY_NESTED = t("gallery inside a quote, list or table kept as its photos")
GALLERY_PHOTO_NO_ADDRESS = t("gallery photo without an address left out")
UNSAFE_GALLERY_PHOTO = t("gallery photo with a {scheme}: address dropped")
GALLERY_ALT_FROM_TITLE = t("gallery photo {name} has no alt text; its title '{alt}' is used")
GALLERY_PHOTO_NO_ALT = t("gallery photo {name} has no alt text; left out of the gallery")
FRAME_LEFT_OUT = t("embedded frame from {host} left out")
UNKNOWN_HOST = t("an unknown site")
PLAYER_NO_FILE = {
    "Audio": t("audio player without a file left out"),
    "Video": t("video player without a file left out"),
}
UNSAFE_PLAYER = {
    "Audio": t("audio with a {scheme}: address dropped"),
    "Video": t("video with a {scheme}: address dropped"),
}
FORM_LEFT_OUT = t("form left out; its text kept")
GALLERY_NOT_IN_EXPORT = t("[gallery] shortcode of the post's own photos, but none is in the export")
GALLERY_PHOTO_NOT_ATTACHMENT = t(
    "[gallery] photo {number} is not an attachment in the export; left out"
)
SHORTCODE_LEFT_OUT = t("[{name}] shortcode left out")
# What each kind of element dropped from a body is (markdown.py names them by tag).
DROPPED_ELEMENTS = {
    "script": t("script"),
    "noscript": t("script fallback"),
    "style": t("style sheet"),
    "link": t("linked style sheet"),
    "meta": t("meta tag"),
    "base": t("base address"),
    "template": t("template"),
    "object": t("embedded object"),
    "embed": t("embedded object"),
    "applet": t("applet"),
    "canvas": t("canvas drawing"),
    "svg": t("SVG drawing"),
    "math": t("formula (MathML)"),
    "frameset": t("frameset"),
    "frame": t("frame"),
    "input": t("form field"),
    "select": t("form field"),
    "textarea": t("form field"),
    "button": t("form button"),
}

# A post (posts.py): its dates and byline.
NOT_A_DATE = t("its date '{date}' is not a date")
NO_DATE = t("it has no date")
UNREADABLE_DATES = t("Unreadable dates")
UPDATE_TIME_LEFT_OUT = t("update time left out: {problem}")
BYLINES = t("Bylines")
UNKNOWN_AUTHOR = t("'{login}' is not among the export's authors; the login is used as the byline")
# Header values cleaned (text.py): what was changed, and the line that lists the changes.
CLEANED = t("{field} '{value}': {changes}")
LINE_BREAKS_REMOVED = t("line breaks or control characters removed")
COMMAS_REPLACED = t("commas, which separate names, replaced by spaces")
CUT_SHORT = t("{length} characters cut to {limit}")

# The comment server (comments.py).
ISSO_MISSING = t("Isso is not installed here ({error})")
ISSO_CONFIG_MISSING = t("{config} is not a file")
ISSO_CONFIG_REFUSED = t("Isso cannot use {config}: {error}")

# The mapping file (mapping.py): its header, the comments beside terms, and its problems.
# Paragraphs of the header, each a whole sentence (wrapped as comment lines), then one line for
# each field of a term.
MAPPING_FILE_HEADER = (
    t("How the WordPress categories and tags of {source} become desks, places and tags."),
    t("Written by `warta import-wordpress`; fill it in, then run the import again."),
    t(
        "A post takes the desk of its first category that has one, else of its first tag that "
        "has one, else `default.desk`. Its place comes the same way, else from its dateline "
        '("BANJARMASIN –" is Kota Banjarmasin), else `default.location`.'
    ),
)
MAPPING_FILE_FIELDS = (
    t("desk: one of {desks}"),
    t("location: a place of the locations data file, e.g. Kota Banjarmasin"),
    t('tag: the tag the term becomes on its stories; "" for none'),
    t("name, posts: the term's WordPress name and how many posts carry it (not read)"),
)
MAPPING_COULD_BE = t("could be {places}: write the one meant")
MAPPING_NO_TAG = t("no letters or digits, so it cannot be a tag")
# The YAML reader's own words (PyYAML's, in English), after ours.
MAPPING_YAML_ERROR = t("cannot be read as YAML: {reason}")
MAPPING_DESKS_HINT = t("desks: {desks}")
MAPPING_YAML_HINT = t("the mapping file is YAML: check quotes, colons and indentation")
MAPPING_NOT_A_MAPPING = t("must be a list of `key: value` lines")
MAPPING_UNKNOWN_KEY = t("is not a part of the mapping file")
MAPPING_KEYS_HINT = t("its parts are default, categories and tags")
MAPPING_UNKNOWN_FIELD = t("is not a field of the mapping file")
MAPPING_FIELDS_HINT = t("fields: {fields}")
MAPPING_NOT_TEXT = t("must be text on one line")
MAPPING_UNKNOWN_DESK = t("'{desk}' is not one of the desks")
MAPPING_UNKNOWN_PLACE = t("'{place}' is not a known place")
MAPPING_PLACE_HINT = t("add it to the locations data file")
MAPPING_BAD_TAG = t("'{tag}' cannot be a tag")
MAPPING_TAG_HINT = t(
    "a tag is one line of at most {limit} characters, without commas, with a letter or digit"
)
MAPPING_UNREADABLE = t("cannot be read ({error})")
MAPPING_UNFILED = t("{count} posts get no {what} from their categories or tags, e.g. {examples}")
MAPPING_UNFILED_HINT = t("give a {what} here, or to one of their categories or tags")


# Report headings: each groups the lines of one kind (report.py says which ask for an action).
KEPT_AS_EDITED = t("Kept as edited")
MISSING_PHOTOS = t("Photos missing")
CHANGED_VALUES = t("Changed to fit the site")
NOT_IMPORTED = t("Not imported")
WITHHELD_POSTS = t("Withheld: not published")
STICKY_POSTS = t("Sticky posts")
PAGES = t("Pages")
COMMENTS = t("Comments")
NOT_WRITTEN = t("Not written")
MISSING_ALT = t("Missing alt text")

# Lines under those headings, each a whole sentence with its values named.
# A headline for a post that has none: a stand-in in the story itself (not a message), which
# the editor is told to replace.
UNTITLED = "Tanpa judul"
NO_TITLE = t("it has no title; written as '{title}': give it a headline")
NO_AUTHOR = t("it has no author; the byline is '{byline}'")
SLUG_CHANGED = t("its slug '{slug}' is not one the site accepts; written as '{new}'")
TAG_CHANGED = t(
    "written as the tag '{tag}': a tag holds no comma or line break, and at most 100 characters"
)
TAG_LEFT_OFF = t("left off its stories: it has no letter or digit to make a tag's address of")
UNLISTED_TERMS = t(
    "{count} categories and tags are not in it, so each took the desk or place its name names, "
    "else became a tag of its name: {names}; add them to the file to decide yourself"
)
RENAMED = t("its address is taken by an earlier post or a page of the site; written as '{slug}'")
OTHER_TYPES = t("items that are neither posts nor pages were left out: {kinds}")
LEFT_BEHIND = t("posts and pages in the trash, auto-drafts and revisions were left out: {kinds}")
FEATURED_NOT_IN_EXPORT = t("its featured photo (attachment {id}) is not in the export")
FOOTER_FROM_MENU = t("the pages of the WordPress menu named for the footer")
FOOTER_TOP_LEVEL = t("the top-level pages (the export names no footer menu)")

# Photos (media.py): why one could not be had, and what was done with one.
PHOTO_BAD_ADDRESS = t("its address cannot be read")
PHOTO_OTHER_SITE = t(
    "it is on another site ({host}), which the site's Content-Security-Policy does not let "
    "pages load from"
)
PHOTO_NOT_UPLOAD = t("it is not an upload of the old site (not under wp-content/uploads)")
PHOTO_NOT_A_PHOTO = t("'{suffix}' is not a photo file type")
PHOTO_NO_UPLOADS = t("no --uploads folder was given")
PHOTO_NOT_IN_UPLOADS = t("it is not in the uploads folder")
PHOTO_REFUSED = t("its path was refused (see Refused paths)")
PHOTO_UNREADABLE = t("it cannot be read ({error})")
PHOTO_NOT_WRITTEN = t("it could not be written into content/images/")
PHOTO_NO_SOURCE = t("nothing was found to copy")
PHOTO_TOO_BIG = t("the old site sent more than {limit:,} bytes")
PHOTO_FETCH_FAILED = t("the old site did not give it ({error})")
PHOTO_REDIRECTED = t("the old site sent it on to another host ({host}), which is not followed")
PHOTO_TOO_MANY_PIXELS = t("it is {width} x {height} pixels, over the site's limit of {limit:,}")
PHOTO_CONVERTED = t(
    "kept as PNG: the site does not read {format} (an animation keeps its first frame)"
)
PHOTO_DAMAGED = t("the file is damaged or not a photo")
# The mark left in a body where a photo could not be had (an HTML comment: readers never see it).
PHOTO_MARK = t("photo missing: {address}; see wordpress-import-report.md")
MISSING_BODY_PHOTO = t(
    "the photo {address} could not be had: {why}; find it, put it in content/images/ and link "
    "it where the mark is"
)
MISSING_GALLERY_PHOTO = t(
    "the gallery photo {address} could not be had: {why}; it is left out of its gallery (the "
    "mark is above it)"
)
MISSING_FEATURED = t(
    "the featured photo {address} could not be had: {why}; the story has no lead photo"
)
EMPTY_GALLERY = t(
    "a gallery none of whose photos could be had is left out (the marks are where it was)"
)
FEATURED_ALT_FROM_TITLE = t(
    "the featured photo {name} has no alt text; its title '{alt}' is used: describe the photo"
)
PHOTO_KEPT_AS_PNG = t("the photo {address} was {note}")

# The import's own steps (importer.py).
# The files the import writes (files.py): a path that would lead out of its folder, a file an
# editor changed.
PATH_OUTSIDE = t("leads out of the folder")
PATH_UNUSABLE = t("is not a usable file name")
PATH_UNRESOLVED = t("cannot be resolved")
PATH_SYMLINK_OUT = t("is a symlink, or lies under one, that leads out of the folder")
PATH_NOT_WRITTEN = t("content/{path} {refusal}; not written")
PATH_UNWRITABLE = t("cannot be written ({error})")
PATH_NOT_READ = t("{path} in {folder} {refusal}; not read")
CHANGED_SINCE_IMPORT = t("changed since it was imported; not overwritten")
NOT_IMPORTED_BEFORE = t("already there, not written by an import; not overwritten")
MANIFEST_UNREADABLE = t("cannot be read ({error}); files already there are kept")
PHOTO_FETCH_ERROR = t("{code} {reason}")
REFUSAL_WITH_HINT = t("{message} ({hint})")
REDIRECTS_NOT_A_LIST = t("it is not a list of from/to entries")
NONE = t("none")
# What a story lacks when the mapping files it nowhere.
WHAT_DESK = t("desk")
WHAT_PLACE = t("place")
FIELD_DROPPED = t("{field} left out: the site refuses it ({problem})")
REDIRECTS_NOT_WRITTEN = t(
    "the old addresses of categories, tags, writers and feeds were not added: {error}; mend "
    "the file and run the import again"
)
ALIAS_REFUSED = t("its old address {alias} cannot be kept: {problem}")
ALIAS_TAKEN = t("its old address {alias} already leads to an earlier item of the export")
REFUSED_BY_BUILD = t("not written, the site would refuse it: {problem}")
LOCKED_POST = t(
    "it was password-protected on WordPress; written as a draft, publish it by removing "
    "'Status: draft'"
)
PRIVATE = t(
    "it was private on WordPress; written as a draft, publish it by removing 'Status: draft'"
)
PAGES_PLACED = t(
    "in the footer: {footer}; {hidden} other pages are written as hidden pages (reachable at "
    "their address, in no menu): change a page's Status to show it in the footer"
)
STICKY = t(
    "WordPress kept these posts at the top of the home page; to do the same, set "
    'WARTA_FRONT_PAGE = {{"pinned": [{slugs}]}} in pelicanconf.py'
)
COMMENTS_WAITING = t(
    "{count} comments are in this file, filed under the new addresses: import it into your "
    "comment server (README, Leaving WordPress)"
)
ISSO_FAILED = t("not handed to Isso: {error}; import this file into Isso yourself (README)")
ISSO_DONE = t("Isso took {comments} comments in {threads} threads")

# The report (report.py): its title, figures and sections.
REPORT_TITLE = t("# WordPress import report")
SUMMARY_SOURCE = t("From `{source}`:")
SUMMARY_POSTS = t(
    "- Posts: {published} published, {scheduled} scheduled, {withheld} withheld "
    "(password-protected or private, written as drafts), {drafts} drafts."
)
SUMMARY_PAGES = t(
    "- Pages: {footer} in the footer, {hidden} hidden, {withheld} withheld or drafts."
)
SUMMARY_PHOTOS = t(
    "- Photos: {copied} copied from the uploads folder, {fetched} fetched from the old site, "
    "{missing} missing."
)
SUMMARY_GALLERIES = t("- Galleries: {galleries}, with {photos} photos.")
SUMMARY_COMMENTS = t(
    "- Comments: {kept} handed over in {threads} threads ({where}); left out: {left}."
)
SUMMARY_REDIRECTS = t(
    "- Old addresses: {aliases} of posts and pages ({where}); {entries} entries in "
    "content/data/redirects.yaml."
)
SUMMARY_FILES = t("- Files: {written} written, {unchanged} already up to date.")
NOWHERE = t("none to hand over")
IN_HEADERS = t("in their Aliases")
IN_REDIRECTS = t("in content/data/redirects.yaml until the site reads Aliases")
ACTIONS_HEADING = t("## What to do")
NOTHING_TO_DO = t("Nothing: every post, page, photo and comment came over.")
INFO_HEADING = t("## Done for you")

# The command line (cli.py).
NOTHING_IMPORTED = t("nothing was imported")
FETCH_FROM_NOT_AN_ADDRESS = t("--fetch-from {address}: give the old site's address, https://...")
MAPPING_WRITTEN = t(
    "{path}: the {categories} categories and {tags} tags of {source}, with the desks and places "
    "their names suggest. Fill in the rest, and a default desk and place, then run the same "
    "command again."
)
IMPORT_DONE = t(
    "{written} files written, {unchanged} unchanged; {actions} things to do, listed in {report}"
)
