"""Whole numbers below a hundred in words, as the programme's description writes its counts
("fifteen (15) accreditation workshops"), in the four languages of the reports. Larger
numbers are written in figures only ("2,134 officials"), as the description does.

Russian and Spanish words are the masculine forms (the nouns the reports count — семинары,
тренинги, эксперты; talleres, expertos — are masculine); the sentences that count feminine
nouns write the figure alone.
"""

EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
FR = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
FR_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante")
ES = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
ES_TENS = ("", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
RU = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
]
RU_TENS = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)


def _en(n: int) -> str:
    if n < 20:
        return EN[n]
    tens, ones = divmod(n, 10)
    return EN_TENS[tens] + (f"-{EN[ones]}" if ones else "")


def _fr(n: int) -> str:
    if n < 20:
        return FR[n]
    if n < 70:
        tens, ones = divmod(n, 10)
        if ones == 1:
            return f"{FR_TENS[tens]} et un"
        return FR_TENS[tens] + (f"-{FR[ones]}" if ones else "")
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{FR[n - 60]}"
    if n == 80:
        return "quatre-vingts"
    return f"quatre-vingt-{FR[n - 80]}"


def _es(n: int) -> str:
    if n < 30:
        return ES[n]
    tens, ones = divmod(n, 10)
    return ES_TENS[tens] + (f" y {ES[ones]}" if ones else "")


def _ru(n: int) -> str:
    if n < 20:
        return RU[n]
    tens, ones = divmod(n, 10)
    return RU_TENS[tens] + (f" {RU[ones]}" if ones else "")


SPELLERS = {"en": _en, "fr": _fr, "es": _es, "ru": _ru}


def in_words(n: int, language: str) -> str | None:
    """The number in words, or None when it is written in figures only (100 and over)."""
    if not 0 <= n < 100:
        return None
    return SPELLERS.get((language or "en")[:2], _en)(n)
