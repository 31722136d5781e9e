"""Objects that the permission matrix's URLs point at, built once per test.

The `trainer` persona is assigned to `world.event`; `other_trainer` is not.
"""

import datetime
from types import SimpleNamespace

from courses.models import AgendaItem, Enrolment, EventDay, Module, TrainerAssignment, TrainingEvent
from people.tests.factories import PersonFactory


def build_world(*, trainer, other_trainer) -> SimpleNamespace:
    world = SimpleNamespace()
    world.person = PersonFactory()
    world.module = Module.objects.create(code="T-01", title="Definition and importance of STCE")
    world.event = TrainingEvent.objects.create(
        title="National training", start_date=datetime.date(2021, 10, 18),
        end_date=datetime.date(2021, 10, 22), status=TrainingEvent.Status.CONFIRMED,
    )
    TrainerAssignment.objects.create(
        event=world.event, person=trainer.person, role=TrainerAssignment.Role.LEAD
    )
    world.event_day = EventDay.objects.create(event=world.event, date=world.event.start_date)
    world.enrolment = Enrolment.objects.create(event=world.event, person=world.person)
    world.trainer, world.other_trainer = trainer, other_trainer
    # Scheduling (issue 3): an agenda item, the trainer's assignment and an enrolment.
    world.assignment = TrainerAssignment.objects.get(event=world.event, person=trainer.person)
    agenda_day, _ = EventDay.objects.get_or_create(event=world.event, date=world.event.end_date)
    world.agenda_item = AgendaItem.objects.create(day=agenda_day, module=world.module, position=1)
    _add_accreditation(world)
    _add_home_trainings(world)
    _add_unavailability(world)
    _add_invitations(world)
    _add_certificate(world)
    _add_background_work(world)
    _add_nomination(world)
    return world


def _add_nomination(world) -> None:
    """Two countries, each with its focal point. The `focal_point` persona is the first one's:
    its country is invited to world.event, world.nomination (with a letter) is its nominee.
    The other country is invited to world.other_event only; its nominee (world.other_nomination,
    with a letter) and its event are what the persona must not find (404)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from nominations.links import participant_token, welcome_tokens
    from nominations.services.decisions import accept, invite_country, nominate
    from nominations.services.focal_points import appoint_focal_point
    from people.tests.factories import CountryFactory, UserFactory

    deadline = timezone.localdate() + datetime.timedelta(days=7)
    country = CountryFactory(code="KE", name="Kenya")
    other_country = CountryFactory(code="PE", name="Peru")
    persona = UserFactory(username="focal_point", email="focal_point@example.org")
    world.focal_point = appoint_focal_point(user=persona, countries=[country])
    world.other_focal_point = appoint_focal_point(
        user=UserFactory(username="other_focal_point", email="other_focal_point@example.org"),
        countries=[other_country],
    )
    world.invitation = invite_country(event=world.event, country=country, seats=2, deadline=deadline)
    world.nomination = nominate(
        invitation=world.invitation, consent=True, focal_point=world.focal_point,
        values={"given_name": "Nia", "family_name": "Nominee", "email": "nia@example.org"},
        letter=ContentFile(b"%PDF-1.4\n%%EOF\n", name="letter.pdf"),
    )
    accepted = accept(nomination=nominate(
        invitation=world.invitation, consent=True, focal_point=world.focal_point,
        values={"given_name": "Ola", "family_name": "Accepted", "email": "ola@example.org"},
    ))
    world.participant_token = participant_token(accepted)
    world.other_event = TrainingEvent.objects.create(
        title="Another country's training", start_date=datetime.date(2021, 11, 8),
        end_date=datetime.date(2021, 11, 12), status=TrainingEvent.Status.CONFIRMED,
    )
    world.other_invitation = other_invitation = invite_country(
        event=world.other_event, country=other_country, seats=2, deadline=deadline
    )
    world.other_nomination = nominate(
        invitation=other_invitation, consent=True, focal_point=world.other_focal_point,
        values={"given_name": "Omar", "family_name": "Elsewhere", "email": "omar@example.org"},
        letter=ContentFile(b"%PDF-1.4\n%%EOF\n", name="letter.pdf"),
    )
    # The other focal point's welcome link (never signed in, so the link still works; the
    # persona's own would stop working once the matrix signs it in).
    other_user = world.other_focal_point.user
    world.welcome = {
        "uidb64": urlsafe_base64_encode(force_bytes(other_user.pk)),
        "token": welcome_tokens.make_token(other_user),
    }


def _add_background_work(world) -> None:
    """A job, an e-mail about the event, and the addresses that need no sign-in."""
    from background.models import Job
    from courses.services.feeds import create_feed
    from courses.services.personal_links import personal_token
    from mailing.models import Message

    world.job = Job.objects.create(kind="test", title="A long job", total=10, done=3)
    world.message = Message.objects.create(
        kind="joining_instructions", topic_kind="event", topic_id=world.event.pk, person=world.person,
        to="person@example.org", language="en", subject="Joining instructions", body="Dear…",
        message_id="<world@stce>", dedupe_key="world", status=Message.Status.FAILED,
        last_error="550 No such user",
    )
    # A personal page answers until two months after its event: this one is still to come.
    upcoming = TrainingEvent.objects.create(
        title="Regional training", start_date=datetime.date.today() + datetime.timedelta(days=30),
        end_date=datetime.date.today() + datetime.timedelta(days=34), status=TrainingEvent.Status.CONFIRMED,
    )
    Enrolment.objects.create(event=upcoming, person=world.person)
    world.personal_token = personal_token(upcoming, world.person)
    world.feed_token = create_feed(user=world.trainer)


def _add_accreditation(world) -> None:
    """An expert, and a pending proposal on another expert, for the accreditation URLs."""
    from accreditation.models import Expert, ExpertStatus, Proposal
    from people.tests.factories import UserFactory

    world.expert = Expert.objects.create(person=PersonFactory(), status=ExpertStatus.PRE_ACCREDITED)
    # The `expert` persona: an accredited expert whose Person is linked to the persona's account.
    from django.contrib.auth import get_user_model

    account, _ = get_user_model().objects.get_or_create(
        username="expert", defaults={"email": "expert@example.org"}
    )
    world.portal_expert = Expert.objects.create(
        person=PersonFactory(user=account), status=ExpertStatus.ACCREDITED
    )
    from accreditation.models import ModuleProposal

    world.module_proposal = ModuleProposal.objects.create(
        expert=world.portal_expert, module=world.module, change=ModuleProposal.Change.ADD
    )
    world.proposal = Proposal.objects.create(
        expert=Expert.objects.create(person=PersonFactory()),
        from_status=ExpertStatus.NOMINATED, to_status=ExpertStatus.WITHDRAWN,
        rationale="Retired from the service.", proposed_by=UserFactory(username="world_proposer"),
    )


def _add_home_trainings(world) -> None:
    """A draft report of the expert persona with one named participant, and another expert's report."""
    from accreditation.models import HomeTraining, HomeTrainingParticipant

    def report(expert, title):
        return HomeTraining.objects.create(
            expert=expert, title=title, start_date=datetime.date(2024, 5, 6),
            end_date=datetime.date(2024, 5, 8),
            place="Customs academy", country=expert.person.country,
        )

    world.home_training = report(world.portal_expert, "National STCE course")
    world.home_training_participant = HomeTrainingParticipant.objects.create(
        home_training=world.home_training, person=world.person
    )
    world.other_home_training = report(world.expert, "Another expert's course")
