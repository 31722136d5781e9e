"""The standard feedback form, shipped as reference data (a migration loads it; tests that
flush the database load it again). Coordinators add an event's own questions beside it."""

from django.apps import apps as django_apps

NNBSP = "\u202f"  # French puts a narrow no-break space before ? ! : ;

STANDARD_QUESTIONS = [
    (
        "day",
        "rating",
        {
            "en": "How satisfied were you with this day?",
            "fr": f"Quel est votre degré de satisfaction concernant cette journée{NNBSP}?",
            "es": "¿Cuál es su grado de satisfacción con este día?",
            "ru": "Насколько вы довольны этим днём?",
        },
    ),
    (
        "module",
        "rating",
        {
            "en": "How satisfied were you with this module?",
            "fr": f"Quel est votre degré de satisfaction concernant ce module{NNBSP}?",
            "es": "¿Cuál es su grado de satisfacción con este módulo?",
            "ru": "Насколько вы довольны этим модулем?",
        },
    ),
    (
        "general",
        "rating",
        {
            "en": "How relevant is this training to your work?",
            "fr": f"Dans quelle mesure cette formation est-elle utile à votre travail{NNBSP}?",
            "es": "¿Qué tan pertinente es esta formación para su trabajo?",
            "ru": "Насколько это обучение полезно для вашей работы?",
        },
    ),
    (
        "general",
        "text",
        {
            "en": "What did you find most useful?",
            "fr": f"Qu’avez-vous trouvé le plus utile{NNBSP}?",
            "es": "¿Qué le resultó más útil?",
            "ru": "Что оказалось для вас наиболее полезным?",
        },
    ),
    (
        "general",
        "text",
        {
            "en": "What could be improved?",
            "fr": f"Que pourrait-on améliorer{NNBSP}?",
            "es": "¿Qué se podría mejorar?",
            "ru": "Что можно было бы улучшить?",
        },
    ),
]


def load_standard_questions(apps=django_apps) -> int:
    """Adds the standard questions that are missing (by English text); returns how many."""
    model = apps.get_model("evaluation", "FeedbackQuestion")
    existing = {q.text.get("en") for q in model.objects.filter(event__isnull=True)}
    added = 0
    for position, (scope, kind, text) in enumerate(STANDARD_QUESTIONS, start=1):
        if text["en"] not in existing:
            model.objects.create(scope=scope, kind=kind, text=text, position=position)
            added += 1
    return added
