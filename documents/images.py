"""Validation of the small images printed on certificates (signatures, logos)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.uploads import sniff_upload

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
MAX_IMAGE_BYTES = 1024 * 1024
MAX_IMAGE_PIXELS = 4000 * 4000


def validate_image_upload(upload) -> None:
    """Signatures and logos are printed on every certificate: small PNG or JPEG only."""
    name = (upload.name or "").lower()
    if not name.endswith(IMAGE_EXTENSIONS):
        raise ValidationError(_("Upload a PNG or JPEG image."))
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 1 MB; please upload a smaller one."))
    # The upload gate: the real type from the bytes, not the name.
    sniff_upload(upload, kinds={"png", "jpeg"}, max_bytes=MAX_IMAGE_BYTES)
    from PIL import Image  # ReportLab depends on Pillow

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            width, height = image.size
        upload.seek(0)
    except Exception as exc:  # noqa: BLE001 - any decoding error means "not an image"
        raise ValidationError(_("This file is not a readable PNG or JPEG image.")) from exc
    # A small file can declare enormous dimensions (a decompression bomb for whoever draws it).
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; images of at most 4,000 × 4,000 are accepted."),
            params={"width": width, "height": height},
        )
