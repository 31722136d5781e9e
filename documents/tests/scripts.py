"""People whose names need shaping, right-to-left ordering or another font: the acceptance
cases for every PDF that prints names (issue 14). Given name, family name, transliteration."""

import unicodedata

NAMES_IN_EVERY_SCRIPT = {
    # الله after د, which does not join to the left: arabic_reshaper's default makes it U+FDF2,
    # a glyph DejaVu lacks (the reported box). سلامة has lam-alef, a ligature DejaVu has.
    "arabic-ligature": ("عبدالله", "سلامة", "Abdullah Salama"),
    "arabic-words": ("عبد الله", "الأحمد", "Abd Allah Al-Ahmad"),
    "hebrew": ("דוד", "כהן", "David Cohen"),
    "chinese": ("秀英", "王", "Wang Xiuying"),
    "greek": ("Γιώργος", "Παπαδόπουλος", "Giorgos Papadopoulos"),
    "vietnamese": ("Thị Minh Khai", "Nguyễn", ""),
    "vietnamese-typed-nfd": (unicodedata.normalize("NFD", "Thuỷ"), unicodedata.normalize("NFD", "Phạm"), ""),
}
RIGHT_TO_LEFT = ("arabic-ligature", "arabic-words", "hebrew")
