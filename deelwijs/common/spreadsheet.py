"""CSV downloads that Dutch spreadsheets open as they should, and that never carry a formula.

Dutch Excel expects semicolons between cells, decimal commas and, to read UTF-8
(é, ë), a byte-order mark. A cell that starts with =, +, -, @ or a tab would be
read as a formula (CSV injection, OWASP): a display name or an imported title
can start that way, so such text gets a leading apostrophe, which the
spreadsheet shows as plain text.
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def cell(value):
    if isinstance(value, float):
        return f"{round(value, 2):g}".replace(".", ",")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SpreadsheetWriter:
    """csv.writer's writerow and writerows, for a file or response that starts empty."""

    def __init__(self, out):
        out.write(BOM)
        self._writer = csv.writer(out, delimiter=";")

    def writerow(self, row):
        self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