def _add_invitations(world) -> None:
    """Invitations to deliver and co-deliveries: the expert persona's own, and another expert's."""
    from django.core.files.base import ContentFile

    from accreditation.models import CoDeliveryReport, DeliveryInvitation

    coming = TrainingEvent.objects.create(
        title="Expert-delivered training", start_date=datetime.date.today() + datetime.timedelta(days=40),
        end_date=datetime.date.today() + datetime.timedelta(days=42), status=TrainingEvent.Status.CONFIRMED,
    )
    invite = DeliveryInvitation.objects.create
    world.delivery_invitation = invite(event=coming, expert=world.portal_expert, role="co_trainer")
    world.other_delivery_invitation = invite(event=coming, expert=world.expert, role="lead")
    done = TrainingEvent.objects.create(
        title="Co-delivered training", start_date=datetime.date(2022, 3, 7),
        end_date=datetime.date(2022, 3, 9), status=TrainingEvent.Status.COMPLETED,
    )
    assign = TrainerAssignment.objects.create
    world.co_delivery = assign(event=done, person=world.portal_expert.person, role="co_trainer")
    world.other_co_delivery = assign(event=done, person=world.expert.person, role="co_trainer")
    world.co_delivery_report = CoDeliveryReport.objects.create(
        assignment=world.other_co_delivery, expert=world.expert
    )
    world.co_delivery_report.attachment.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    own = CoDeliveryReport.objects.create(assignment=world.co_delivery, expert=world.portal_expert)
    own.attachment.save("report.pdf", ContentFile(b"%PDF-1.4 own report"), save=True)


def _add_unavailability(world) -> None:
    """A period of unavailability declared by the expert persona, and one by another expert."""
    from accreditation.models import UnavailabilityPeriod

    def period(expert):
        return UnavailabilityPeriod.objects.create(
            expert=expert, start_date=datetime.date(2030, 7, 1), end_date=datetime.date(2030, 7, 14)
        )

    world.unavailability = period(world.portal_expert)
    world.other_unavailability = period(world.expert)


def _add_certificate(world) -> None:
    """A participation certificate of `world.person` for `world.event`."""
    from certificates.issuing import issue_certificate
    from certificates.models import Certificate

    # world.enrolment (above) already enrols world.person on world.event.
    world.certificate = issue_certificate(
        kind=Certificate.Kind.PARTICIPATION, holder=world.person, event=world.event, by=None
    )
