"""The certificate e-mail, registered with mailing (editable wording), and its PDF, attached
when the message is sent (rendered once and kept, see certificates.files)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mailing.attachments import register_provider
from mailing.kinds import MessageKind, register_kind

CERTIFICATE = "certificate"
PDF = "certificate-pdf"


def _pdf(ref) -> tuple[str, bytes, str]:
    from certificates.files import certificate_pdf
    from certificates.models import Certificate

    certificate = Certificate.objects.get(pk=ref)
    return f"{certificate.serial}.pdf", certificate_pdf(certificate), "application/pdf"


def _sample() -> dict[str, str]:
    return {
        "name": "Amélie Dupré",
        "title": gettext("Certificate of completion"),
        "certificate": gettext("certificate of completion"),
        "serial": "STCE-2021-CN-000123",
        "verify_url": "https://stce.example.org/verify/SAMPLE/",
    }


def register() -> None:
    register_kind(
        MessageKind(
            key=CERTIFICATE,
            label=_("Certificate"),
            description=_("To the holder of a certificate, with its PDF attached."),
            subject=_("Your certificate: {{ title }}"),
            body=_(
                "Dear {{ name }},\n\n"
                "Please find attached your {{ certificate }} (serial number {{ serial }}).\n\n"
                "Anyone can check that it is genuine at:\n{{ verify_url }}\n\n"
                "WCO Strategic Trade Control Enforcement Programme\n"
            ),
            placeholders={
                "name": _("the holder's name as printed on the certificate"),
                "title": _("the certificate's title, e.g. Certificate of completion"),
                "certificate": _("the same in lower case, within a sentence"),
                "serial": _("the serial number"),
                "verify_url": _("the public page where anyone checks the certificate (no sign-in)"),
            },
            sample=_sample,
            order=40,
        )
    )
    register_provider(PDF, _pdf)
