"""The speaker's own words: character spans of each speaker in the paragraph (invented text)."""
from __future__ import annotations

from search.model import Speaker
from search.speakers import attribute


def words_of(paragraph: str, speaker: Speaker) -> list[str]:
    return [paragraph[start:end] for start, end in speaker.spans]


def only(speakers: list[Speaker]) -> Speaker:
    assert len(speakers) == 1, speakers
    return speakers[0]


def test_direct_quote_span_is_the_words_inside_the_marks():
    text = '"We will not back down," said Maria Delgado, Spain\'s deputy trade minister.'
    [para] = attribute([text])
    assert words_of(text, only(para)) == ["We will not back down"]


def test_a_quote_split_by_its_attribution_gives_every_part():
    text = '"We are ready," said Ana Ruiz. "We have trained all winter," she added. "Now we play."'
    [para] = attribute([text])
    assert words_of(text, only(para)) == ["We are ready", "We have trained all winter", "Now we play."]


def test_reported_clause_after_the_cue_without_that():
    text = "Omar Haddad, chief economist at Gulf Bank, said that rates would rise in May."
    [para] = attribute([text])
    assert words_of(text, only(para)) == ["rates would rise in May"]


def test_reported_clause_before_an_inverted_or_closing_cue():
    texts = ["The dam was declared safe, inspectors said on Monday.", "The dam is safe, said Tomas Reyes."]
    for text, para in zip(texts, attribute(texts)):
        assert words_of(text, only(para))[0].startswith("The dam "), text
        assert "said" not in words_of(text, only(para))[0]


def test_according_to_in_front_or_behind():
    texts = ["According to Peter Lindqvist, the factory will close by March.",
             "The factory will close by March, according to Peter Lindqvist."]
    for text, para in zip(texts, attribute(texts)):
        assert [w.lower() for w in words_of(text, only(para))] == ["the factory will close by march"]


def test_two_speakers_keep_their_own_words():
    text = '"Prices will fall," said Lena Ortiz. Omar Haddad said the opposite was true.'
    [para] = attribute([text])
    by_name = {s.name: words_of(text, s) for s in para}
    assert by_name == {"Lena Ortiz": ["Prices will fall"], "Omar Haddad": ["the opposite was true"]}


def test_continuation_paragraph_gives_its_quote_to_the_previous_speaker():
    paras = ['"The bridge is safe," said Karl Olsen, the city engineer.',
             '"We inspect it every month and nothing has changed."']
    out = attribute(paras)
    assert words_of(paras[1], only(out[1])) == ["We inspect it every month and nothing has changed."]


def test_archive_double_apostrophe_quotes_are_quotes():
    text = "''It was a long night,'' Mr. Tomas Berger said."
    [para] = attribute([text])
    assert only(para).kind == "direct" and only(para).name == "Tomas Berger"
    assert words_of(text, only(para)) == ["It was a long night"]


def test_spans_stay_out_of_equality_so_a_speaker_is_still_found_by_name_role_and_kind():
    [para] = attribute(['"The harvest is late," Tomas Berger said.'])
    assert para == [Speaker("Tomas Berger", None, "direct")] and para[0].spans
    assert hash(para[0]) == hash(Speaker("Tomas Berger", None, "direct"))
