"""What the import tells the editor: report headings and the note each stage hands on."""

from __future__ import annotations

from dataclasses import dataclass

# Report headings for what the import changed, refused or could not carry over.
UNCONVERTED = "Unconverted content"
UNSAFE_LINKS = "Unsafe links dropped"
LINKED_MEDIA = "Media left on WordPress"
REFUSED_PATHS = "Refused paths"
ODD_TEXT = "Odd text"
CLEANED_VALUES = "Cleaned header values"


@dataclass(frozen=True)
class Note:
    """One thing the import could not map, under a report heading."""

    heading: str
    subject: str
    message: str


# The mapping file (mapping.py): its header, the comments beside terms, and its problems.
MAPPING_FILE_HEADER = (
    "# How the WordPress categories and tags of {source} become desks, places and tags.",
    "# Written by `warta import-wordpress`; fill it in, then run the import again.",
    "#",
    "# A post takes the desk of its first category that has one, else of its first tag that",
    "# has one, else `default.desk`. Its place comes the same way, else from its dateline",
    '# ("BANJARMASIN –" is Kota Banjarmasin), else `default.location`.',
    "#   desk: one of {desks}",
    "#   location: a place of the locations data file, e.g. Kota Banjarmasin",
    '#   tag: the tag the term becomes on its stories; "" for none',
    "#   name, posts: the term's WordPress name and how many posts carry it (not read)",
    "",
)
MAPPING_COULD_BE = "could be {places}: write the one meant"
MAPPING_NO_TAG = "no letters or digits, so it cannot be a tag"
MAPPING_YAML_HINT = "the mapping file is YAML: check quotes, colons and indentation"
MAPPING_NOT_A_MAPPING = "must be a list of `key: value` lines"
MAPPING_UNKNOWN_KEY = "is not a part of the mapping file"
MAPPING_KEYS_HINT = "its parts are default, categories and tags"
MAPPING_UNKNOWN_FIELD = "is not a field of the mapping file"
MAPPING_FIELDS_HINT = "fields: {fields}"
MAPPING_NOT_TEXT = "must be text on one line"
MAPPING_UNKNOWN_DESK = "'{desk}' is not one of the desks"
MAPPING_UNKNOWN_PLACE = "'{place}' is not a known place"
MAPPING_PLACE_HINT = "add it to the locations data file"
MAPPING_BAD_TAG = "'{tag}' cannot be a tag"
MAPPING_TAG_HINT = (
    "a tag is one line of at most {limit} characters, without commas, with a letter or digit"
)
MAPPING_UNREADABLE = "cannot be read ({error})"
MAPPING_UNFILED = "{count} posts get no {what} from their categories or tags, e.g. {examples}"
MAPPING_UNFILED_HINT = "give a {what} here, or to one of their categories or tags"


# Report headings: each groups the lines of one kind (report.py says which ask for an action).
MISSING_PHOTOS = "Photos missing"
CHANGED_VALUES = "Changed to fit the site"
NOT_IMPORTED = "Not imported"
WITHHELD_POSTS = "Withheld: not published"
STICKY_POSTS = "Sticky posts"
PAGES = "Pages"
COMMENTS = "Comments"
NOT_WRITTEN = "Not written"
MISSING_ALT = "Missing alt text"

# Lines under those headings, each a whole sentence with its values named.
UNTITLED = "Tanpa judul"
NO_TITLE = "it has no title; written as '{title}': give it a headline"
NO_AUTHOR = "it has no author; the byline is '{byline}'"
SLUG_CHANGED = "its slug '{slug}' is not one the site accepts; written as '{new}'"
TAG_CHANGED = (
    "written as the tag '{tag}': a tag holds no comma or line break, and at most 100 characters"
)
TAG_LEFT_OFF = "left off its stories: it has no letter or digit to make a tag's address of"
UNLISTED_TERMS = (
    "{count} categories and tags are not in it, so each took the desk or place its name names, "
    "else became a tag of its name: {names}; add them to the file to decide yourself"
)
RENAMED = "its address is taken by an earlier post or a page of the site; written as '{slug}'"
OTHER_TYPES = "items that are neither posts nor pages were left out: {kinds}"
LEFT_BEHIND = "posts and pages in the trash, auto-drafts and revisions were left out: {kinds}"
FEATURED_NOT_IN_EXPORT = "its featured photo (attachment {id}) is not in the export"
FOOTER_FROM_MENU = "the pages of the WordPress menu named for the footer"
FOOTER_TOP_LEVEL = "the top-level pages (the export names no footer menu)"

