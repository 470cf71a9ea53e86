"""Saved HTML pages through search.ingest.parse: body, metadata, captions, furniture, refusals.

Fixtures in tests/fixtures/html/ are small pages written for the project (invented text).
The last test runs a sample of ../shared/corpus/html and skips when it is absent.
"""
from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from search.errors import IngestError
from search.ingest import parse
from search.ingest.bylines import looks_like_byline, names_from_jsonld, split_byline
from search.ingest.html.hygiene import clean_paragraphs, is_furniture
from search.ingest.html.jsonld import read_jsonld
from search.ingest.sites import split_site_suffix

REPO = Path(__file__).resolve().parents[1]
HTML = REPO / "tests" / "fixtures" / "html"
SHARED_HTML = REPO.parent / "shared" / "corpus" / "html"


def page(name: str):
    return parse((HTML / name).read_bytes(), filename=name)


def texts(article) -> list[str]:
    return [p.text for p in article.paragraphs]


@pytest.fixture(scope="module")
def harbour():
    return page("harbour-jsonld-graph.html")


# ------------------------------------------------------------------------------------------- metadata

def test_jsonld_graph_gives_headline_section_date_and_referenced_authors(harbour):
    assert harbour.title == "Portville council approves harbour plan after long night"
    assert harbour.section == "Local politics"
    assert harbour.authors == ["Maria Lopez", "Tom Reed"]  # resolved from @id references in @graph
    assert harbour.published_date == date(2024, 5, 3)
    assert harbour.site == "The Coastal Ledger"
    assert harbour.url == "https://coastal-ledger.example/news/2024/05/03/harbour-plan-approved"
    assert harbour.standfirst == "Ferry operators and fishermen split over the £40m scheme to deepen the old basin"


def test_cdata_jsonld_is_read_and_broken_blocks_are_skipped():
    article = page("library-cdata-jsonld.html")
    assert article.title == "Library reopens after flood repairs"
    assert article.published == datetime.fromisoformat("2023-11-20T08:15:00-05:00")
    assert article.section == "Community"  # first of a list
    assert article.authors == ["Elena Marsh", "Dev Patel"]  # organisation dropped, capitals fixed
    assert article.site == "Valley Courier"


def test_meta_tags_when_jsonld_does_not_parse():
    article = page("bakery-broken-jsonld.html")
    assert article.title == "Family bakery wins national bread prize"  # " :: Northern Gazette" cut
    assert article.published_date == date(2022, 9, 14)  # article:published_time, not parsely's
    assert article.section == "Business"
    assert article.authors == ["Ann Lee", "Bo Chan"]  # "By Ann Lee and Bo Chan, Staff Reporters"
    assert article.site == "Northern Gazette"


def test_read_jsonld_never_raises_on_junk():
    tree = load_html(
        "<html><head>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A",}</script>'
        '<script type="application/ld+json">not json at all {{{</script>'
        '<script type="application/ld+json"><![CDATA[{"@graph": [{"@type": "Person", "name": "B"}]}]]></script>'
        "</head><body><p>x</p></body></html>"
    )
    objects = read_jsonld(tree)
    assert {"headline": "A"}.items() <= objects[0].items()  # trailing comma repaired
    assert any(o.get("name") == "B" for o in objects)  # CDATA unwrapped, @graph flattened


# ------------------------------------------------------------------------------------------- body

def test_paragraphs_come_in_order_with_dateline_kept(harbour):
    paragraphs = texts(harbour)
    assert paragraphs[0].startswith("PORTVILLE, May 3 (Coastal Wire) - Portville's council approved")
    assert paragraphs[-1].startswith("Peter Gallo, who has fished out of Portville")
    assert len(paragraphs) == 6


def test_caption_and_credit_never_become_paragraphs(harbour):
    joined = "\n".join(texts(harbour))
    assert "Getty Images" not in joined
    assert "Fishing boats moored" not in joined


def test_credit_glued_to_a_sentence_is_cut_and_the_sentence_kept(harbour):
    assert any(p.startswith("The fishermen's association had asked") for p in texts(harbour))


def test_share_newsletter_read_more_byline_and_footer_are_dropped(harbour):
    joined = "\n".join(texts(harbour))
    for furniture in ("Share this article", "newsletter", "Read more", "By Maria Lopez", "All rights reserved",
                      "Privacy policy"):
        assert furniture not in joined


def test_byline_repeated_as_a_paragraph_and_social_line_are_dropped():
    paragraphs = texts(page("bakery-broken-jsonld.html"))
    assert "By Ann Lee and Bo Chan" not in paragraphs
    assert not any(p.startswith("Follow us") for p in paragraphs)
    assert len(paragraphs) == 4


def test_ap_photo_caption_is_dropped():
    joined = "\n".join(texts(page("library-cdata-jsonld.html")))
    assert "AP Photo" not in joined and "Volunteers restock" not in joined


# ------------------------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("name", ["cafe-cp1252.html", "cafe-latin1-declared.html"])
def test_legacy_encoded_page_is_decoded(name):
    article = page(name)
    assert article.title == "Café owner’s “last espresso” draws crowd"
    assert texts(article)[1].startswith("“I don’t know what I’ll do with my mornings,” Álvarez said")
    assert "—" in texts(article)[3]


