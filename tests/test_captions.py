"""Photo captions and credits: whole caption lines are recognised, glued credits are cut, prose is left alone."""
from __future__ import annotations

import pytest

from search.ingest.captions import ends_with_credit, is_caption_or_credit, strip_glued_credit


@pytest.mark.parametrize(
    "line",
    [
        "Photograph: Guy Smallman/Getty Images",
        "Kristen Wiig: 'Bridesmaids was definitely the biggest role I've ever had.' "
        "Photograph: Andrew Yee for the Guardian",
        "Win McNamee / Getty Images",
        "Mandel Ngan / AFP / Getty Images",
        "(AP Photo/Rebecca Blackwell)",
        "(AP Photo/Jeff Chiu, File)\u00a0\u00a0less",
        "Mostafa Alkharouf/Anadolu via Getty Images",
        "REUTERS/Monica Almeida",
        "FILE PHOTO: Traders work on the floor of the exchange in New York, November 18, 2019. "
        "REUTERS/Brendan McDermid",
        '"It was fraught with the inevitable deterioration of security," he warned © Michael Gruber/Getty Images',
        "(Photo: Sean Fujiwara)",
        "(Image: NA)",
        "A mother otter and her cubs near Carrow Bridge. Image: Lessing Valley Trust",
        "Image copyright",
        "Image caption The president at the White House",
        "Enlarge this image",
        "toggle caption",
        "HIDE CAPTION",
        "Image 1 of 33",
    ],
)
def test_caption_and_credit_lines(line):
    assert is_caption_or_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Russia did not even wait until the third and final round of talks had concluded.",
        "He said the AP was wrong to publish the photograph before the family had been told.",
        "The agency, AFP, said it would appeal.",
        "The council won 4 of 5 seats on the committee.",
        "Photographers waited outside the court all afternoon.",
        "",
    ],
)
def test_prose_is_not_a_caption(line):
    assert not is_caption_or_credit(line)


def test_caption_quoting_someone_is_still_a_caption():
    line = 'Mira Kaur: "We started with one kitchen and a van." (AP Photo/Sam Okoro)'
    assert is_caption_or_credit(line)
    assert ends_with_credit(line)


def test_credit_glued_to_the_next_sentence_is_cut():
    text = "Jo Lanner/Getty ImagesShouldn't a contract of this size have gone to open tender?"
    assert strip_glued_credit(text) == "Shouldn't a contract of this size have gone to open tender?"


def test_ap_credit_glued_to_the_next_sentence_is_cut():
    assert strip_glued_credit("(AP Photo/Sam Okoro)The firm was founded in 2009.") == "The firm was founded in 2009."


def test_text_without_a_glued_credit_is_unchanged():
    text = "The Getty Images archive holds the photograph."
    assert strip_glued_credit(text) == text
