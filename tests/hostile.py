"""Hostile inputs built on the fly (the audit's attack files, made small where size is not the point)."""
from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKBOOK = (f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


HEADER = row(1, inline("A1", "工单号"), inline("B1", "故障现象"))


def workbook(path: Path, sheet_rows: str | bytes | None = None, *, dimension: str | None = None,
             shared: str | None = None, sheet_chunks=None) -> Path:
    """An .xlsx whose sheet holds ``sheet_rows`` (or streams ``sheet_chunks``), optionally shared strings."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", TYPES)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", RELS)
        if shared is not None:
            book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{shared}</sst>')
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        head = f'<worksheet xmlns="{MAIN}">{dim}<sheetData>'
        if sheet_chunks is None:
            book.writestr("xl/worksheets/sheet1.xml", head + sheet_rows + "</sheetData></worksheet>")
        else:
            with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
                member.write(head.encode())
                for chunk in sheet_chunks:
                    member.write(chunk)
    return path


def text_bomb(size: int, piece: bytes = b"a" * (1 << 20)):
    """``size`` bytes of one text node, in pieces (deflates about 1000:1)."""
    for _ in range(size // len(piece)):
        yield piece
