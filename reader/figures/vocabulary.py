"""The words figure extraction knows: number words and scales, qualifiers ("at least"),
what a figure counts (killed, wounded, displaced, ...), units, durations, currencies. Data
only; the rules are in `reader.figures.extract`, the grouping in `reader.figures.groups`."""

from __future__ import annotations

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "mn": 10**6, "tn": 10**12,
}  # fmt: skip
# Bare one-letter scales are only read as scales after a currency sign ("$5m", "£2bn").
MONEY_SCALES = {"m": 10**6, "b": 10**9, "k": 1000}
VAGUE = {
    "dozens": 12,
    "tens": 10,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 10**6,
    "billions": 10**9,
}

QUALIFIERS = {
    "at least": "at least", "more than": "more than", "in excess of": "more than",
    "upwards of": "more than", "over": "over", "just over": "over", "well over": "over",
    "nearly": "nearly", "close to": "nearly", "just under": "nearly", "almost": "almost",
    "some": "some", "about": "about", "circa": "about", "around": "around",
    "approximately": "approximately", "approx.": "approximately", "roughly": "roughly",
    "an estimated": "estimated", "estimated": "estimated", "up to": "up to",
    "as many as": "up to", "at most": "up to", "fewer than": "fewer than",
    "less than": "less than", "no more than": "up to", "no fewer than": "at least",
}  # fmt: skip

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "killed": (
        "killed", "kill", "kills", "killing", "dead", "death", "deaths", "died", "die", "dies",
        "dying", "fatalities", "fatality", "toll", "lives", "perished", "slain", "murdered",
        "massacred", "drowned", "deceased",
    ),
    "wounded": (
        "wounded", "wounding", "wounds", "injured", "injuring", "injuries", "injury", "injures",
        "injure", "hurt", "hurting", "hospitalised", "hospitalized",
    ),
    "missing": ("missing", "unaccounted", "disappeared"),
    "hostages": (
        "hostage", "hostages", "captive", "captives", "abducted", "abducting", "abduction",
        "kidnapped", "kidnapping",
    ),
    "displaced": (
        "displaced", "displacement", "displacing", "evacuated", "evacuation", "refugees",
        "homeless", "fled", "fleeing",
    ),
    "arrested": (
        "arrested", "arresting", "arrests", "arrest", "detained", "detaining", "detainees",
        "detention",
    ),
    "population": ("residents", "inhabitants", "population", "populace"),
}  # fmt: skip
CATEGORY = {w: cat for cat, words in CATEGORY_WORDS.items() for w in words}
# Head nouns that name their category by themselves ("253 hostages", "2.3 million residents").
NOUN_CATEGORY = {
    w: CATEGORY[w]
    for w in (
        "hostages", "captives", "deaths", "fatalities", "lives", "injuries", "refugees",
        "detainees", "arrests", "residents", "inhabitants",
    )
}  # fmt: skip
# Before the number, "population of 4.8 million", "city of 300,000".
# Nouns that name a category only before a number ("the lives of", "death toll of"): after it
# they belong to other clauses ("100 people ... who lives in").
NOT_AFTER = frozenset(
    "lives toll death deaths kill kills population displacement evacuation".split()
)

DURATIONS = {
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years", "years": "years",
    "decade": "decades", "decades": "decades", "century": "centuries", "centuries": "centuries",
}  # fmt: skip
MEASURES = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "foot": "ft", "feet": "ft", "ft": "ft", "inch": "inch", "inches": "inch", "cm": "cm",
    "mm": "mm", "kg": "kg", "kilogram": "kg", "kilograms": "kg", "tonne": "tonne",
    "tonnes": "tonne", "ton": "ton", "tons": "ton", "mph": "mph", "kmh": "km/h",
    "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "degree": "degree", "degrees": "degree", "lb": "lb", "lbs": "lb", "gb": "GB", "mb": "MB",
    "tb": "TB", "ghz": "GHz", "mhz": "MHz", "mp": "MP", "mw": "MW", "gw": "GW", "kw": "kW",
}  # fmt: skip
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yuan": "CNY",
    "yen": "JPY", "rupees": "INR", "roubles": "RUB", "rubles": "RUB", "shekels": "ILS",
    "pounds sterling": "GBP",
}  # fmt: skip
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₪": "ILS"}

# Words that end a noun phrase, or may sit between it and its verb.
AUX = frozenset(
    "were was are is be been being have has had reportedly also all now later since feared "
    "believed confirmed reported still remain remained remains lay lie lies who that which "
    "so far thought said presumed left among the already officially to critically seriously "
    "badly slightly gravely severely lightly fatally mortally having as more".split()
)
STOP = (
    frozenset(
        "a an the of in on at to from by with for during after before since including and or but "
        "as than that this these those who which whom whose when where while what it its their "
        "his her our your my we they he she you i me them us him there here not no nor so if "
        "then more less other per each every both into onto over under about around across "
        "through against among between within without near out".split()
    )
    | AUX
)
# A preposition between a category verb and the number attaches the number elsewhere
# ("injured in 2 attacks", "killed by 3 gunmen").
BLOCK_BEFORE = frozenset(
    "in on after before during since for from with within into across near by over under "
    "than per and or but".split()
)
IRREGULAR_PLURALS = frozenset(
    "people children men women police personnel staff crew cattle sheep fish feet teeth "
    "militia youths data clergy".split()
)
GENERIC_SUBJECTS = frozenset("people persons others individuals victims more".split())
COUNT_NOUNS_FOR_YEARS = frozenset(
    "people persons residents soldiers civilians troops children men women deaths casualties "
    "votes jobs cases homes houses workers employees students members victims fighters "
    "militants police officers dollars euros".split()
)

SEVERITY_WORDS: dict[str, tuple[str, ...]] = {
    "critical": ("critically", "critical", "life-threatening", "life threatening"),
    "serious": ("seriously", "serious", "badly", "gravely", "severely", "severe", "grievously"),
    "slight": ("slightly", "minor", "lightly", "superficial", "walking wounded"),
}  # fmt: skip
"""Words that make a count of the wounded a quantity of its own ("18 critically injured",
"eight people had serious injuries", "20 others were slightly hurt"): checked in this order."""
