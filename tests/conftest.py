"""Shared fixtures: a small real-Arabic corpus and temporary indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from seedsearch import Index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: ../shared beside the clone, or above a git worktree (…/wt/<name>).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared").is_dir()),
              ROOT.parent / "shared")

#: Short documents in real Arabic, each written to test one behaviour.
SMALL_CORPUS = [
    {"id": "news-1", "title": "زيارة الرئيس السوري إلى موسكو",
     "text": "والرئيسُ السوريُّ أحمد الشرع التقى بنظيره الروسي فلاديمير بوتين في موسكو.",
     "collection": "news", "category": "politics", "date": "2026-01-28"},
    {"id": "news-2", "title": "القواعد العسكرية",
     "text": "ناقش الجانبان مصير القواعد العسكرية الروسية في سوريا.",
     "collection": "news", "category": "military", "date": "2025-12-01"},
    {"id": "news-3", "title": "قاعدة جديدة",
     "text": "أعلنت الوزارة عن قاعدة جديدة للتعاون بين البلدين.",
     "collection": "news", "category": "politics", "date": "2024-05-10"},
    {"id": "news-4", "title": "المسؤولية الاجتماعية",
     "text": "تحدث القائد عن مسؤولية الشركات وعن رؤية الحكومة للتنمية.",
     "collection": "news", "category": "economy", "date": "2023-03-15"},
    {"id": "hadith-1", "title": "صحيح البخاري 1",
     "text": "إِنَّمَا الأَعْمَالُ بِالنِّيَّاتِ، وَإِنَّمَا لِكُلِّ امْرِئٍ مَا نَوَى",
     "collection": "bukhari", "category": "book-1"},
    {"id": "hadith-2", "title": "صحيح مسلم 2",
     "text": "قَالَ رَسُولُ اللَّهِ صلى الله عليه وسلم لاَ إِلَهَ إِلاَّ اللَّهُ",
     "collection": "muslim", "category": "book-1"},
    {"id": "name-1", "title": "وليد في لندن",
     "text": "سافر وليد إلى لندن لمشاهدة فيلم جديد عن بريطانيا.",
     "collection": "news", "category": "culture", "date": "2022-07-01"},
    {"id": "pen-1", "title": "الكتابة",
     "text": "كتب الشاعر قصيدته بقلم رصاص.",
     "collection": "news", "category": "culture", "date": "2021-02-02"},
    {"id": "pen-2", "title": "أدوات",
     "text": "القلم أداة الكاتب الأولى.",
     "collection": "news", "category": "culture", "date": "2020-09-09"},
]


@pytest.fixture
def small_index(tmp_path):
    """A fresh index (with vowel data) holding SMALL_CORPUS."""
    ix = Index.create(tmp_path / "ix", vowels=True)
    ix.add_documents(SMALL_CORPUS)
    yield ix
    ix.close()


@pytest.fixture
def empty_index(tmp_path):
    ix = Index.create(tmp_path / "ix")
    yield ix
    ix.close()


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory):
    """seeds/ (the news article and 2,000 vowelled hadith), indexed once."""
    from seedsearch import load_documents

    path = tmp_path_factory.mktemp("seeds") / "ix"
    ix = Index.create(path, vowels=True)
    ix.add_documents(load_documents(SEEDS), procs=1)
    yield ix
    ix.close()


def shared_path(*parts) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (a user's clone has no ../shared)")
    return path
