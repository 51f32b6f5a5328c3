"""The Arabic stop list of the ranked fields.

Function words of Modern Standard and Classical Arabic, grouped by grammatical
class.  Source: the closed word classes of Arabic grammar (prepositions,
pronouns, demonstratives, relatives, conjunctions, particles of negation,
interrogation, condition and emphasis, and the defective verb kana and its
sisters) as a standard grammar lists them, e.g. W. Wright, *A Grammar of the
Arabic Language* (3rd ed., 1896, public domain), vol. I.  Content words that
published stop lists often carry (قال, يوم, عام) are *not* here: people
search for them.

The list is written in ordinary spelling and normalized when the module loads,
so it matches whatever normalization the analyzer applies (a stop list that
"is not normalized" makes filter order matter; Lucene notes this of its own).
Stop words are removed from the ranked fields only; the exact fields keep
them, so a query made only of stop words (لا إله إلا الله) still finds its
documents.
To ask whether a word is a stop word, use :func:`seedsearch.text.terms.is_stopped`,
which also knows a stop word with a one-letter prefix attached (لهذه, بما).
"""

from __future__ import annotations

from .normalize import normalize

__all__ = ["STOP_WORDS"]

_PREPOSITIONS = """
في من إلى على عن مع منذ مذ حتى لدى لدي عند بين نحو دون خلال عبر ضد حول
بعد قبل فوق تحت أمام خلف وراء إزاء تجاه سوى غير عدا خلا حاشا لكي كي
"""
_PRONOUNS = """
أنا نحن أنت أنتِ أنتما أنتم أنتن هو هي هما هم هن إياه إياها إياهم إياي إياك إيانا
"""
_ATTACHED = """
فيه فيها فيهم فيهما فيك فينا منه منها منهم منهما منك منا إليه إليها إليهم إليك إلينا
عليه عليها عليهم عليك علينا عنه عنها عنهم عنك عنا معه معها معهم معك معنا
له لها لهم لهما لك لنا لي به بها بهم بك بنا بي لديه لديها لديهم عنده عندها عندهم
بينه بينها بينهم بيننا
"""
_DEMONSTRATIVES = """
هذا هذه هذان هذين هاتان هاتين هؤلاء ذلك تلك ذلكم أولئك هنا هناك هنالك ذاك ثم ثمة
"""
_RELATIVES = """
الذي التي اللذان اللذين اللتان اللتين الذين اللاتي اللواتي اللائي ما من
"""
_CONJUNCTIONS = """
و ف ثم أو أم بل لكن لكنه لكنها أن إن أنه أنها إنه إنها كأن كأنه لأن لعل ليت
"""
_PARTICLES = """
لا لم لن ليس ليست قد لقد سوف هل أ ما إذا إذ إذن لو لولا لوما كلا نعم بلى
إلا أيضا أي أية كل بعض جميع كما كذلك حيث حين بينما عندما كلما متى أين كيف
كم لماذا ماذا مما ممن عما فيما بما لما إنما أنما إما أما يا أيها أيتها
"""
_KANA = """
كان كانت كانوا يكون تكون أصبح أصبحت صار صارت ظل ليس ليسوا مازال ما زال
"""
# The same words with a conjunction attached, as they are written.
_WITH_CONJUNCTION = """
وفي ومن وإلى وعلى وعن ومع وهو وهي وهم وهذا وهذه وذلك وتلك والذي والتي
والذين وأن وإن ولا ولم ولن وقد ولقد وما وكان وكانت فإن فقد فلا فما فهو فهي
ولكن وكل وبعد وقبل وبين وعند وحتى وإذا ولو وليس وأما فأما وهناك
"""

#: The normalized stop list.
STOP_WORDS: frozenset[str] = frozenset(
    normalize(w)
    for block in (_PREPOSITIONS, _PRONOUNS, _ATTACHED, _DEMONSTRATIVES,
                  _RELATIVES, _CONJUNCTIONS, _PARTICLES, _KANA, _WITH_CONJUNCTION)
    for w in block.split()
)

