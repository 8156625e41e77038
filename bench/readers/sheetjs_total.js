#!/usr/bin/env node
// Baseline reader: SheetJS (npm `xlsx`, pinned in bench/package.json).
//
//     node bench/readers/sheetjs_total.js BID.xlsx...
//
// For each workbook, prints one JSON line {"file": path, "total": t} where t is the sum of
// Quantity x Rate over the data rows of the `Price` sheet (the row whose Item is TOTAL is
// left out), accumulated in file order, exactly as readers/openpyxl_total.py does.
//
// SheetJS is given its best chance: it inflates with Node's native zlib rather than its
// pure-JavaScript inflate, parses only the Price sheet (`sheets`, matched case-insensitively
// by SheetJS), builds no formatted text, HTML, formulae, dates or styles, keeps a dense
// (array of rows) sheet, and we read the three needed cells directly.
"use strict";
const path = require("path");
const XLSX = require(path.join(__dirname, "..", "node_modules", "xlsx"));

process.noDeprecation = true;              // SheetJS's zlib hook reads zlib.bytesRead (DEP0108)
XLSX.CFB.utils.use_zlib(require("zlib"));

const OPTS = { sheets: "Price", dense: true, cellText: false, cellHTML: false,
               cellFormula: false, cellDates: false, cellNF: false, cellStyles: false };

const norm = (v) => (v === undefined || v === null ? "" : String(v).trim().toLowerCase());

function priceTotal(file) {
  const wb = XLSX.readFile(file, { ...OPTS });   // readFile writes into its options
  const name = wb.SheetNames.find((n) => norm(n) === "price");
  const ws = wb.Sheets[name];
  // A dense sheet is an array of rows (arrays of cells); fall back to A1 keys otherwise.
  const range = XLSX.utils.decode_range(ws["!ref"]);
  const cell = Array.isArray(ws)
    ? (r, c) => (ws[r] ? ws[r][c] : undefined)
    : (r, c) => ws[XLSX.utils.encode_cell({ r, c })];
  const val = (r, c) => { const x = cell(r, c); return x ? x.v : undefined; };

  let r = range.s.r;
  const empty = (row) => { for (let c = range.s.c; c <= range.e.c; ++c) if (val(row, c) !== undefined) return false; return true; };
  while (r <= range.e.r && empty(r)) ++r;                // header = first non-empty row
  const cols = {};
  for (let c = range.s.c; c <= range.e.c; ++c) cols[norm(val(r, c))] = c;
  const [ci, cq, cr] = [cols["item"], cols["quantity"], cols["rate"]];
  let total = 0;
  for (++r; r <= range.e.r; ++r) {
    const q = val(r, cq), rate = val(r, cr);
    if (q === undefined && rate === undefined) continue;  // empty row, or the TOTAL row
    if (norm(val(r, ci)) === "total") continue;
    total += Number(q) * Number(rate);
  }
  return total;
}

for (const f of process.argv.slice(2)) {
  process.stdout.write(JSON.stringify({ file: f, total: priceTotal(f) }) + "\n");
}
