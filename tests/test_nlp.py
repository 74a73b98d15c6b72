"""The spaCy layer: newslens's own attribute-rule pass gives exactly what spaCy's AttributeRuler gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from conftest import WIKINEWS_STYLE
from newslens.nlp import apply_attribute_rules, load_spacy_model
from newslens.paths import FIRST_ARTICLE

ODD_ENGLISH = (
    "Y'all ain't gonna believe it. There is a cat, and there's a dog; c'mon! Let's go, we gotta win. "
    "I'm here and they're not. She gets what she got. Nothin' was done, y all said.  Two  spaces.\n\n"
    "It was stated by the minister, who has been asked twice. \"We will,\" he said."
)


def test_attribute_rules_match_spacys_ruler_token_for_token():
    nlp = load_spacy_model(components=("tok2vec", "tagger", "parser", "attribute_ruler"))
    ruler = nlp.get_pipe("attribute_ruler")
    texts = [FIRST_ARTICLE.read_text(encoding="utf-8"), WIKINEWS_STYLE, ODD_ENGLISH,
             (Path(__file__).parent / "data" / "harbour-strike-headline-layout.txt").read_text(encoding="utf-8")]
    with nlp.select_pipes(disable=["attribute_ruler"]):
        docs = list(nlp.pipe(texts))
    attrs = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    changed = 0
    for doc in docs:
        theirs, ours = ruler(doc.copy()), apply_attribute_rules(doc.copy(), ruler)
        assert np.array_equal(theirs.to_array(attrs), ours.to_array(attrs)), [
            (t.text, t.pos_, o.pos_, t.lemma_, o.lemma_)
            for t, o in zip(theirs, ours) if (t.pos_, t.lemma_) != (o.pos_, o.lemma_)]
        changed += sum(t.pos_ != "" for t in ours)
    assert changed > 500  # the rules did set parts of speech
    odd = apply_attribute_rules(docs[2].copy(), ruler)
    assert {t.lemma_ for t in odd if t.lower_ in ("gon", "ai")} == {"go", "be"}  # two-word rules ("gonna", "ain't")
