"""The verification QR code as raw PDF operators: one filled path, no per-module objects."""

import segno

QR_MODULE = 2.2  # points per QR module: about 0.78 mm, well above what phones need


def qr_operators(data: str, x: float, y: float, module: float = QR_MODULE) -> tuple[str, float]:
    """PDF operators that fill the QR code's dark modules, and the code's side in points.

    One `re` per horizontal run of dark modules, in module units under one `cm`: a fraction
    of the operators (and bytes) of one rectangle per module.
    """
    # Mask 0 is as valid as the one segno would pick after scoring all eight; scoring them
    # costs more than everything else on the page.
    qr = segno.make(data, error="m", mask=0, micro=False, boost_error=False)
    matrix = qr.matrix
    size = len(matrix)
    parts = [f"q 0 g {module:.3f} 0 0 {-module:.3f} {x:.2f} {y + size * module:.2f} cm"]
    for row_index, row in enumerate(matrix):
        start = None
        for col, dark in enumerate(row):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                parts.append(f"{start} {row_index} {col - start} 1 re")
                start = None
        if start is not None:
            parts.append(f"{start} {row_index} {size - start} 1 re")
    parts.append("f Q")
    return "\n".join(parts), size * module
