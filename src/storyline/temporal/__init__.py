"""Time: normalise time expressions (TIMEX3) and estimate undated articles' publication dates."""
