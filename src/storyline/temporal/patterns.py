"""Our own patterns for time expressions: vocabulary and the regular expressions that find them.

Spans follow the TimeML/TimeBank conventions: determiners and modifiers belong to the expression
("the past three months", "nearly two years ago", "early October"), prepositions and signals do
not ("on Monday" → "Monday", "since Oct. 7" → "Oct. 7"). Month and weekday names are matched
case-sensitively (capitalised) so that "may", "march" or "sun" as ordinary words are left alone;
every other word is matched case-insensitively.

Each pattern has a name; `normalise.normalise` turns a match of a named pattern into a TIMEX3
type and value. Patterns are listed from most to least specific: when two matches overlap, the
longer wins and, at equal length, the earlier pattern.
"""

from __future__ import annotations

import re

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5, "couple": 2,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4,
}
# unit word → (TIMEX3 duration letter, whether it is a time-of-day unit needing "T")
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
    "millennium": ("ML", False), "weekend": ("WE", False),
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "tonight": "NI", "midday": "MI", "daytime": "DT",
}

# ----------------------------------------------------------------------- building blocks

WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY" \
     r"|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER)(?![A-Za-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_NUMWORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozen"
    r"|a\s+hundred|hundred|a\s+couple\s+of|a|an"
)
NUM = rf"(?:(?<![\d,.])\d{{1,3}}(?:\.\d+)?(?:\s+\d/\d|½)?|(?i:{_NUMWORD}))"
UNIT = r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century" \
       r"|millennium)"
UNITS_PL = r"(?i:seconds|minutes|hours|days|nights|weeks|months|quarters|years|decades" \
           r"|centuries|millennia)"
VAGUE = r"(?i:several|a\s+few|few|many|some|numerous|a\s+couple\s+of|the|recent|past|coming" \
        r"|next\s+few|last\s+few|past\s+few|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few" \
        r"|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+recent|the\s+past\s+several" \
        r"|the\s+next\s+several|the\s+last\s+several)"
APPROX = (
    r"(?i:(?:approximately|nearly|almost|roughly|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|no\s+more\s+than|up\s+to|as\s+many\s+as|the\s+better\s+part\s+of"
    r"|a\s+full|fully|upwards\s+of|close\s+to)\s+)?"
)
POD = r"(?i:morning|afternoon|evening|night|overnight)"
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|IDT|IST|AST)\b)"
CLOCK = (
    r"(?:\d{1,2}(?::\d\d)?\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)|(?<![\d.,$])\d{1,2}:\d\d(?![\d:])"
    r"|(?i:noon|midnight))" + TZ + "?"
)
DMOD = r"(?i:(?:early|late|mid|middle|end|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of" \
       r"|the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+first\s+week\s+of" \
       r"|the\s+last\s+week\s+of|earlier\s+in|later\s+in|late\s+in|early\s+in)[\s-]+)?"
REL = r"(?i:last|this|next|past|coming|previous|current|following|the\s+past|the\s+last" \
      r"|the\s+previous|the\s+coming|the\s+next|the\s+current|the\s+following|this\s+past)"
EARLY = r"(?i:(?:earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of" \
        r"|the\s+middle\s+of|mid)[\s-]+(?:in\s+)?)?"
ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"

# ----------------------------------------------------------------------- the patterns

