"""News web pages: the main text and metadata of an HTML page.

trafilatura finds the main text, the title, the date, the author and the site; newslens then
mends what news pages commonly get wrong there (each case has a test page of its own):

* the publication time: trafilatura keeps the date only (00:00); the page's own
  ``article:published_time`` (or JSON-LD ``datePublished``, or a ``<time datetime>``) gives the time;
* authors given with their job ("Phil Helsel is a reporter", "Tom Gillespie News reporter");
* the outlet: trafilatura's site name can be a platform's label (an AP page's "Hosted"); a name
  that has nothing in common with the page's host gives way to the page's ``og:site_name`` or
  JSON-LD publisher, else to the host itself (``apnews.com``);
* a headline carrying its site or section (``"Storm hits coast | Editorial | Harbour Times"``);
* the headline repeated as a body paragraph, and label lines in the body (a byline
  "By Phil Helsel", "SOURCE: News agencies", "Photo: ..."), which are not the article's sentences:
  they become ``dateline`` paragraphs (labels, like a dateline), so no count takes them for prose.
"""

from __future__ import annotations

import re
from datetime import datetime

from newslens.errors import ArticleError

__all__ = ["extract_page", "clean_author", "clean_headline", "page_outlet", "published_time"]

_LABEL = re.compile(
    r"^(?:[Bb]y\s+[A-Z][\w.'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5}"
    r"|(?i:source|sources|photo|photos|image|images|credit|credits|picture|read more|related|watch|listen)\s*:.*)$"
)
_AUTHOR_JOB = re.compile(
    r",?\s+(?:(?:is|was)\s+(?:an?|the)\s+.*"
    r"|(?:(?i:news|senior|chief|staff|political|foreign|sports|business|health|science|special|investigative|deputy"
    r"|associate|managing|contributing|freelance|digital|bbc|world)\s+){0,2}"
    r"(?i:reporter|correspondent|editor|journalist|writer|contributor|columnist|producer)s?\b.*)$"
)
_JOB_WORDS = {"news", "senior", "chief", "staff", "political", "foreign", "sports", "business", "health", "science",
              "special", "investigative", "deputy", "associate", "managing", "contributing", "freelance", "digital",
              "reporter", "correspondent", "editor", "journalist", "writer", "contributor", "columnist", "producer"}
_TIME_KEYS = {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "parsely-pub-date", "sailthru.date", "dc.date.issued", "date"}


def extract_page(html: str, *, source: str = "<html>") -> tuple[str, dict[str, object], list[str]]:
    """The main text, the metadata and each paragraph's part, for an HTML page.

    Returns:
        ``(text, metadata, parts)``: the headline and the main text as paragraphs separated by
        blank lines; ``headline``, ``published`` (a ``datetime``, the page's own time when it
        gives one, or None), ``author``, ``outlet``; and one part per paragraph (``headline``,
        ``dateline`` for label lines, ``body``).

    Raises:
        ArticleError: No main text could be found in the page.

    Example:
        >>> page = "<html><head><title>Talks resume | World | Harbour Times</title></head><body><article>"
        >>> page += "<p>By Ann Lee</p><p>" + "Union and employers met again in Brussels on Friday. " * 3 + "</p>"
        >>> text, meta, parts = extract_page(page + "</article></body></html>")
        >>> meta["headline"], parts
        ('Talks resume', ['headline', 'dateline', 'body'])
    """
    import trafilatura  # lazy: 0.2 s to import, and only HTML pages need it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise ArticleError(
            f"{source}: no article text found in the HTML page. Fix: save the article's own page, "
            "or copy its text into a .txt file.",
            path=source,
        )
    outlet = page_outlet(html, sitename=getattr(doc, "sitename", None), host=getattr(doc, "hostname", None))
    title = clean_headline((getattr(doc, "title", None) or "").strip(), outlet=outlet)
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    same = _comparable(title)
    paragraphs = [p for i, p in enumerate(paragraphs) if not (title and i < 4 and _comparable(p) == same)]
    parts = (["headline"] if title else []) + ["dateline" if _is_label(p) else "body" for p in paragraphs]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    meta = {
        "headline": title or None,
        "published": published_time(html, date=getattr(doc, "date", None)),
        "author": clean_author(getattr(doc, "author", None)),
        "outlet": outlet,
    }
    return text, meta, parts


