"""What the import tells the editor: report headings and the note each stage hands on."""

from __future__ import annotations

from dataclasses import dataclass

# Report headings for what the import changed, refused or could not carry over.
MISSING_IMAGES = "Missing images"
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
