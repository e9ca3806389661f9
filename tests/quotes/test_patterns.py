"""Cheap rejections and caches of the quote finder: they must not change any verdict."""

from analysis.quotes import _attribution as attr
from analysis.quotes._patterns import VERB_FORMS, has_verb_word, scan
from analysis.quotes.speakers import SpeakerIndex


def test_has_verb_word_finds_first_words_of_multiword_forms():
    text = 'He pointed\n  out: "no"'
    assert has_verb_word(text, 0, len(text))  # 'pointed' opens 'pointed out', spaces vary
    assert not has_verb_word("The weather is fine.", 0, 20)
    assert not has_verb_word("Ms Hua said", 0, 7)  # the window ends before the verb
    assert all(has_verb_word(form, 0, len(form)) for form in VERB_FORMS)


def test_scan_keeps_verbs_on_word_boundaries_only():
    text = "She said it. The essay restated it; un-said_ claims."
    cues, heads = scan(text)
    assert [(cue.verb, cue.verb_start) for cue in cues] == [("said", 4), ("claims", 45)]
    assert all(length > 0 for _, length in heads)


def test_valid_speaker_cache_gives_the_uncached_verdict():
    phrases = ["Ms Hua", "he", "officials", "the report that", "Tuesday", "Mr. Morgan of the Sierra Club",
               "a b c d e f g h i"]
    for phrase in phrases:
        for max_words in (4, 6, 8):
            first = attr.valid_speaker(phrase, max_words=max_words)
            assert first == attr._valid_speaker(phrase, max_words)
            assert attr.valid_speaker(phrase, max_words=max_words) == first


def test_resolve_is_per_document_despite_the_phrase_cache():
    one = SpeakerIndex("Foreign Ministry spokesman Hua Chunying spoke.")
    other = SpeakerIndex("Nothing here.")
    assert one.resolve("Ms Hua") == ("Hua Chunying", "Foreign Ministry spokesman")
    assert other.resolve("Ms Hua") == ("Hua", "")
    assert one.resolve("she") == ("Hua Chunying", "Foreign Ministry spokesman")
    assert other.resolve("the spokesman") == ("the spokesman", "")
