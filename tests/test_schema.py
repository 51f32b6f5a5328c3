"""ArabicTextField's one-pass indexing yields what its analyzer would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields as wf

from seedsearch.schema import ArabicTextField, build_schema

ARABIC = st.text(alphabet=st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ")
                                          + ["\u064e", "\u0650", "\u0651", "\u0640", " ", " ",
                                             "،", ".", "0", "٣"]), max_size=120)
SAMPLES = ["والرئيسُ السوريُّ في موسكو، والرئيسُ هناك.", "المسؤولية المسئولية القائد",
           "إِنَّمَا الأَعْمَالُ بِالنِّيَّاتِ", "لا إله إلا الله", ""]


def _by_analyzer(field, text):
    """What a plain Whoosh TEXT field with the same analyzer and format yields."""
    plain = wf.TEXT(analyzer=field.analyzer, phrase=field.format.supports("positions"))
    return sorted(plain.index(text))


def _check(text):
    schema = build_schema(vowels=True)
    for name in schema.names():
        field = schema[name]
        if isinstance(field, ArabicTextField):
            assert sorted(field.index(text)) == _by_analyzer(field, text), name


def test_one_pass_indexing_equals_the_analyzer_on_real_arabic():
    """Terms, frequencies, positions (hamza spellings share one) and encodings."""
    for text in SAMPLES:
        _check(text)


@settings(max_examples=60, deadline=None)
@given(ARABIC)
def test_one_pass_indexing_equals_the_analyzer_on_any_text(text):
    _check(text)


def test_ranked_fields_keep_no_lengths_and_exact_fields_do():
    """Scores use the exact field's length; the ranked field needs none."""
    schema = build_schema()
    assert not schema["text"].scorable and schema["text_exact"].scorable
