"""ArabicTextField's one-pass indexing yields what its analyzer would."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields as wf

from seedsearch.schema import ArabicTextField, build_schema

ARABIC = st.text(alphabet=st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ")
                                          + ["\u064e", "\u0650", "\u0651", "\u0640", " ", " ",
                                             "،", ".", "0", "٣", "\u200f", '"']), max_size=120)
SAMPLES = ["والرئيسُ السوريُّ في موسكو، والرئيسُ هناك.", "المسؤولية المسئولية القائد",
           "إِنَّمَا الأَعْمَالُ بِالنِّيَّاتِ", "لا إله إلا الله", "",
           'قَالَ \u200f"\u200f كُلُّ خُطْبَةٍ \u200f"\u200f ‏.‏', "عُجْرَةَ ـ رضى الله عنه ـ عَنْ"]


def _by_analyzer(field, text):
    """What a plain Whoosh TEXT field with the same analyzer yields: with the
    same format, or, for a field that keeps its positions in the flat file,
    with positions, decoded (compared with the positions the field keeps
    for the writer)."""
    plain = wf.TEXT(analyzer=field.analyzer,
                    phrase=field.flat_positions or field.format.supports("positions"))
    out = sorted(plain.index(text))
    if field.flat_positions:
        out = [(t, f, w, plain.format.decode_positions(v)) for t, f, w, v in out]
    return out


def _check(text):
    schema = build_schema(vowels=True)
    for name in schema.names():
        field = schema[name]
        if isinstance(field, ArabicTextField):
            got = sorted(field.index(text))
            if field.flat_positions:
                kept = field.last_positions
                got = [(t, f, w, array("I", kept[t]).tolist()) for t, f, w, _ in got]
            assert got == _by_analyzer(field, text), name


def test_exact_fields_keep_positions_in_the_flat_file_and_whoosh_keeps_frequencies():
    """Whoosh's postings of an exact field hold frequencies only: positions
    are read from seedsearch's flat file, never from Whoosh's blocks."""
    schema = build_schema()
    assert schema["text_exact"].flat_positions and schema["title_exact"].flat_positions
    assert not schema["text_exact"].format.supports("positions")
    assert not schema["text"].flat_positions


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
