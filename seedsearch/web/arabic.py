"""What the page says, in Arabic: the search's notices, the errors of a
request, numbers.

The library speaks English and gives every notice and every user mistake
a code with its parameters (:mod:`seedsearch.search.notices`,
``QueryError.code``); the page says each in Arabic from the tables here.
The JSON API keeps the English messages.  A code these tables lack (a
newer library) falls back to a general Arabic sentence, with the English
beside it, never to English alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import QueryError
from ..fields import CATEGORY, COLLECTION, YEAR
from ..search.sorting import Sort

__all__ = ["NOTICES", "ERRORS", "notice", "error", "number", "FACET_TITLES", "SORT_NAMES",
           "GENERAL_NOTICE", "GENERAL_ERROR"]

#: The Arabic of each notice code (``str.format`` with its params).
NOTICES: dict[str, str] = {
    "vowels_ignored": "أُنشئ هذا الفهرس بلا بيانات الحركات، فلم تُراعَ الحركات في البحث.",
    "query_cut": "بُحث في أول {words} كلمة من الاستعلام فقط.",
    "prefix_cut": "تطابق «{word}» أكثر من {cap} كلمة؛ بُحث في أكثرها شيوعًا.",
    "expansions_cut": "بلغت كلمات البادئة والتقريب في الاستعلام حدّها ({words} كلمة)؛ "
                      "لم يُبحث في «{word}» ولا فيما بعدها.",
    "fuzzy_lowered": "خُفّضت درجة التقريب من ~{asked} إلى ~{used}.",
    "unclosed_quote": "علامة الاقتباس {quote} لم تُغلق، فقُرئ ما بعدها كلمات.",
    "unclosed_range": "نطاق التاريخ لم يُغلق بـ ].",
    "unbalanced": "القوس {bracket} لا يقابله قوس مفتوح، فتُرك.",
    "unclosed_paren": "قوس مفتوح لم يُغلق، فقُرئ ما بعده كلمات.",
    "bad_date": "تعذّرت قراءة التاريخ «{value}»، فتُرك.",
    "lone_star": "النجمة وحدها تطابق كل كلمة؛ ضع قبلها حرفًا على الأقل.",
    "unknown_field": "لا يوجد حقل باسم «{field}»، فقُرئ كلمة. الحقول: {fields}.",
    "operator_alone": "المعامل {operator} لا شيء {where}، فتُرك.",
    "too_deep": "الأقواس متداخلة أكثر من {depth} مستويات، فقُرئ ما في داخلها كأنه بلا أقواس.",
    "word_cut": "الكلمة «{word}…» فيها {letters} حرفًا؛ بُحث بأول {cap} حرفًا منها فقط.",
    "more_problems": "وفي الاستعلام {count} مواضع أخرى قُرئت على وجه آخر.",
    "no_positions": "مواضع الكلمات في هذا الفهرس محفوظة في ملف لا يقرؤه هذا الإصدار، فطوبقت "
                    "العبارات بكلماتها دون ترتيبها؛ حدّث seedsearch أو أعد بناء الفهرس.",
    "root_unknown": "ليس «{value}» حروف جذر ولا كلمة معروفة الجذر، فبُحث عنه كلمةً.",
    "root_ambiguous": "تحتمل «{value}» جذرين: بُحث بالأرجح «{first}»، وللبحث بـ«{second}» اكتب جذر:{second}",
    "root_not_listed": "ليس «{value}» جذرًا من قائمة الجذور، فقُرئ كلمةً جذرها «{root}».",
    "root_misspelt": "ليس «{value}» جذرًا من قائمة الجذور، فقُرئ كلمةً جذرها «{root}»؛ "
                     "هل تقصد جذر:{near}؟",
    "root_letters_unlisted": "ليس «{root}» جذرًا من قائمة الجذور، فلا كلمة في الفهرس من هذا الجذر.",
    "root_letters_misspelt": "ليس «{root}» جذرًا من قائمة الجذور، فلا كلمة في الفهرس من هذا "
                             "الجذر؛ هل تقصد جذر:{near}؟",
    "roots_computed": "في هذا الفهرس {segments} من المقاطع بلا جدول للجذور، فحُسبت جذور "
                      "كلماتها لهذا البحث؛ أعد بناء الفهرس لحفظها.",
}
#: Where the missing term of a lone operator is (the query's logical order).
_SIDES = {"left": "قبله", "right": "بعده"}

#: The Arabic of each error code of a request.
ERRORS: dict[str, str] = {
    "unknown_param": "معامل غير معروف: «{name}».",
    "repeated_param": "المعامل «{name}» مكرر؛ أعطه مرة واحدة.",
    "bad_number": "{what} عدد صحيح من {low} إلى {high}، لا «{value}».",
    "bad_switch": "«{name}» مفتاح: 1 للتشغيل أو 0 للإطفاء، لا «{value}».",
    "query_too_long": "الاستعلام {chars} حرفًا، والحد {most} حرف.",
    "bad_date_filter": "تعذّرت قراءة مرشح التاريخ «{value}»؛ أمثلة: 2024، ‎>2024-05، "
                       "‎[2020-01-01 TO 2021-12-31].",
    "bad_sort": "الترتيب أحد ثلاثة: الأكثر صلة، الأحدث، الأقدم.",
    "no_document": "لا وثيقة بالمعرّف «{doc}» في هذا الفهرس.",
    "no_page": "لا صفحة بهذا العنوان.",
    "read_only": "هذا الخادم للقراءة فقط.",
    "index_failed": "تعذّرت قراءة الفهرس.",
}
#: The parameters of a number, as a sentence names them.
_NUMBER_NAMES = {"page": "رقم الصفحة", "limit": "عدد النتائج في الصفحة"}
GENERAL_NOTICE = "قُرئ الاستعلام على وجه آخر."
GENERAL_ERROR = "تعذّر فهم هذا الطلب."

FACET_TITLES = {COLLECTION: "المجموعة", CATEGORY: "التصنيف", YEAR: "السنة"}
#: The sort switch, in the order shown.
SORT_NAMES = {str(Sort.RELEVANCE): "الأكثر صلة", str(Sort.NEWEST): "الأحدث",
              str(Sort.OLDEST): "الأقدم"}


def _say(table: Mapping[str, str], code: str | None, params: Mapping[str, Any]) -> str | None:
    template = table.get(code or "")
    if template is None:
        return None
    values = {k: number(v) if isinstance(v, int) and not isinstance(v, bool) else v
              for k, v in params.items()}
    if code == "operator_alone":
        values["where"] = _SIDES.get(str(params.get("side")), "")
    if code == "bad_number":
        values["what"] = _NUMBER_NAMES.get(str(params.get("name")), str(params.get("name")))
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return None


def notice(item: Mapping[str, Any]) -> str:
    """A notice of ``results.to_dict()["notices"]``, in Arabic."""
    return _say(NOTICES, item.get("code"), item.get("params") or {}) or GENERAL_NOTICE


def error(exc: QueryError | None = None, *, code: str | None = None,
          params: Mapping[str, Any] | None = None) -> str:
    """A request's mistake in Arabic: a QueryError's code, or a code given."""
    if exc is not None:
        code, params = exc.code, exc.params
    return _say(ERRORS, code, params or {}) or GENERAL_ERROR


def number(n: int) -> str:
    """A count with thousands separators: 20,755."""
    return f"{n:,}"
