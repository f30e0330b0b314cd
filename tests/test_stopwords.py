"""The story stage's copy of spaCy's English stop words (data/base/english_stopwords.yaml)."""

import subprocess
import sys

import pytest

from storyline.story.context import content_words, english_stop_words


def test_the_copy_is_spacys_list():
    spacy_words = pytest.importorskip("spacy.lang.en.stop_words").STOP_WORDS
    assert english_stop_words() == frozenset(spacy_words)


def test_content_words_drop_stop_words_without_spacy():
    # a fresh interpreter: building word bags must not import spaCy (~2.7 s of a story build)
    code = ("import sys; from storyline.story.context import content_words; "
            "from storyline.story import timeline; "
            "print(sorted(content_words('They would have shelled the bridge again'))); "
            "print(timeline.tfidf_terms('the truce was extended')); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "['bridg', 'shell']"
    assert out[1] == "['truce', 'extended']"
    assert out[2] == "False"


def test_content_words_keep_the_rest():
    assert content_words("Rockets hit the port") == frozenset({"rocket", "hit", "port"})