def test_mojibake_in_a_page_is_repaired():
    raw = (HTML / "harbour-jsonld-graph.html").read_text(encoding="utf-8")
    broken = raw.replace("Portville's council", "Portvilleâ€™s council")
    article = parse(broken.encode("utf-8"), filename="broken.html")
    assert texts(article)[0].startswith("PORTVILLE, May 3 (Coastal Wire) - Portville’s council")


# ------------------------------------------------------------------------------------------- refusals

def test_listing_page_is_refused_with_its_name():
    with pytest.raises(IngestError, match="listing-page.html"):
        page("listing-page.html")


def test_a_front_page_of_teasers_is_refused_with_its_name():
    with pytest.raises(IngestError, match="courier-front-page.html.*front page"):
        page("courier-front-page.html")


def test_error_page_is_refused_with_its_name():
    with pytest.raises(IngestError, match="not-found.html.*error page"):
        page("not-found.html")


def test_png_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(IngestError, match="photo.png is a PNG image"):
        parse(png, filename="photo.png")


def test_zip_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.html", "<html><body><p>Hello</p></body></html>")
    with pytest.raises(IngestError, match="cuttings.zip is a zip archive"):
        parse(buffer.getvalue(), filename="cuttings.zip")


# ------------------------------------------------------------------------------------------- authors / titles

@pytest.mark.parametrize(
    "byline, names",
    [
        ("By Henry Foy in Moscow and Ben Hall in London", ["Henry Foy", "Ben Hall"]),
        ("By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM", ["Gillian Mohney"]),
        ("By Ed Hornick, CNN", ["Ed Hornick"]),
        ("Emma Brockes; John Smith", ["Emma Brockes", "John Smith"]),
        ("By Steven Mufson, Senior Correspondent", ["Steven Mufson"]),
        ("Sign In | Sign Up", []),
        ("Associated Press", []),
    ],
)
def test_split_byline(byline, names):
    assert split_byline(byline) == names


def test_jsonld_authors_skip_organisations():
    value = [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Reuters"}, "By Sam Roe"]
    assert names_from_jsonld(value) == ["Jane Doe", "Sam Roe"]


def test_byline_line_is_told_from_a_sentence():
    assert looks_like_byline("By Henry Foy in Moscow")
    assert not looks_like_byline("By Tuesday, the talks had collapsed.")


@pytest.mark.parametrize(
    "title, site, url, expected",
    [
        ("Talks collapse | The Guardian", "The Guardian", None, ("Talks collapse", "The Guardian")),
        ("Hermitian matrix - Wikipedia", None, "https://en.wikipedia.org/wiki/Hermitian_matrix",
         ("Hermitian matrix", "Wikipedia")),
        ("Gaza: talks fail", None, None, ("Gaza: talks fail", None)),
        ("Biden wins big - again", None, None, ("Biden wins big - again", None)),
        # a person quoted in the headline is not a site, whatever the URL
        ("Abortion not a poll issue - Blair", None, "http://news.bbc.co.uk/1/hi/uk_politics/4.stm",
         ("Abortion not a poll issue - Blair", None)),
        ("Abortion not a poll issue - Blair", None, None, ("Abortion not a poll issue - Blair", None)),
        # a publication by its own words, with no other evidence
        ("Tram line approved - The Kessington Courier", None, None, ("Tram line approved", "The Kessington Courier")),
        ("Why bread rises | eHow.com", None, None, ("Why bread rises", "eHow.com")),
        # the URL's host names the site, at the start as well as the end
        ("BBC News - Tram line approved", None, "https://www.bbc.co.uk/news/x", ("Tram line approved", "BBC News")),
    ],
)
def test_site_suffix(title, site, url, expected):
    assert split_site_suffix(title, url=url, names=[site]) == expected


def test_known_site_names_are_evidence_too():
    assert split_site_suffix("Tram line approved - Ledger", known_sites={"The Ledger"}) == ("Tram line approved",
                                                                                              "Ledger")
    assert split_site_suffix("Tram line approved - Ledger") == ("Tram line approved - Ledger", None)


# ------------------------------------------------------------------------------------------- shared corpus

@pytest.mark.skipif(not SHARED_HTML.is_dir(), reason="../shared/corpus/html is absent")
def test_sample_of_shared_pages_ingests_or_is_refused_cleanly():
    pages = sorted(p for p in SHARED_HTML.rglob("*.htm*") if not p.name.startswith("expected"))
    sample = random.Random(4).sample(pages, min(40, len(pages)))  # fixed sample: fast, and the same every run
    ingested = 0
    for path in sample:
        try:
            article = parse(path.read_bytes(), filename=path.name)
        except IngestError as exc:
            assert path.name in str(exc)
            continue
        ingested += 1
        assert article.paragraphs and article.id
    assert ingested >= len(sample) * 0.8


@pytest.mark.parametrize(
    "line", ["Read more: Ferry firm warns of job losses", "Related articles", "Advertisement", "Share this article",
             "Loading weather data ...", "— Ann Lee (@annlee) May 3, 2024", "24 July 2015", "Topics: harbour, council"]
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line", ["Advertising revenue fell 20% last year, the company said.", "Related charges were filed on Monday.",
             "Loading the trucks took three hours.", "Sponsored by the state, the scheme helps farmers.",
             "LONDON (Reuters) - Talks failed on Friday."]
)
def test_body_sentences_that_start_like_furniture_are_kept(line):
    assert not is_furniture(line)


