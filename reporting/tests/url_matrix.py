from people.tests.permissions import Case, ladder

CASES = [
    Case("reporting:dashboard-gender", ladder()),
    Case("reporting:dashboard-programme", ladder()),
    Case(
        "reporting:dashboard-export",
        ladder(),
        kwargs=lambda w: {"dashboard": "gender", "table": "trainees", "fmt": "csv"},
    ),
]
