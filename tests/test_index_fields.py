"""The one-pass index fields write exactly the postings Whoosh's own analyzers would."""
from __future__ import annotations

import pytest
from whoosh.fields import TEXT

from search.index.fields import RepeatedStemmedText, StemmedText, UnscoredWords
from tests.helpers.paths import LIBRARY_FIXTURES

TRICKY = [
    "The minister said: \u201cWe will not back down,\u201d on Monday.",
    "İstanbul's U.S.-backed e-mail v2.0 talks *resumed* at 3.30pm; a I x the of",
    "the a an of",  # only stop words
    "Über 25% of Kraków's re-election ballots were counted by 10.45 p.m.",
    "",
]


def paragraphs() -> list[str]:
    texts = list(TRICKY)
    for path in sorted(LIBRARY_FIXTURES.glob("*.txt")):
        texts += [block for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]
    return texts


def _reference(field, text: str):
    """What the field's analyzer and format give, through Whoosh's own FieldType.index."""
    return [(w, f, wt, v) for w, f, wt, v in TEXT.index(field, text)]


@pytest.mark.parametrize("field", [StemmedText(stored=True), RepeatedStemmedText(field_boost=1.5)])
def test_stemmed_fields_write_the_analyzers_postings(field):
    for text in paragraphs():
        assert sorted(field.index(text)) == sorted(_reference(field, text)), text


def test_the_vocabulary_field_writes_the_analyzers_words():
    field = UnscoredWords()
    for text in paragraphs():
        ours = sorted(field.index(text))
        reference = sorted((w, 1, field.format.field_boost, b"")
                           for w in {t.text.encode("utf-8") for t in field.analyzer(text)})
        assert ours == reference, text


def test_a_phrase_across_a_stop_word_is_found_and_a_wrong_order_is_not(library):
    from search.request import SearchRequest

    assert library.search(SearchRequest(q='"a mother and two cubs"', view="flat")).total == 1
    assert library.search(SearchRequest(q='"two cubs and a mother"', view="flat")).total == 0
