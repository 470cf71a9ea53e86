"""The one data model that flows through Cuttings: Article -> Paragraph -> Speaker."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Callable, Literal

SpeakerKind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Speaker:
    """Someone whose words a paragraph reports.

    `name` is canonical: the full name when the article gives it ("Tony Blair",
    never "Blair" or "he"); unnamed sources keep their description
    ("a senior European diplomat").
    """

    name: str
    role: str | None = None
    kind: SpeakerKind = "indirect"
    # Where the speaker's words are in the paragraph text: (start, end)
    # character offsets of each direct quote (without its marks) or reported
    # clause that is theirs, in text order.
    # They are notes on the paragraph, not part of who speaks: equality and hash leave them out.
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        """The name alone: what a reader (or a scorer given strings) expects."""
        return self.name


def renamed_speakers(speakers: list[Speaker], rename: Callable[[str], str]) -> list[Speaker]:
    """Each speaker under `rename(name)`; one speaker named twice becomes one (with a role if
    either had one, direct if either was quoted directly, and the words of both)."""
    out: dict[str, Speaker] = {}
    for s in speakers:
        name = rename(s.name)
        here = replace(s, name=name) if name != s.name else s
        before = out.get(name)
        if before is not None:
            here = replace(before, role=before.role or here.role,
                           kind="direct" if "direct" in (before.kind, here.kind) else "indirect",
                           spans=tuple(sorted(set(before.spans) | set(here.spans))))
        out[name] = here
    return list(out.values())


@dataclass
class Paragraph:
    n: int  # 0-based position in the article body; the anchor is #p<n>
    text: str
    speakers: list[Speaker] = field(default_factory=list)


def paragraph_number(n: int) -> int:
    """The number a reader sees for paragraph `n`: 1 for the first. The anchor (#p<n>), the
    JSON and the CSV keep the 0-based `n`, so links made before stay on their paragraph."""
    return n + 1


@dataclass
class Article:
    id: str = ""
    title: str = ""
    standfirst: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | datetime | None = None
    site: str | None = None
    url: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    agency: str | None = None  # news agency named in a dateline, e.g. "Reuters"
    source_name: str | None = None  # file name under sources/ this article came from
    tags: list[str] = field(default_factory=list)  # the user's tags (projects), from the library's curation
    added: datetime | None = None  # when its source entered the library (UTC): what dates an undated one in a feed

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published
