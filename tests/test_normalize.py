"""One test per normalization rule (real Arabic), plus properties."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyarabic import araby

from seedsearch.text.normalize import (
    fold,
    hamza_variants,
    normalize,
    prenormalize,
    strip_diacritics,
    vocalized,
)


def test_vowelled_word_normalizes_to_bare_word():
    assert normalize("الْقَوَاعِدِ") == "القواعد"


def test_shadda_sukun_and_tanween_are_removed():
    assert normalize("مُحَمَّدٌ") == normalize("محمد")
    assert normalize("كِتَابًا") == "كتابا"


def test_tatweel_is_removed():
    assert normalize("الرئيـــــس") == normalize("الرئيس")


@pytest.mark.parametrize("alef", ["أ", "إ", "آ", "ٱ", "\u0672", "\u0673"])
def test_every_alef_form_folds_to_bare_alef(alef):
    assert normalize(alef + "حمد") == "احمد"


def test_ahmad_keeps_its_alef_not_a_bare_hamza():
    """pyarabic.normalize_hamza turns أحمد into ءحمد; we must not."""
    assert normalize("أحمد") == "احمد"
    assert "ء" not in normalize("أحمد")


def test_alef_maksura_becomes_yeh_not_alef():
    """pyarabic.normalize_alef turns ى into ا; Lucene (and we) use ي."""
    assert normalize("على") == normalize("علي") == "علي"


def test_teh_marbuta_becomes_heh():
    assert normalize("مدرسة") == normalize("مدرسه") == "مدرسه"


def test_persian_keyboard_letters_become_arabic():
    assert normalize("کتاب") == normalize("كتاب")
    assert normalize("یوم") == normalize("يوم")
    assert normalize("ې") == normalize("ے") == "ي"
    assert normalize("مدرسۀ") == normalize("مدرسه")
    assert normalize("ہ") == normalize("ە") == "ه"


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalize("٢٠٢٦") == "2026"
    assert normalize("۲۰۲۶") == "2026"


def test_presentation_forms_and_allah_ligature_become_letters():
    assert normalize("\ufdf2") == "الله"  # ﷲ
    assert normalize("\ufefb") == "لا"  # ﻻ
    assert normalize("\ufe8d\ufedf\ufed8\ufeae\ufe8d\ufee5") == "القران"  # ﺍﻟﻘﺮﺍﻥ


def test_zero_width_and_bidi_marks_are_removed_without_splitting():
    assert normalize("بو\u200cتين") == "بوتين"
    assert normalize("\u200fالجزيرة\u200e") == "الجزيره"
    assert normalize("موس\u2066كو\u2069") == "موسكو"


def test_latin_is_case_folded_and_other_scripts_untouched():
    assert normalize("Al Jazeera") == "al jazeera"
    assert normalize("Москва") == "москва"
    assert normalize("東京") == "東京"


def test_quranic_annotation_marks_are_removed():
    assert normalize("مِنۢ") == "من"
    assert normalize("كَانُوا۟") == "كانوا"


@pytest.mark.parametrize("uthmani, imlai", [
    ("ٱلْعَٰلَمِينَ", "العالمين"),
    ("كَٰفِرُونَ", "كافرون"),
    ("مَٰلِكِ", "مالك"),
    ("ٱلصِّرَٰطَ", "الصراط"),
])
def test_dagger_alef_is_a_written_alef_in_most_words(uthmani, imlai):
    assert normalize(uthmani) == normalize(imlai)


@pytest.mark.parametrize("uthmani, imlai", [
    ("هَٰذَا", "هذا"),
    ("ذَٰلِكَ", "ذلك"),
    ("ٱلرَّحْمَٰنِ", "الرحمن"),
    ("إِلَٰهَ", "إله"),
    ("لَٰكِنَّ", "لكن"),
    ("وَلَٰكِن", "ولكن"),
    ("أُو۟لَٰٓئِكَ", "أولئك"),
    ("هَٰٓؤُلَآءِ", "هؤلاء"),
    ("لِلَّٰهِ", "لله"),
])
def test_dagger_alef_is_silent_in_words_imlai_writes_without_alef(uthmani, imlai):
    assert normalize(uthmani) == normalize(imlai)


@pytest.mark.parametrize("uthmani, imlai", [
    ("ٱلصَّلَوٰةَ", "الصلاة"),  # waw + dagger alef spells a long a
    ("ٱلزَّكَوٰةَ", "الزكاة"),
    ("ٱلسَّمَٰوَٰتِ", "السماوات"),  # a vowelled waw stays a waw
    ("عَلَىٰ", "على"),  # maksura + dagger alef
    ("ءَامَنُوا۟", "آمنوا"),  # hamza + alef = alef madda
    ("ٱلْقُرْءَانُ", "القرآن"),
    ("بِهِۦ", "به"),  # small yeh after the pronoun heh is only lengthening
    ("لَهُۥ", "له"),
    ("يَسْتَحْىِۦٓ", "يستحيي"),  # small yeh elsewhere is a yeh
    ("خَطِيٓـَٔتُهُۥ", "خطيئته"),  # tatweel carrying a hamza
    ("ٱلْمُنشَـَٔاتُ", "المنشآت"),  # tatweel carrying a hamza, then alef: a madda
    ("بِـَٔايَٰتِنَا", "بآياتنا"),
    ("مَـَٔابٍ", "مآب"),
])
def test_other_uthmani_spellings_match_imlai(uthmani, imlai):
    assert normalize(uthmani) == normalize(imlai)


def test_decomposed_hamza_composes_before_folding():
    assert normalize("ي\u0654") == normalize("ئ")
    assert normalize("ا\u0653") == "ا"


def test_hamza_seat_variants_share_a_form():
    """مسؤولية / مسئولية and القائد / القايد must meet in some variant."""
    pairs = [("مسؤولية", "مسئولية"), ("رؤية", "روية"), ("القائد", "القايد"),
             ("تساؤل", "تسائل"), ("تساؤل", "تساءل")]
    for a, b in pairs:
        va, vb = set(hamza_variants(normalize(a))), set(hamza_variants(normalize(b)))
        assert va & vb, (a, b)


def test_hamza_variants_do_not_merge_waw_and_yeh_words():
    """A single mapping ؤ->و, ئ->ي would merge و and ي words; variants do not."""
    assert not set(hamza_variants("رويه")) & set(hamza_variants("رييه"))
    assert hamza_variants("احمد") == ("احمد",)


def test_prenormalize_keeps_hamza_alef_and_teh_marbuta_for_the_stemmer():
    assert prenormalize("أَلْعَابٌ") == "ألعاب"
    assert prenormalize("مدرسةٌ") == "مدرسة"
    assert fold(prenormalize("إِلَى مَدْرَسَةٍ")) == normalize("إِلَى مَدْرَسَةٍ")


def test_strip_diacritics_changes_no_letter():
    assert strip_diacritics("أَحْمَدُ") == "أحمد"
    assert strip_diacritics("مَدْرَسَةٌ") == "مدرسة"


def test_vocalized_keeps_harakat_and_folds_letters():
    assert vocalized("إِلَى") == "اِلَي"
    assert vocalized("عَلِمَ") == "عَلِمَ"


def test_strip_diacritics_agrees_with_pyarabic_on_random_vowelled_text():
    rng = random.Random(7)
    letters = araby.LETTERS
    for _ in range(200):
        word = "".join(rng.choice(letters) + rng.choice(["", *araby.TASHKEEL])
                       for _ in range(rng.randint(1, 8)))
        assert strip_diacritics(word) == araby.strip_tashkeel(word)


def test_normalize_agrees_with_pyarabic_on_tatweel_and_harakat():
    rng = random.Random(11)
    for _ in range(200):
        word = "".join(rng.choice("بتثجحخدذرزسشصضطظعغفقكلمنهوي")
                       + rng.choice(["", araby.TATWEEL, *araby.HARAKAT, araby.SHADDA])
                       for _ in range(rng.randint(1, 8)))
        expected = araby.strip_tatweel(araby.strip_tashkeel(word))
        assert normalize(word) == expected


arabic_text = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
                      | st.sampled_from("\u200c\u200f\ufdf2\ufefb ٱأإآىةۀی٣۳abcABC .،"),
                      max_size=60)


@settings(max_examples=400, deadline=None)
@given(arabic_text)
def test_normalize_is_idempotent_on_arabic_text(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_normalize_is_idempotent_and_total_on_any_unicode(text):
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once) == once


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=50))
def test_normalize_never_raises_on_control_characters(text):
    assert normalize(text) == normalize(normalize(text))


def test_normalize_handles_a_100k_character_string():
    text = ("الْقَوَاعِدُ العسكرية ﷲ ی ک ٣ \u200c " * 4000)[:100_000]
    out = normalize(text)
    assert "القواعد" in out and normalize(out) == out


def test_normalize_accepts_lone_surrogates_without_raising():
    assert normalize("ب\ud800ت") == "ب\ud800ت"
