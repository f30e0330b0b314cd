"""The extraction runner: one article's failure is reported and the rest are saved."""

from __future__ import annotations

from storyline.extract import runner
from storyline.records import Article
from storyline.store import Store


def test_a_failing_article_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    texts = ["Hamas released two hostages on Monday.", "Qatar hosted talks in Doha on Friday."]
    real = runner.extract_article

    def flaky(article, doc):
        if "Qatar" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, doc)

    monkeypatch.setattr(runner, "extract_article", flaky)
    failures = []
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        for i, text in enumerate(texts):
            store.add_article(Article(id=f"a{i}", text=text, source=f"t{i}", format="text",
                                      published="2024-03-06"))
        saved = runner.extract_stored(store, ["a0", "a1"], on_failure=failures.append)
        assert saved == 1
        assert [f.article_id for f in failures] == ["a1"]
        assert "RecursionError" in failures[0].message
        assert store.unextracted_ids(runner.EXTRACTION_VERSION) == ["a1"]
        assert store.load_extraction("a0").events