_SOURCES: list[tuple[str, str]] = [
    # 5 p.m. EST, Nov. 6 / 9 a.m. Tuesday / noon Thursday / 10 p.m. yesterday
    ("clock_date", rf"{CLOCK},?\s+(?:(?i:on)\s+)?(?:{WD},?\s+)?(?:{MON}\s+{DAY}(?:,?\s+{YEAR})?"
                   rf"|{WD}|(?i:yesterday|today|tomorrow))"),
    # Thursday, October 26 / Oct. 7, 2023 / Friday Oct. 13
    ("date_full", rf"(?:{WD},?\s+)?{DMOD}{MON}\s+{DAY}(?:,\s*{YEAR}|\s+{YEAR})?(?![\d])"),
    # 26 October 2023 / Thursday 26 October
    ("date_dmy", rf"(?:{WD},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}(?:,?\s+{YEAR})?"),
    ("date_iso", r"(?<![\d/-])(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::[0-5]\d)?)?"
                 r"(?![\d])"),
    ("date_slash", r"(?<![\d/.])[01]?\d/[0-3]?\d/(?:\d\d|(?:19|20)\d\d)(?![\d/])"),
    ("month_year", rf"{DMOD}{MON},?\s+(?:(?i:of)\s+)?{YEAR}"),
    ("month_rel", rf"{DMOD}{MON}\s+(?i:(?:of\s+)?(?:last|this|next)\s+year)"),
    ("rel_month", rf"{DMOD}(?i:last|this|next|this\s+past|this\s+coming)\s+{MON}"),
    ("month", rf"{DMOD}{MON}"),
    # Monday night / last Friday / Thursday morning / early Sunday
    ("weekday", rf"(?i:(?:last|next|this|coming|this\s+past|this\s+coming|early|late|earlier"
                rf"|later|midday|mid-?day)\s+)?{WD}(?:,?\s+(?:{POD}))?(?![\w'])"),
    ("weekday_set", rf"(?i:every|each)\s+{WD}s?|{WD}s(?=\s)"),
    ("dayrel", r"(?i:(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+before\s+yesterday"
               r"|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night"
               r"|overnight)(?:\s+(?:morning|afternoon|evening|night))?)"),
    ("this_pod", r"(?i:(?:early|late|earlier|later|mid-?)?\s*(?:this|that|the)\s+"
                 r"(?:morning|afternoon|evening)|mid-?afternoon|mid-?morning)"),
    ("clock", rf"(?:{APPROX}){CLOCK}"),
    ("unit_rel", rf"{EARLY}{REL}\s+(?i:week|weekend|month|year|quarter|decade|century|spring"
                 rf"|summer|fall|autumn|winter)(?![\w-])"),
    ("unit_this", r"(?i:(?:earlier|later|early|late)\s+(?:this|next|last)\s+"
                  r"(?:week|month|year|decade|century))"),
    ("the_unit", r"(?i:the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?:week|month|year)"
                 r"|the\s+weekend|this\s+weekend)"),
    # told from the narrative's last date, not the writing's: "two days later", "the next day",
    # "a week earlier", "the day before." (not "the day after the attack": an event anchors it)
    ("narrative", rf"(?:(?:{NUM}|(?i:a|an))[\s-]+(?:{UNIT}|{UNITS_PL})\s+(?i:later|earlier)"
                  rf"|(?i:the\s+(?:next|following|previous)\s+(?:day|morning|afternoon|evening"
                  rf"|night|week|month|year))"
                  rf"|(?i:the\s+day\s+(?:after|before))(?=\s*[,.;:)]))(?![\w-])"),
    ("ago", rf"{APPROX}(?:{NUM}|(?i:several|a\s+few|few|many|some))[\s-]+(?:and\s+a\s+half\s+)?"
            rf"(?:{UNIT}|{UNITS_PL})(?:\s+(?i:or\s+so))?\s+(?i:ago|from\s+now|hence)"),
    ("set", rf"(?i:(?:every|each|per)\s+(?:other\s+)?(?:{NUM}\s+)?(?:{UNIT}s?|morning|evening"
            rf"|night|weekend)|(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per|each|every)"
            rf"\s+{UNIT}|daily|weekly|monthly|annually|yearly|hourly|nightly"
            rf"|biweekly|semiannually)(?![\w-])"),
    ("spoken_year", r"(?i:(?:the\s+year\s+)?(?:nineteen|twenty)[\s-](?:(?:ten|eleven|twelve"
                    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty"
                    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three"
                    r"|four|five|six|seven|eight|nine))?)|(?:the\s+year\s+)?two\s+thousand"
                    r"(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
                    r"(?![\w-])"),
    ("quarter", rf"(?i:(?:(?:this|last|next)\s+year's\s+|{YEAR}'s\s+|the\s+)?(?:(?:fiscal|calendar)"
                rf"\s+)?(?:{ORD})(?:[\s-](?:fiscal\s+)?)quarter(?:\s+of\s+(?:{YEAR}|fiscal\s+{YEAR}"
                rf"|this\s+year|last\s+year|next\s+year))?)(?![\w-])"),
    ("quarter_rel", r"(?i:(?:the|this|last\s+year's)\s+(?:latest|last|past|recent|current"
                    r"|previous|year-ago|year-earlier|most\s+recent|same|comparable|fiscal)?\s*"
                    r"(?:fiscal\s+)?quarter)(?![\w-])"),
    ("half", rf"(?i:(?:the\s+)?(?:first|second)\s+half(?:\s+of\s+(?:{YEAR}|this\s+year"
             rf"|last\s+year|next\s+year))?)(?![\w-])"),
    ("season", rf"(?i:(?:last|this|next|early|late|mid-?|the\s+early|the\s+late)\s+)(?i:spring"
               rf"|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{YEAR})?|(?i:spring|summer|fall"
               rf"|autumn|winter)\s+(?:of\s+)?{YEAR}"),
    ("decade", r"(?i:(?:the\s+)?(?:early|mid|late)?[\s-]?)(?:(?:1[6-9]|20)\d0|')\d?0?s(?![\w])"),
    ("decade_word", r"(?i:the\s+(?:early\s+|mid-?|late\s+)?(?:twenties|thirties|forties|fifties"
                    r"|sixties|seventies|eighties|nineties))"),
    ("century", r"(?i:(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:\d{1,2}(?:st|nd|rd|th)|first"
                r"|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
                r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
                r"|twentieth|twenty-first)[\s-]century)"),
    ("year_mod", rf"(?i:(?:fiscal|calendar|the\s+year|early|late|mid|the\s+end\s+of"
                 rf"|the\s+beginning\s+of|the\s+summer\s+of|the\s+spring\s+of|the\s+fall\s+of"
                 rf"|the\s+winter\s+of)[\s-]+){YEAR}"),
    ("year", rf"(?<![\d$£€.,:/-]){YEAR}(?![\w-]|,\d|\.\d)"),
    ("duration", rf"{APPROX}(?i:(?:the|a|an|another)\s+)?(?i:(?:past|last|next|first|previous"
                 rf"|coming|following|final|remaining|initial|full|entire|whole|latest|extra"
                 rf"|additional|further)\s+)?{NUM}(?:[\s-]+(?i:and[\s-]a[\s-]half|plus))?"
                 # "two more months", "three further weeks"
                 rf"(?:\s+(?i:more|further|extra|additional))?[\s-]+"
                 rf"(?:{UNIT}|{UNITS_PL})(?:[\s-](?i:old|long))?(?![\w])"),
    ("vague_duration", rf"{APPROX}{VAGUE}\s+(?:{UNITS_PL})(?![\w])"),
    ("refs", r"(?i:right\s+now|now|currently|current|presently|at\s+present|nowadays|these\s+days"
             r"|at\s+the\s+moment|the\s+present|recently|lately|the\s+past"
             r"|the\s+future|the\s+near\s+future)(?![\w-])"),
    ("bare_units", rf"{UNITS_PL}(?![\w-])"),
    ("holiday", r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving"
                r"(?:\s+Day)?|Halloween|Valentine's\s+Day|Independence\s+Day|Labor\s+Day"
                r"|Memorial\s+Day)(?![\w])"),
]

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(source)) for name, source in _SOURCES
]
PRIORITY = {name: i for i, (name, _) in enumerate(_SOURCES)}
BY_NAME = dict(PATTERNS)

