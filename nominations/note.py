"""The nominations section of an event's Information Note (courses.information_note calls it,
registered from NominationsConfig.ready: courses may not import nominations).

Countries invited, seats offered and used, officials nominated and accepted by gender,
waitlisted and no-shows: the figures of the coordinator's nominations page, in two queries."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.information_note import NoteSection, gender_sentence, join_names

from .figures import figures, with_no_show
from .models import Invitation, Nomination

S = Nomination.Status


def _invitations(event) -> list[Invitation]:
    invitations = list(
        Invitation.objects.filter(event=event).select_related("country").order_by("country__name")
    )
    listed: dict[int, list] = {}
    for nomination in with_no_show(Nomination.objects.filter(invitation__event=event).order_by()):
        listed.setdefault(nomination.invitation_id, []).append(nomination)
    for invitation in invitations:
        invitation.listed = listed.get(invitation.pk, [])
    return invitations


def _with_genders(sentence: str, genders: Counter) -> str:
    return f"{sentence} ({gender_sentence(genders)})." if genders else f"{sentence}."


def _sentences(invitations, total) -> list[str]:
    names = [_(i.country.name) for i in invitations]
    sentences = [
        ngettext(
            "%(count)d country was invited to nominate officials: %(countries)s.",
            "%(count)d countries were invited to nominate officials: %(countries)s.",
            len(names),
        )
        % {"count": len(names), "countries": join_names(names)},
        ngettext("%(count)d seat was offered.", "%(count)d seats were offered.", total.seats)
        % {"count": total.seats},
        ngettext("%(count)d seat was used.", "%(count)d seats were used.", total.accepted)
        % {"count": total.accepted},
    ]
    nominations = [n for i in invitations for n in i.listed]
    if not nominations:
        return [" ".join(sentences), _("No official has been nominated yet.")]
    accepted = [n for n in nominations if n.status == S.ACCEPTED]
    summary = [
        _with_genders(
            ngettext(
                "%(count)d official was nominated", "%(count)d officials were nominated", len(nominations)
            )
            % {"count": len(nominations)},
            Counter(n.gender for n in nominations),
        ),
        _with_genders(
            ngettext("%(count)d was accepted", "%(count)d were accepted", len(accepted))
            % {"count": len(accepted)},
            Counter(n.gender for n in accepted),
        ),
    ]
    if total.waitlisted:
        summary.append(
            ngettext("%(count)d is on the waitlist.", "%(count)d are on the waitlist.", total.waitlisted)
            % {"count": total.waitlisted}
        )
    if total.no_shows:
        summary.append(
            ngettext(
                "%(count)d accepted official did not attend.",
                "%(count)d accepted officials did not attend.",
                total.no_shows,
            )
            % {"count": total.no_shows}
        )
    return [" ".join(sentences), " ".join(summary)]


def _row(label: str, f) -> list[str]:
    return [
        label,
        str(f.seats),
        f"{f.nominated} ({f.women_nominated})",
        f"{f.accepted} ({f.women_accepted})",
        str(f.waitlisted),
        str(f.no_shows),
    ]


def note_section(event) -> NoteSection | None:
    """None for an event no country was invited to: the note then says nothing of nominations."""
    invitations = _invitations(event)
    if not invitations:
        return None
    per_country, total = figures(invitations)
    header = [
        _("Country"),
        _("Seats offered"),
        _("Nominated (women)"),
        _("Accepted (women)"),
        _("Waitlisted"),
        _("No-shows"),
    ]
    rows = [_row(_(i.country.name), per_country[i.pk]) for i in invitations]
    return NoteSection(
        heading=_("Nominations"),
        paragraphs=_sentences(invitations, total),
        table=[header, *rows, _row(_("Total"), total)],
        total=True,
    )
