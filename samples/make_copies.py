"""Write the GBK, .xlsx and JSON Lines copies of samples/tickets.csv (run after editing it)."""
import csv
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

here = Path(__file__).parent
text = (here / "tickets.csv").read_text("utf-8")
(here / "tickets-gbk.csv").write_bytes(text.replace("\n", "\r\n").encode("gbk"))
rows = list(csv.reader(text.splitlines()))
book = Workbook(write_only=True)
sheet = book.create_sheet("工单")
for row in rows:
    cells = []
    for value in row:  # text that starts with "=" stays text, as in an export, not a formula
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)
book.save(here / "tickets.xlsx")
with open(here / "tickets.jsonl", "w", encoding="utf-8") as out:
    for row in rows[1:]:
        out.write(json.dumps(dict(zip(rows[0], row)), ensure_ascii=False) + "\n")
