"""The frame of a question: the words that say what kind of answer is asked
for, not what it is about.

«ما حكم صيام يوم الجمعة» asks about صيام يوم الجمعة; حكم (ruling) only says a
ruling is wanted, and a news story that mentions a court ruling (حكم) and
today (اليوم) is no answer.  The interrogatives themselves (ما ماذا من متى
أين كيف لماذا هل كم أي) are stop words already (:mod:`.stopwords`); this
module finds the frame words that follow them.

Rule: in a query that begins with an interrogative, the words after it,
skipping stop words (ما هو, ما هي), that are in :data:`FRAME_WORDS` are the
question's frame, as long as they stand before its first other content word
(«ما حكم صيام…»: حكم; «هل يجوز الجمع بين…»: يجوز; «ما الفرق بين…»: الفرق).
A frame word later in the query (a ruling, حكم, as its subject) is content.

Source of the list: the stock openings of questions in Arabic question and
answer collections and fatwa headings (ما حكم، ما معنى، ما تعريف، ما فضل،
ما سبب، ما حقيقة، ما صحة، ما شروط، ما أركان، ما كيفية، ما الفرق بين، ما
فوائد، ما أهمية، هل يجوز، هل يصح، هل يمكن، ما الدليل على، ما رأي، ما قول),
written here from common usage, each as a word and its definite form.
"""

from __future__ import annotations

from .normalize import normalize
from .terms import is_stopped

__all__ = ["FRAME_WORDS", "INTERROGATIVES", "question_content", "question_frame", "question_opening"]

#: Words that open a question (all of them stop words too).
INTERROGATIVES = frozenset(normalize(w) for w in
                           "ما ماذا من متى أين كيف لماذا هل كم أي أيّ بم لم".split())

_FRAMES = """
حكم معنى تعريف فضل سبب أسباب حقيقة صحة شروط شرط أركان ركن كيفية طريقة الفرق فرق
فوائد فائدة أهمية أنواع علامات مفهوم تفسير دليل الدليل رأي قول يجوز يصح يمكن يحل يحرم
"""

#: Frame words, normalized, with the article too (الحكم، التعريف).
FRAME_WORDS = frozenset(
    form for w in _FRAMES.split()
    for form in (normalize(w), normalize("ال" + w) if not w.startswith("ال") else normalize(w)))


def question_frame(words: list[str]) -> set[int]:
    """Indices, in ``words`` (a plain query's words in order, stop words
    included), of the words that frame the question (see the module)."""
    return {i for i in range(1, question_opening(words))
            if normalize(words[i]) in FRAME_WORDS}


def question_opening(words: list[str]) -> int:
    """How many of ``words`` open a question: the interrogative and the stop
    words and frame words after it, up to the first content word («ما هو
    حكم صيام يوم الجمعة»: 3, «ما هو حكم»).  A text that answers the
    question does not repeat its opening, so the phrase and proximity
    bonuses read only the words after it.  0 for a query that does not
    begin with an interrogative."""
    if not words or normalize(words[0]) not in INTERROGATIVES:
        return 0
    for i, word in enumerate(words[1:], 1):
        if normalize(word) not in FRAME_WORDS and not is_stopped(word):
            return i
    return len(words)


def question_content(words: list[str]) -> list[str]:
    """``words`` after the question's opening (:func:`question_opening`),
    or all of them when nothing follows it: the words a phrase bonus reads
    («ما حكم صيام يوم الجمعة» -> صيام يوم الجمعة)."""
    opening = question_opening(words)
    return words[opening:] if opening < len(words) else words