# Photos (media.py): why one could not be had, and what was done with one.
PHOTO_BAD_ADDRESS = "its address cannot be read"
PHOTO_OTHER_SITE = (
    "it is on another site ({host}), which the site's Content-Security-Policy does not let "
    "pages load from"
)
PHOTO_NOT_UPLOAD = "it is not an upload of the old site (not under wp-content/uploads)"
PHOTO_NOT_A_PHOTO = "'{suffix}' is not a photo file type"
PHOTO_NO_UPLOADS = "no --uploads folder was given"
PHOTO_NOT_IN_UPLOADS = "it is not in the uploads folder"
PHOTO_REFUSED = "its path was refused (see Refused paths)"
PHOTO_UNREADABLE = "it cannot be read ({error})"
PHOTO_NOT_WRITTEN = "it could not be written into content/images/"
PHOTO_NO_SOURCE = "nothing was found to copy"
PHOTO_TOO_BIG = "the old site sent more than {limit:,} bytes"
PHOTO_FETCH_FAILED = "the old site did not give it ({error})"
PHOTO_REDIRECTED = "the old site sent it on to another host ({host}), which is not followed"
PHOTO_TOO_MANY_PIXELS = "it is {width} x {height} pixels, over the site's limit of {limit:,}"
PHOTO_CONVERTED = (
    "kept as PNG: the site does not read {format} (an animation keeps its first frame)"
)
PHOTO_DAMAGED = "the file is damaged or not a photo"
# The mark left in a body where a photo could not be had (an HTML comment: readers never see it).
PHOTO_MARK = "photo missing: {address}; see wordpress-import-report.md"
MISSING_BODY_PHOTO = (
    "the photo {address} could not be had: {why}; find it, put it in content/images/ and link "
    "it where the mark is"
)
MISSING_GALLERY_PHOTO = (
    "the gallery photo {address} could not be had: {why}; it is left out of its gallery (the "
    "mark is above it)"
)
MISSING_FEATURED = (
    "the featured photo {address} could not be had: {why}; the story has no lead photo"
)
EMPTY_GALLERY = (
    "a gallery none of whose photos could be had is left out (the marks are where it was)"
)
FEATURED_ALT_FROM_TITLE = (
    "the featured photo {name} has no alt text; its title '{alt}' is used: describe the photo"
)
PHOTO_KEPT_AS_PNG = "the photo {address} was {note}"

# The import's own steps (importer.py).
FIELD_DROPPED = "{field} left out: the site refuses it ({problem})"
REDIRECTS_NOT_WRITTEN = (
    "the old addresses of categories, tags, writers and feeds were not added: {error}; mend "
    "the file and run the import again"
)
ALIAS_REFUSED = "its old address {alias} cannot be kept: {problem}"
ALIAS_TAKEN = "its old address {alias} already leads to an earlier item of the export"
REFUSED_BY_BUILD = "not written, the site would refuse it: {problem}"
LOCKED_POST = (
    "it was password-protected on WordPress; written as a draft, publish it by removing "
    "'Status: draft'"
)
PRIVATE = "it was private on WordPress; written as a draft, publish it by removing 'Status: draft'"
PAGES_PLACED = (
    "in the footer: {footer}; {hidden} other pages are written as hidden pages (reachable at "
    "their address, in no menu): change a page's Status to show it in the footer"
)
STICKY = (
    "WordPress kept these posts at the top of the home page; to do the same, set "
    'WARTA_FRONT_PAGE = {{"pinned": [{slugs}]}} in pelicanconf.py'
)
COMMENTS_WAITING = (
    "{count} comments are in this file, filed under the new addresses: import it into your "
    "comment server (README, Leaving WordPress)"
)
ISSO_FAILED = "not handed to Isso: {error}; import this file into Isso yourself (README)"
ISSO_DONE = "Isso took {comments} comments in {threads} threads"

# The report (report.py): its title, figures and sections.
REPORT_TITLE = "# WordPress import report"
SUMMARY_SOURCE = "From `{source}`:"
SUMMARY_POSTS = (
    "- Posts: {published} published, {scheduled} scheduled, {withheld} withheld "
    "(password-protected or private, written as drafts), {drafts} drafts."
)
SUMMARY_PAGES = "- Pages: {footer} in the footer, {hidden} hidden, {withheld} withheld or drafts."
SUMMARY_PHOTOS = (
    "- Photos: {copied} copied from the uploads folder, {fetched} fetched from the old site, "
    "{missing} missing."
)
SUMMARY_GALLERIES = "- Galleries: {galleries}, with {photos} photos."
SUMMARY_COMMENTS = (
    "- Comments: {kept} handed over in {threads} threads ({where}); left out: {left}."
)
SUMMARY_REDIRECTS = (
    "- Old addresses: {aliases} of posts and pages ({where}); {entries} entries in "
    "content/data/redirects.yaml."
)
SUMMARY_FILES = "- Files: {written} written, {unchanged} already up to date."
NOWHERE = "none to hand over"
IN_HEADERS = "in their Aliases"
IN_REDIRECTS = "in content/data/redirects.yaml until the site reads Aliases"
ACTIONS_HEADING = "## What to do"
NOTHING_TO_DO = "Nothing: every post, page, photo and comment came over."
INFO_HEADING = "## Done for you"

# The command line (cli.py).
MAPPING_WRITTEN = (
    "{path}: the {categories} categories and {tags} tags of {source}, with the desks and places "
    "their names suggest. Fill in the rest, and a default desk and place, then run the same "
    "command again."
)
IMPORT_DONE = (
    "{written} files written, {unchanged} unchanged; {actions} things to do, listed in {report}"
)