def test_gallery_slide_captions_are_dropped_but_a_lone_fraction_is_kept():
    slides = [f"{k}/20 Harbour at dusk Boats return to the quay." for k in range(1, 5)]
    body = ["9/11 changed how the port is guarded, the harbour master said."]
    assert clean_paragraphs(slides + body) == body


def test_headlines_under_a_related_heading_are_dropped_and_the_body_after_them_kept():
    blocks = ["The council met on Friday.", "More Must-Reads From The Ledger", "Bridge closed for repairs",
              "Library reopens after flood", "The vote is due next week, officials said."]
    assert clean_paragraphs(blocks) == ["The council met on Friday.", "The vote is due next week, officials said."]


# ------------------------------------------------------------------------------------------- structure

@pytest.fixture(scope="module")
def quarry():
    return page("quarry-br-paragraphs.html")


def test_blank_line_inside_one_paragraph_splits_it_and_a_single_break_does_not(quarry):
    paragraphs = texts(quarry)
    assert paragraphs[0].startswith("The old granite quarry above Fellbridge")
    assert paragraphs[0].endswith("ended six years of argument.")
    assert paragraphs[1] == ("Lifeguards will be on duty every afternoon from June to September, and a small kiosk by "
                             "the car park will sell tickets, towels and hot drinks to swimmers. Entry will cost two "
                             "pounds for adults and nothing for children under twelve.")
    assert paragraphs[2].startswith("Neighbours who opposed the plan")


def test_contact_line_and_question_headlines_under_a_links_heading_are_dropped(quarry):
    joined = "\n".join(texts(quarry))
    assert "marta.quill@" not in joined
    assert "Is the village green big enough" not in joined
    assert "Bakery on Mill Street" not in joined


def test_author_meta_with_space_separated_properties_beats_a_placeholder(quarry):
    assert quarry.authors == ["Marta Quill"]


def test_byline_spans_glued_without_spaces_give_the_name():
    assert split_byline("ByJ.R. Stone Tuesday, May 7, 2024 9:15AM") == ["J.R. Stone"]


def test_reader_comments_under_other_names_are_neither_body_nor_byline():
    article = page("mill-reader-comments.html")
    joined = "\n".join(texts(article))
    assert texts(article)[0].startswith("El viejo molino de Sant Joan")
    assert "El alcalde dijo" in joined
    assert "mi abuelo" not in joined and "baches" not in joined and "Hace 28 minutos" not in joined
    assert "opinión de los lectores" not in joined
    assert "Tomeu Ferrer Vidal" not in article.authors


def test_date_printed_under_the_headline_beats_the_years_of_cited_works():
    # microdata datePublished "1998" / "2006" belongs to cited works and names no day; the page's own
    # date is only printed under the headline (htmldate finds it)
    assert page("orchard-dates.html").published == date(2009, 4, 7)


def test_section_label_and_marked_standfirst_are_metadata_not_paragraphs():
    article = page("ferry-standfirst-kicker.html")
    assert article.section == "Transport"
    assert article.standfirst == "Islanders say the reduced service will leave them stranded on Sundays"
    body = texts(article)
    assert body[0].startswith("The ferry company serving the three outer islands")
    assert "Transport" not in body
    assert article.standfirst not in body


# ------------------------------------------------------------------------------------------- promos (both paths)

PROMOS = ("WhatsApp", "QR code", "Privacy Notice", "Lough Echo app", "Load more", "Copy link")


def test_messaging_app_and_button_promos_are_furniture_not_paragraphs_or_speakers():
    article = page("lough-messaging-promos.html")
    joined = "\n".join(texts(article))
    for promo in PROMOS:
        assert promo not in joined
    assert len(article.paragraphs) == 5  # every sentence of the story stays
    speakers = {s.name for p in article.paragraphs for s in p.speakers}
    assert "Privacy Notice" not in speakers
    assert any("Niamh Kelly" in name for name in speakers)


def test_the_same_promos_are_dropped_from_a_paste():
    html = (HTML / "lough-messaging-promos.html").read_text(encoding="utf-8")
    paste = "\n\n".join(p.split(">", 1)[1] for p in html.split("<p")[1:] if "</p>" in p).replace("</p>", "")
    paste = paste.split("</article>")[0]
    article = parse(paste.encode("utf-8"), filename="lough.txt")
    joined = "\n".join(texts(article))
    for promo in PROMOS:
        assert promo not in joined
    assert any(p.startswith("Councillor Liam Doyle welcomed") for p in texts(article))
