"""Signatures and logos go through the upload gate: real PNG or JPEG, small, sane dimensions."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from documents.images import validate_image_upload


def png(width=40, height=20) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 58, 112, 255)).save(out, "PNG")
    return out.getvalue()


def with_declared_size(data: bytes, width: int, height: int) -> bytes:
    """The same PNG with its header (IHDR) claiming other dimensions, checksum recomputed."""
    ihdr = data.index(b"IHDR")
    header = bytearray(data[ihdr : ihdr + 17])
    header[4:12] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(bytes(header)) & 0xFFFFFFFF)
    return data[:ihdr] + bytes(header) + crc + data[ihdr + 21 :]


def test_a_small_png_passes():
    validate_image_upload(SimpleUploadedFile("signature.png", png()))


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("signature.png", b"GIF89a" + b"\x00" * 40, "not of an accepted type"),
        ("signature.png", b"<svg onload=alert(1)>", "not of an accepted type"),
        ("signature.jpg", None, "not of an accepted type"),  # PNG bytes named .jpg
        ("signature.png", "large", "5000 × 5000"),
        ("signature.png", "huge", "not a readable"),  # Pillow's own bomb guard refuses to open it
        ("signature.pdf", None, "PNG or JPEG"),
    ],
)
def test_what_is_not_a_small_real_image_is_refused(name, data, words):
    if data is None:
        data = png()
    elif data == "large":
        data = with_declared_size(png(), 5000, 5000)
    elif data == "huge":
        data = with_declared_size(png(), 40000, 40000)
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(SimpleUploadedFile(name, data))
    assert words in " ".join(refused.value.messages)
