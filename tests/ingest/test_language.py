"""detect_language: py3langid on a sample of the text; short or unclear texts are "und"."""

from __future__ import annotations

import pytest

from storyline.ingest.language import SAMPLE_CHARS, detect_language

SAMPLES = {
    "en": "Negotiators from Qatar and Egypt met in Cairo on Tuesday to discuss a new truce "
    "proposal, officials said, as families of the captives rallied outside parliament.",
    "es": "Los negociadores de Qatar y Egipto se reunieron el martes en El Cairo para discutir "
    "una nueva propuesta de tregua, según dijeron fuentes oficiales a la prensa local.",
    "fr": "Les négociateurs du Qatar et de l'Égypte se sont réunis mardi au Caire pour discuter "
    "d'une nouvelle proposition de trêve, selon des responsables.",
    "de": "Unterhändler aus Katar und Ägypten trafen sich am Dienstag in Kairo, um über einen "
    "neuen Vorschlag für eine Waffenruhe zu beraten, sagten Beamte.",
    "ar": "التقى مفاوضون من قطر ومصر يوم الثلاثاء في القاهرة لبحث مقترح جديد للهدنة، "
    "بحسب ما قال مسؤولون.",
    "he": "נציגים מקטאר וממצרים נפגשו ביום שלישי בקהיר כדי לדון בהצעה חדשה להפסקת אש, "
    "כך אמרו גורמים רשמיים.",
    "ru": "Переговорщики из Катара и Египта встретились во вторник в Каире, чтобы обсудить "
    "новое предложение о перемирии, сообщили официальные лица.",
    "zh": "卡塔尔和埃及的谈判代表周二在开罗会面，讨论新的停火提议，官员们表示。",
}


@pytest.mark.parametrize("code", list(SAMPLES))
def test_languages_are_detected(code):
    language, confidence = detect_language(SAMPLES[code])
    assert language == code
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   \n", "OK", "Gaza", "12:30 4,000 2024-01-01", "---"])
def test_short_or_letterless_text_is_undetermined(text):
    assert detect_language(text)[0] == "und"


def test_only_the_start_is_classified():
    # An English article followed by a long appendix in another language stays English.
    text = (SAMPLES["en"] + " ") * (SAMPLE_CHARS // len(SAMPLES["en"]) + 1)
    assert detect_language(text + SAMPLES["de"] * 50)[0] == "en"


def test_upper_case_headline_is_still_english():
    text = "NEGOTIATORS FROM QATAR AND EGYPT MET IN CAIRO ON TUESDAY TO DISCUSS A TRUCE PLAN"
    assert detect_language(text)[0] == "en"
