"""The light stemmer: each rule with real Arabic, and the words it must spare."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedsearch.text.stem import prefix_split, stem


@pytest.mark.parametrize("word", ["الرئيس", "والرئيس", "بالرئيس", "كالرئيس", "فالرئيس",
                                  "للرئيس", "وللرئيس", "وبالرئيس", "الرئيسُ"])
def test_article_and_attached_particles_are_stripped(word):
    assert stem(word) == stem("رئيس") == "رئيس"


def test_article_stripping_is_consistent_for_broken_plurals():
    assert stem("بالقواعد") == stem("القواعد") == stem("الْقَوَاعِدِ") == "قواعد"


@pytest.mark.parametrize("word", ["وكالات", "الوكالات", "وكالاتها", "وكالته", "وكالتهم"])
def test_agency_is_not_the_article_with_kaf_before_it(word):
    """وكالة (agency) begins with the letters of و + ك + ال; where only an
    ending would remain (ات, ته) they are the word's own: وكالات الأنباء
    meets الوكالة.  Before a real word they are the article: كالتمر, وكالجبال
    ("like the dates", "and like the mountains")."""
    assert stem(word) == stem("الوكالة")
    assert stem("كالتمر") == "تمر" and stem("وكالجبال") == "جبال"


def test_hamza_alef_lam_is_not_the_article():
    """ألمانيا, ألعاب, ألف start with أل, not with the article ال."""
    assert stem("ألمانيا") == "المانيا"
    assert stem("ألعاب") == "العاب"


def test_lam_plus_article_before_lam_keeps_the_word():
    """ل + اللغة is written للغة: the stem is لغة (-> لغه), not غة."""
    assert stem("للغة") == stem("اللغة")


def test_the_name_of_god_is_not_cut_to_lahu():
    for word in ("الله", "لله", "بالله", "والله", "ٱللَّهِ"):
        assert stem(word) == "الله"


@pytest.mark.parametrize("word, root", [
    ("كتابه", "كتاب"), ("كتابها", "كتاب"), ("كتابهم", "كتاب"), ("كتابهما", "كتاب"),
    ("كتابهن", "كتاب"), ("كتابكم", "كتاب"), ("كتابكما", "كتاب"),
])
def test_pronoun_suffixes_are_stripped(word, root):
    assert stem(word) == root


def test_construct_teh_before_a_pronoun_matches_teh_marbuta():
    assert stem("سياستها") == stem("سياسة") == stem("السياسات")
    assert stem("حكومته") == stem("الحكومة")


@pytest.mark.parametrize("word, plural, singular", [
    ("حكوماتهم", "الحكومات", "حكومة"), ("سياراتنا", "سيارات", "السيارة"),
    ("علاقاتهما", "العلاقات", "علاقة"), ("جامعاتنا", "الجامعات", "جامعة"),
    ("أصواتنا", "الأصوات", "أصوات"), ("قراراتها", "القرارات", "قرار"),
])
def test_a_plural_in_at_before_a_pronoun_meets_its_plural_and_singular(word, plural, singular):
    """حكوماتهم is حكومات + هم ("their governments"): its ات is the plural's,
    not the ت of a construct ة, so it meets حكومات and حكومة (it was cut to
    حكوما, which met neither)."""
    assert stem(word) == stem(plural) == stem(singular)


@pytest.mark.parametrize("word, singular", [
    ("مباراتهم", "المباراة"), ("معاناتهم", "معاناة"), ("بالمساواة", "مساواتها"),
    ("مرآتها", "المرآة"), ("مصفاتها", "مصفاة"), ("صلاتهم", "الصلاة"),
    ("حياتهم", "حياة"), ("قناتها", "القناة"), ("قضاتهم", "القضاة"),
    ("معاداتهم", "معاداة"), ("امراته", "امرأة"),
])
def test_a_singular_in_alef_teh_before_a_pronoun_keeps_the_construct_reading(word, singular):
    """مباراتهم is مباراة + هم: the nouns in اة are a list (the form III
    verbal noun of a verb whose last radical is weak, مفاعاة: مساواة,
    معاداة; مَفْعَلة and مِفْعَلة: مرآة, مصفاة; the short nouns صلاة, حياة,
    قناة and plurals قضاة), and keep the construct reading: they meet the
    bare singular, not a plural reading (مبار, صل; معاد, which is المعاد,
    "the Hereafter")."""
    assert stem(word) == stem(singular)
    assert stem(word).endswith("ا") and stem(word) != stem("المعاد")


@pytest.mark.parametrize("plural", ["حكومات", "سيارات", "قوات", "آيات", "بآيات", "بنات", "وبنات",
                                    "بركات", "وبركات", "كلمات", "ولايات", "وحدات", "معلومات"])
@pytest.mark.parametrize("pronoun", ["ه", "ها", "هم", "نا", "كم"])
def test_a_pronoun_does_not_change_how_a_plural_in_at_is_read(plural, pronoun):
    """قواتها is قوات + ها, وبركاته و + بركات + ه: with its pronoun a plural
    stems as it stems bare, whatever letters stand before its ات (even
    two, قوات, آيات; even a root letter that looks like a prefix, كلمات,
    ولايات), so «قواتها» meets «القوات»."""
    assert stem(plural + pronoun) == stem(plural)


@pytest.mark.parametrize("word", ["حياته", "صلاتهم", "وفاته", "قضاتهم", "مباراتهم", "مرآتها"])
@pytest.mark.parametrize("prefix", ["و", "ف", "ب", "ل", "ك", "وب"])
def test_a_prefix_does_not_change_how_a_noun_in_alef_teh_is_read(word, prefix):
    """بحياته is ب + حياته: the query planner finds it from حياته by the
    prefix, so the stem must be the prefix plus the word's own stem."""
    from seedsearch.text.normalize import fold

    assert stem(prefix + word) == fold(prefix) + stem(word)


