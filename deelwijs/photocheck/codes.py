"""Barcodes and QR codes, read with zxing-cpp: a wristband, a label on a record or a medicine box."""

from dataclasses import dataclass

import zxingcpp
from PIL import Image

from .boxes import Box

# Codes are read on a copy this large: a wristband's barcode a few centimetres wide in a phone photo
# still has bars of two pixels or more.
EDGE = 2400
# Codes on goods in a shop: they name a product, never a person.
RETAIL = {"EAN13", "EAN8", "UPCA", "UPCE", "ISBN", "EAN-13", "EAN-8", "UPC-A", "UPC-E"}


@dataclass(frozen=True)
class Code:
    format: str
    text: str
    box: Box

    @property
    def is_link(self) -> bool:
        return self.text.lower().startswith(("http://", "https://", "www."))

    @property
    def is_product(self) -> bool:
        return self.format.replace(" ", "") in RETAIL


def find_codes(image: Image.Image) -> list[Code]:
    """Every barcode and QR code in the image, with its text, as boxes in that image's pixels."""
    codes = []
    for found in zxingcpp.read_barcodes(image.convert("L")):
        p = found.position
        corners = [(p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y)]
        corners += [(p.bottom_left.x, p.bottom_left.y), (p.bottom_right.x, p.bottom_right.y)]
        box = Box.around(corners).clipped(image.width, image.height)
        # A linear barcode's position is a line across its bars; give it the height of a label.
        if box.h < box.w * 0.15:
            grow = round(box.w * 0.15)
            box = Box(box.x, box.y - grow, box.w, box.h + 2 * grow).clipped(image.width, image.height)
        codes.append(Code(str(found.format.name if hasattr(found.format, "name") else found.format), found.text, box))
    return codes
