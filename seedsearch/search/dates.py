"""Dates in a query: ``date:2024``, ``date:>=2024-05``, ``date:[2020 TO 2021-06]``.

An ISO date of any precision (a year, a month, a day, a minute, a second)
names a span; a comparison or a range of two bounds names a
:class:`DateRange` of ``[start, end)``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateRange", "date_range", "parse_date_bound"]


@dataclass(frozen=True)
class DateRange:
    start: dt.datetime | None
    end: dt.datetime | None  # exclusive


_DATE_FORMS = (("%Y-%m-%dT%H:%M:%S", "s"), ("%Y-%m-%dT%H:%M", "m"), ("%Y-%m-%d", "d"),
               ("%Y-%m", "M"), ("%Y", "Y"))


def parse_date_bound(text: str) -> tuple[dt.datetime, dt.datetime] | None:
    """An ISO date of any precision -> the [start, end) span it names."""
    text = text.strip()
    for fmt, unit in _DATE_FORMS:
        try:
            start = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if unit == "Y":
            return start, start.replace(year=start.year + 1)
        if unit == "M":
            year, month = divmod(start.month, 12)
            return start, start.replace(year=start.year + year, month=month + 1)
        step = {"d": dt.timedelta(days=1), "m": dt.timedelta(minutes=1),
                "s": dt.timedelta(seconds=1)}[unit]
        return start, start + step
    return None


def date_range(spec: str) -> DateRange | None:
    spec = spec.strip()
    m = re.fullmatch(r"(.*?)\s+TO\s+(.*)", spec, re.IGNORECASE)
    if m:
        lo_text, hi_text = m.group(1).strip(), m.group(2).strip()
        lo = None if lo_text in ("", "*") else parse_date_bound(lo_text)
        hi = None if hi_text in ("", "*") else parse_date_bound(hi_text)
        if (lo_text not in ("", "*") and lo is None) or (hi_text not in ("", "*") and hi is None):
            return None
        return DateRange(lo[0] if lo else None, hi[1] if hi else None)
    m = re.fullmatch(r"(>=|<=|>|<)?(.+)", spec)
    if not m:
        return None
    span = parse_date_bound(m.group(2))
    if span is None:
        return None
    op = m.group(1)
    if op == ">":
        return DateRange(span[1], None)
    if op == ">=":
        return DateRange(span[0], None)
    if op == "<":
        return DateRange(None, span[0])
    if op == "<=":
        return DateRange(None, span[1])
    return DateRange(*span)
