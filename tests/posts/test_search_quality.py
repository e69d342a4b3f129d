"""Search recall on the demo corpus: the everyday queries of bench/search_quality.toml find
what they should (the same measure `python bench/search_quality.py` prints)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from belong.demo.seed import seed_demo
from belong.places.services import load_places

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search_quality.py"


def quality():
    spec = importlib.util.spec_from_file_location("search_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("search_quality", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo(db):
    load_places()
    seed_demo(citizens=300)


def test_the_query_set_is_large_and_varied():
    cases = quality().cases()
    assert len(cases) >= 60
    kinds = {case.kind for case in cases}
    assert {"compound", "inflection", "synonym", "typo", "aa/ae/oe"} <= kinds


def test_everyday_queries_find_what_they_should_on_the_demo(demo):
    bench = quality()
    outcomes = bench.evaluate(bench.demo_viewer())
    figures = bench.summary(outcomes)
    missed = [o.case.text for o in outcomes if not o.ok]
    assert figures["queries_ok"] >= 0.95 * figures["queries"], missed
    assert figures["recall"] >= 0.9
