"""The extraction runner: one article's failure is reported and the rest are saved."""

from __future__ import annotations

from storyline.extract import runner
from storyline.records import Article
from storyline.store import Store


def test_a_failing_article_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    texts = ["Hamas released two hostages on Monday.", "Qatar hosted talks in Doha on Friday."]
    real = runner.extract_article

    def flaky(article, doc, story=None):
        if "Qatar" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, doc, story)

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
        # marked failed with its reason: later runs skip it instead of failing again
        assert store.unextracted_ids(runner.EXTRACTION_VERSION) == []
        [(aid, stage, _, reason)] = store.failures()
        assert (aid, stage) == ("a1", "extract") and "RecursionError" in reason
        assert store.load_extraction("a0").events


def test_a_text_too_long_to_parse_is_marked_failed_without_parsing(tmp_path, monkeypatch):
    from storyline.ingest.limits import MAX_TEXT_CHARS

    parsed = []
    monkeypatch.setattr(runner.nlp, "parse_many",
                        lambda texts, batch_size: [parsed.append(t) for t in texts] or [])
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.add_article(Article(id="big", text="word " * (MAX_TEXT_CHARS // 4), source="b",
                                  format="text"))
        failures = []
        assert runner.extract_stored(store, ["big"], on_failure=failures.append) == 0
        assert parsed == [] and "over the 200,000-character limit" in failures[0].message
        assert store.unextracted_ids(runner.EXTRACTION_VERSION) == []


def test_a_batch_the_parser_refuses_is_parsed_one_by_one(tmp_path, monkeypatch):
    def refuse(texts, batch_size):
        raise ValueError("[E088] Text of length 3000001 exceeds maximum")

    def one(text):
        if "bad" in text:
            raise ValueError("[E088] Text of length 3000001 exceeds maximum")
        return runner.nlp.load()(text)

    monkeypatch.setattr(runner.nlp, "parse_many", refuse)
    monkeypatch.setattr(runner.nlp, "parse", one)
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.add_article(Article(id="a", text="Qatar hosted talks in Doha on Friday.",
                                  source="a", format="text"))
        store.add_article(Article(id="b", text="A bad text the parser refuses.", source="b",
                                  format="text"))
        failures = []
        assert runner.extract_stored(store, ["a", "b"], on_failure=failures.append) == 1
        assert [f.article_id for f in failures] == ["b"] and "E088" in failures[0].message


def test_a_batch_embeds_its_articles_sentences_in_one_model_run(monkeypatch):
    from storyline import nlp
    from storyline.extract import embeddings

    texts = ["Egypt hosted talks between the two delegations in Cairo on Friday.",
             "Northland troops attacked the border town of Eastville on Monday.",
             "Israel and Hamas agreed a four-day truce on Wednesday.",
             "Rebel fighters shelled the northern district of Eastville overnight."]
    articles = [Article(id=f"a{i}", text=t, source=f"t{i}", format="text",
                        published="2024-03-06") for i, t in enumerate(texts)]
    docs = [nlp.parse(t) for t in texts]
    encoder = embeddings.load()
    encoder.cache.clear()
    alone = [runner.extract_parsed(a, d) for a, d in zip(articles, docs, strict=True)]
    encoder.cache.clear()
    runs: list[list[str]] = []
    real = encoder._run

    def counting(batch, batch_size):
        runs.append(list(batch))
        return real(batch, batch_size)

    monkeypatch.setattr(encoder, "_run", counting)
    together = runner._extract_batch(articles)
    assert len(runs) == 1 and len(runs[0]) >= 2  # several articles' sentences, one run
    assert together == alone  # the records of extracting each article alone
