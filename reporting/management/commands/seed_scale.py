import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from people.demo import load_reference_data
from reporting.scale import Size, has_records, load_synthetic_programme, vacuum_slices


class Command(BaseCommand):
    help = (
        "Create a synthetic programme of a given size (default 200,000 people, 10,000 events, "
        "1,000,000 attendance records, 3,000 experts) for benchmarks and for trying the dashboards."
    )

    def add_arguments(self, parser):
        default = Size()
        parser.add_argument("--people", type=int, default=default.people)
        parser.add_argument("--events", type=int, default=default.events)
        parser.add_argument(
            "--attendance",
            type=int,
            default=default.attendance,
            help="Number of attendance records (enrolment × day).",
        )
        parser.add_argument("--experts", type=int, default=default.experts)
        parser.add_argument("--enrolments-per-event", type=int, default=default.enrolments_per_event)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every size by this factor, e.g. 0.01 for a quick run.",
        )
        parser.add_argument("--seed", type=int, default=2016, help="Random seed (same seed, same programme).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add synthetic records even though the database already holds people or events, "
            "or DJANGO_DEBUG=0.",
        )

    def handle(self, *args, **options):
        if not options["force"]:
            if not settings.DEBUG:
                raise CommandError(
                    "seed_scale fills the database with synthetic people and refuses to run "
                    "when DJANGO_DEBUG=0. Use a throw-away database, or pass --force."
                )
            if has_records():
                raise CommandError(
                    "This database already holds people or trainings; synthetic records would "
                    "mix with them in every figure. Use a throw-away database, or pass --force."
                )
        if (
            options["people"] < 1
            or options["events"] < 1
            or min(options["attendance"], options["experts"]) < 0
        ):
            raise CommandError("Sizes must be positive.")
        size = Size(
            people=options["people"],
            events=options["events"],
            attendance=options["attendance"],
            experts=options["experts"],
            enrolments_per_event=options["enrolments_per_event"],
        )
        if options["scale"] != 1.0:
            size = size.scaled(options["scale"])
        load_reference_data(self.stdout)
        started = time.perf_counter()
        counts = load_synthetic_programme(size=size, seed=options["seed"], progress=self.stdout.write)
        vacuum_slices()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Synthetic programme in {elapsed:.1f} s: {summary}."))
