"""CSV cells for spreadsheets: formulas stay text, numbers stay numbers, decimals get a comma."""

import io

import pytest

from deelwijs.common.spreadsheet import SpreadsheetWriter, cell


@pytest.mark.parametrize("text", ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value, shown", [(3, 3), (-2, -2), (1.5, "1,5"), (0.3333, "0,33"), ("Team A", "Team A")])
def test_numbers_and_plain_text_are_kept(value, shown):
    assert cell(value) == shown


def test_the_file_starts_with_a_byte_order_mark_and_uses_semicolons():
    out = io.StringIO()
    writer = SpreadsheetWriter(out)
    writer.writerows([["Zoë", 2.5], ["=kwaad", 3]])
    assert out.getvalue() == "\ufeffZoë;2,5\r\n'=kwaad;3\r\n"
