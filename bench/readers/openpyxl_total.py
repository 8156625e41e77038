#!/usr/bin/python3
"""Baseline reader: openpyxl in read-only mode (Debian python3-openpyxl).

    /usr/bin/python3 bench/readers/openpyxl_total.py BID.xlsx...

For each workbook, prints one JSON line {"file": path, "total": t} where t is the sum of
Quantity x Rate over the data rows of the `Price` sheet (the row whose Item is TOTAL is
left out), accumulated in file order. This is the least work a tool must do to price a
bid workbook: no validation, no other sheet, no scoring. Sheet and columns are found the
way FORMATS.md says (sheet by name, columns by header text, case and surrounding spaces
ignored, header = first non-empty row).
"""
import json
import sys

import openpyxl


def norm(v):
    return str(v).strip().lower() if v is not None else ""


def price_total(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        name = next(n for n in wb.sheetnames if norm(n) == "price")
        rows = wb[name].iter_rows(values_only=True)
        for header in rows:                       # first non-empty row is the header
            if any(v is not None for v in header):
                break
        cols = [norm(v) for v in header]
        i_item, i_q, i_r = cols.index("item"), cols.index("quantity"), cols.index("rate")
        total = 0.0
        for row in rows:
            if len(row) <= max(i_item, i_q, i_r):
                continue
            item, q, r = row[i_item], row[i_q], row[i_r]
            if q is None and r is None:
                continue                          # empty row, or the TOTAL row
            if norm(item) == "total":
                continue
            total += float(q) * float(r)
        return total
    finally:
        wb.close()


def main(paths):
    for p in paths:
        print(json.dumps({"file": p, "total": price_total(p)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