# The words of the text around an expression that decide some readings
FUTURE_WORDS = re.compile(
    r"\b(will|'ll|shall|going\s+to|plans?\s+to|planned|planning|expected|expects?\s+to"
    r"|scheduled|set\s+to|due\s+to|is\s+to|are\s+to|would\s+be\s+held|upcoming|next)\b",
    re.I,
)

# Every pattern above contains one of these words (or a digit): the patterns only run in windows
# around them, which keeps the finder fast on long articles.
TRIGGER = re.compile(
    # Digits trigger only where they can be part of a date or time: a year, a numeric date or
    # clock time, a time zone or am/pm. A bare count ("1,400 people") does not: news is full
    # of them, and every trigger costs a scan of its window by every pattern.
    r"\d{4}|\d[:/.-]\d|\d\s*(?i:[ap]\.?m\b|gmt\b|utc\b|[a-z]{1,3}t\b|hrs\b|h\b|s\b|th\b|st\b|nd\b|rd\b)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Christmas|Thanksgiving"
    r"|Halloween|Valentine's|Independence|Labor|Memorial|New\s+Year's)\b"
    r"|\b(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|second|minute|hour|day"
    r"|night|week|weekend|fortnight|month|quarter|year|decade|century|centuries|millennium"
    r"|millennia|now|today|yesterday|tomorrow|tonight|overnight|recently|current|currently"
    r"|present|presently|nowadays|future|past|lately|morning|afternoon|evening|noon|midnight"
    r"|spring|summer|fall|autumn|winter|half|nineteen|twenty|thousand|twenties|thirties"
    r"|forties|fifties|sixties|seventies|eighties|nineties|daily|weekly|monthly|annually"
    r"|yearly|hourly|nightly|biweekly|semiannually|moment|mid-?afternoon|mid-?morning"
    r"|[a-z]+-(?:year|month|week|day|hour|minute)(?:-old|-long)?)s?\b"
)
WINDOW = 60  # characters around a trigger that a pattern's modifiers may reach