@pytest.mark.parametrize("word, base", [
    ("المعلمون", "معلم"), ("المعلمين", "معلم"), ("المعلمات", "معلم"), ("معلمان", "معلم"),
    ("السوريين", "سوري"), ("السوريون", "سوري"), ("سورية", "سوري"), ("السوري", "سوري"),
])
def test_plural_dual_and_nisba_endings_meet_the_singular(word, base):
    assert stem(word) == base


@pytest.mark.parametrize("word", ["سوريا", "موسكو", "بوتين", "قانون", "لبنان", "سودان",
                                  "وليد", "فيلم", "بريطانيا", "لندن", "كريم", "اتجاه", "مياه"])
def test_names_and_words_ending_like_affixes_stay_whole(word):
    assert stem(word) == word


def test_alshara_loses_only_its_article():
    """الشرع (the surname) keeps its three root letters."""
    assert stem("الشرع") == "شرع"


def test_stems_of_unrelated_words_stay_apart():
    assert stem("عالم") != stem("علم")
    assert stem("وليد") != stem("ليد")
    assert stem("سوري") != stem("سور")


def test_short_words_are_not_cut():
    for word in ("من", "في", "قد", "يد", "أب"):
        assert len(stem(word)) == len(word)


def test_prefix_split_offers_the_word_without_a_one_letter_prefix():
    assert prefix_split("بقلم") == "قلم"
    assert prefix_split("وقال") == "قال"
    assert prefix_split("والرئيس") is None  # the article rule handles it
    assert prefix_split("ولد") is None  # too short to split


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىؤئ", min_size=1, max_size=12))
def test_a_nonempty_word_never_stems_to_empty(word):
    assert stem(word)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_stem_never_raises(word):
    assert isinstance(stem(word), str)


@pytest.mark.parametrize("word, base", [
    ("وطننا", "وطن"), ("بلادنا", "بلاد"), ("أولادنا", "اولاد"), ("ديننا", "دين"),
    ("قلوبنا", "قلوب"), ("شعبنا", "شعب"), ("سمعنا", "سمع"), ("وجدنا", "وجد"),
])
def test_suffix_na_is_stripped_when_three_letters_remain(word, base):
    """نا "our/us/we", after the Snowball Arabic stemmer's noun step (5 letters or more)."""
    assert stem(word) == base == stem(base)


def test_construct_teh_before_na_meets_teh_marbuta():
    assert stem("حياتنا") == stem("حياة") and stem("صلاتنا") == stem("الصلاة")


@pytest.mark.parametrize("word", ["ربنا", "قلنا", "سينا", "لينا", "دينا",  # 2 letters would remain
                                  "كورونا", "فيينا", "أثينا", "يقينا",      # after و ي: names
                                  "أحيانا", "مجانا", "إيمانا", "بيانا",      # after ا: accusative
                                  "حدثنا", "أخبرنا", "أنبأنا", "وحدثنا",    # isnad formulas,
                                  "وأنبأنا", "فحدثتنا", "وأخبرتنا"])        # with و / ف too
def test_suffix_na_spares_short_words_names_accusatives_and_isnad(word):
    from seedsearch.text.normalize import normalize

    assert stem(word) == normalize(word)