def page_outlet(html: str, *, sitename: str | None = None, host: str | None = None) -> str | None:
    """The outlet's name: the page's own (``og:site_name``, JSON-LD publisher) or trafilatura's
    reading (``sitename``), the first that fits the page's host; the host when none does.

    Example:
        >>> page_outlet('<meta property="og:site_name" content="AP News">', sitename="Hosted", host="apnews.com")
        'AP News'
        >>> page_outlet("", sitename="Hosted", host="www.apnews.com")
        'apnews.com'
        >>> page_outlet("", sitename="Harbour Times")
        'Harbour Times'
    """
    candidates = [*_meta_values(html, "og:site_name"),
                  *re.findall(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]+)"', html), sitename or ""]
    candidates = [c.strip() for c in candidates if c and c.strip()]
    if not host:
        return candidates[0] if candidates else None
    host = re.sub(r"^www\d*\.", "", host.lower())
    return next((c for c in candidates if _fits_host(c, host)), host)


def _fits_host(name: str, host: str) -> bool:
    """Whether a site name could be that host's: one of its words, or its initials, in the host name."""
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"the", "news", "www", "com"}]
    initials = "".join(w[0] for w in re.findall(r"[a-z0-9]+", name.lower()))
    label = host.rsplit(".", 1)[0]
    return any(len(w) > 1 and w in label for w in words) or (len(initials) > 1 and initials in label)


def _meta_values(html: str, keys: str | set[str]) -> list[str]:
    """The content of each ``<meta>`` whose property, name or itemprop is one of ``keys``, in page order."""
    keys = {keys} if isinstance(keys, str) else keys
    values = []
    for tag in re.findall(r"<meta\b[^>]*>", html, flags=re.I):
        found = re.search(r"(?:property|name|itemprop)\s*=\s*[\"']([^\"']+)", tag, flags=re.I)
        content = re.search(r"content\s*=\s*[\"']([^\"']+)", tag, flags=re.I)
        if found and content and found.group(1).strip().lower() in keys:
            values.append(content.group(1))
    return values


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", clean_headline(text).casefold()))


def _is_label(paragraph: str) -> bool:
    return len(paragraph.split()) <= 12 and bool(_LABEL.match(paragraph))


def clean_headline(title: str, *, outlet: str | None = None) -> str:
    """The headline without the site or section a page appends to it.

    Example:
        >>> clean_headline("Storm hits coast | Editorial | Harbour Times")
        'Storm hits coast'
        >>> clean_headline("Biden - the comeback - Harbour Times", outlet="Harbour Times")
        'Biden - the comeback'
    """
    while "|" in title:  # "Headline | Section | Site": a pipe always separates labels
        head, _, tail = title.rpartition("|")
        if not head.strip() or len(tail.split()) > 6:
            break
        title = head.strip()
    if outlet:
        for dash in (" - ", " – ", " — ", ": "):
            if title.casefold().endswith((dash + outlet).casefold()):
                title = title[: -len(dash + outlet)].strip()
    return title


def clean_author(author: str | None) -> str | None:
    """Authors without their job: "Phil Helsel is a reporter" -> "Phil Helsel".

    Example:
        >>> clean_author("Phil Helsel is a reporter; Tom Gillespie News reporter")
        'Phil Helsel; Tom Gillespie'
    """
    if not author:
        return None
    names = [_AUTHOR_JOB.sub("", name.strip()).strip(" ,") for name in author.split(";")]
    names = [n for n in names if n and not set(n.lower().split()) <= _JOB_WORDS]  # "Senior", split off a job
    return "; ".join(names) or None


def published_time(html: str, *, date: object = None) -> datetime | None:
    """When the page says it was published, to the minute where it says so.

    The page's own metadata (``article:published_time``, JSON-LD ``datePublished``, a ``<time
    datetime>``) is read first, as the time the page gives (its offset dropped); a value on
    another day than ``date`` (trafilatura's reading) is passed over. Without a time, the date
    at 00:00.
    """
    day = None
    if date:
        try:
            day = datetime.fromisoformat(str(date))
        except ValueError:
            day = None
    for value in _time_values(html):
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if len(value.strip()) > 10 and (day is None or when.date() == day.date()):
            return when.replace(tzinfo=None)
    return day


def _time_values(html: str) -> list[str]:
    values = _meta_values(html, _TIME_KEYS)
    values += re.findall(r'"datePublished"\s*:\s*"([^"]+)"', html)
    values += re.findall(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)", html, flags=re.I)
    return values
