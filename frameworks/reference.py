"""The reference list of resolutions and operative paragraphs shipped with the application.

The texts of OPs 1, 9, 12 and 25 of resolution 2663 (2022) are those quoted by the 1540
Committee's Information Note of December 2022. The operative paragraphs of resolution 1540
(2004) are shipped as short neutral summaries, marked as such, until a coordinator enters the
resolution's own words. Loaded by a data migration and again by `seed_demo` (idempotent: a
paragraph a coordinator changed is left as it is).
"""

from django.apps import apps as django_apps

RESOLUTIONS = {
    1540: (2004, "Non-proliferation of weapons of mass destruction"),
    2663: (2022, "Non-proliferation of weapons of mass destruction (comprehensive review)"),
}

# (resolution, number, text, is_summary)
PARAGRAPHS = [
    (1540, 1, "Summary: States are not to support non-State actors that attempt to develop, acquire, "
              "manufacture, possess, transport, transfer or use nuclear, chemical or biological weapons "
              "and their means of delivery.", True),
    (1540, 2, "Summary: States are to adopt and enforce appropriate effective laws prohibiting non-State "
              "actors from these activities, and attempts, participation, assistance or financing.", True),
    (1540, 3, "Summary: States are to take and enforce effective domestic controls against proliferation, "
              "including accounting for and securing related materials, physical protection, border "
              "controls and law enforcement (3 (c)), and national export and trans-shipment controls "
              "(3 (d)).", True),
    (2663, 1, "Reiterates its decisions in and the requirements of resolution 1540 (2004), and reemphasizes "
              "the importance for all States to implement fully that resolution;", False),
    (2663, 9, "Encourages the 1540 Committee, with the support of relevant expertise, to continue to "
              "actively engage in dialogue with Member States on the implementation of resolution 1540 "
              "(2004), including through visits to States at their invitation;", False),
    (2663, 12, "Reiterates its decision that the 1540 Committee shall continue to intensify its efforts to "
               "promote the full implementation by all States of resolution 1540 (2004), through its "
               "Programme of Work, which includes the compilation and general examination of information "
               "on the status of States' implementation of resolution 1540 (2004) and addresses all "
               "aspects of paragraphs 1, 2 and 3 of that resolution, particularly noting the need for more "
               "attention on: enforcement measures; measures relating to biological, chemical and nuclear "
               "weapons; proliferation finance measures; accounting for and securing related materials; "
               "and national export and transshipment controls;", False),
    (2663, 25, "Requests the 1540 Committee to continue to organize and participate in outreach events on "
               "the implementation of resolution 1540 (2004) at the international, regional, subregional, "
               "and as appropriate, national level;", False),
]



def load_paragraphs(apps=django_apps) -> int:
    """Create the resolutions and paragraphs that are missing; returns how many paragraphs were added."""
    Resolution = apps.get_model("frameworks", "Resolution")
    OperativeParagraph = apps.get_model("frameworks", "OperativeParagraph")
    resolutions = {}
    for number, (year, title) in RESOLUTIONS.items():
        resolutions[number], _ = Resolution.objects.get_or_create(
            number=number, defaults={"year": year, "title": title}
        )
    added = 0
    for number, op, text, is_summary in PARAGRAPHS:
        _paragraph, created = OperativeParagraph.objects.get_or_create(
            resolution=resolutions[number], number=op, defaults={"text": text, "is_summary": is_summary}
        )
        added += created
    return added
