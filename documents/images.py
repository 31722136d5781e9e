"""Validation of the small images printed on certificates (signatures, logos)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
MAX_IMAGE_BYTES = 1024 * 1024


def validate_image_upload(upload) -> None:
    """Signatures and logos are printed on every certificate: small PNG or JPEG only."""
    name = (upload.name or "").lower()
    if not name.endswith(IMAGE_EXTENSIONS):
        raise ValidationError(_("Upload a PNG or JPEG image."))
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 1 MB; please upload a smaller one."))
    from PIL import Image  # ReportLab depends on Pillow

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
    except Exception as exc:  # noqa: BLE001 - any decoding error means "not an image"
        raise ValidationError(_("This file is not a readable PNG or JPEG image.")) from exc
