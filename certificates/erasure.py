"""When a holder's data is erased, the certificates stop carrying their name.

The certificate rows stay (serial, what was certified, status), so anyone verifying one
still learns whether it is genuine; the verify page says the holder's data was erased.
The name copied into the registry at issue time (and into its history rows), the rendered
PDFs and the addresses the certificate was e-mailed to are personal data too, and go with the rest.
"""

from django.core.files.storage import default_storage

from certificates.models import Certificate, CertificateDelivery

BATCH_FOLDER = "certificates/batches"


def scrub_erased_holder(sender, person, **kwargs) -> None:
    """person_erased receiver: runs inside the erasure's transaction."""
    certificates = list(Certificate.objects.filter(holder=person))
    if not certificates:
        return
    for certificate in certificates:
        # The anonymised name ("Erased person #12") keeps coordinators' lists readable.
        certificate.holder_name = person.full_name
        certificate.snapshot = {
            **certificate.snapshot, "holder_name": person.full_name, "holder_latin_name": "",
        }
        # A cached PDF would go on printing the old name; it is rendered again from the
        # scrubbed snapshot if a coordinator asks for it.
        if default_storage.exists(certificate.storage_name):
            default_storage.delete(certificate.storage_name)
    Certificate.objects.bulk_update(certificates, ["holder_name", "snapshot"])
    # The history keeps a copy of every version's printed name (the snapshot is not in it);
    # the history page and the audit log read those rows, so they lose the name as well.
    Certificate.history.filter(holder=person).update(holder_name=person.full_name)
    CertificateDelivery.objects.filter(certificate__in=certificates).update(sent_to="")
    _forget_batches()


def _forget_batches() -> None:
    # Merged batches are cached under a hash of their certificates' codes, so which of
    # them hold this person cannot be told from the name: drop them all, they re-render.
    try:
        _folders, files = default_storage.listdir(BATCH_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        default_storage.delete(f"{BATCH_FOLDER}/{name}")
