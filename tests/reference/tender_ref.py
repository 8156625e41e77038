#!/usr/bin/python3
"""Independent reference implementation of the tender-evaluation specification.

Written from /work/shared/spec/EVALUATION.md, FORMATS.md and docs/RULES.md
alone (no C++ source of the engine was read).  Section marks in docstrings
("§n") refer to EVALUATION.md, "RULES n" to docs/RULES.md.

Usage:
    tender_ref.py ROUND.xml --bids PATH [PATH...] [--scores F] [--moderation F]
                  [--decisions F] [--policy F] [--smaa-draws N] [--seed S]
                  [--kappa K]

Prints the result JSON on stdout; on invalid input prints one line per
problem on stderr and exits with status 2.

Dependencies: Python 3 standard library, openpyxl (only for .xlsx inputs).
"""

import argparse
import csv
import datetime
import json
import math
import os
import random
import re
import sys
from functools import cmp_to_key
from xml.parsers import expat

NS_ROUND = 'urn:tender-engine:round:1'
NS_BID = 'urn:tender-engine:bid:1'
NS_POLICY = 'urn:tender-engine:policy:1'

ID_RE = re.compile(r'^[A-Za-z0-9._-]{1,64}$')
NUMBER_RE = re.compile(r'^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$')

TIE_EPS = 1e-9          # RULES 1
THRESHOLD_EPS = 1e-9    # RULES 2
SENS_EPS = 1e-6         # §9 / RULES 27

SCORED_KINDS = ('quality', 'social-value')
CRITERION_KINDS = ('quality', 'social-value', 'social-value-measures', 'price')
PRICE_FORMULAS = ('lowest-ratio', 'deviation', 'linear-budget')
MODERATION_METHODS = ('median', 'mean', 'consensus')
TIE_BREAK_KINDS = ('quality', 'social-value', 'price')
BIDDER_TYPES = ('sme', 'vcse', 'large', 'public', 'mutual')
BIDDER_SIZES = ('micro', 'small', 'medium', 'large')
BARRIER_CODES = ('TURNOVER', 'BOND', 'GUARANTEE')

# §7 defaults
POLICY_DEFAULTS = {
    'turnover-multiple': 2.0,
    'cashflow-months': 3.0,
    'payment-days': 30.0,
    'insurance-multiple': 2.0,
    'lot-value': 1000000.0,
    'min-days': 25.0,
    'max-price-weight': 50.0,
    'min-social-value': 10.0,
}


# ---------------------------------------------------------------------------
# Problem collection (§1: every error is reported, not just the first)
# ---------------------------------------------------------------------------

class Problems:
    """Collects validation errors (exit 2) and warnings (stderr only)."""

    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append('%s: %s' % (where, msg))

    def warn(self, where, msg):
        self.warnings.append('%s: warning: %s' % (where, msg))


# ---------------------------------------------------------------------------
# Low-level readers
# ---------------------------------------------------------------------------

class Node:
    """A minimal XML element with its namespace and source line."""

    def __init__(self, ns, tag, attrib, line):
        self.ns = ns
        self.tag = tag
        self.attrib = attrib
        self.line = line
        self.children = []
        self.text = ''

    def kids(self, tag, ns):
        return [c for c in self.children if c.tag == tag and c.ns == ns]

    def kid(self, tag, ns):
        k = self.kids(tag, ns)
        return k[0] if k else None


def parse_xml(path, problems):
    """Parse an XML file into Node objects with line numbers (§1 well-formedness)."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        problems.error(path, 'cannot read file: %s' % e.strerror)
        return None
    parser = expat.ParserCreate(namespace_separator=' ')
    stack = []
    root = []

    def start(name, attrs):
        ns, _, local = name.rpartition(' ')
        node = Node(ns, local, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_name):
        stack.pop()

    def chars(data_):
        if stack:
            stack[-1].text += data_

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        problems.error('%s:%d' % (path, e.lineno),
                       'not well-formed XML (%s)' % expat.ErrorString(e.code))
        return None
    return root[0] if root else None


def parse_number(value, where, what, problems, minimum=None, maximum=None,
                 positive=False, integer=False):
    """Parse a finite number (text or cell value); report and return None if invalid."""
    if isinstance(value, bool):
        problems.error(where, '%s "%s" is not a number' % (what, value))
        return None
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        text = str(value).strip()
        if not NUMBER_RE.match(text):
            problems.error(where, '%s "%s" is not a finite number' % (what, text))
            return None
        v = float(text)
    if not math.isfinite(v):
        problems.error(where, '%s %r is not finite' % (what, value))
        return None
    if positive and v <= 0:
        problems.error(where, '%s %s must be > 0' % (what, fmt(v)))
        return None
    if minimum is not None and v < minimum:
        problems.error(where, '%s %s must be >= %s' % (what, fmt(v), fmt(minimum)))
        return None
    if maximum is not None and v > maximum:
        problems.error(where, '%s %s must be <= %s' % (what, fmt(v), fmt(maximum)))
        return None
    if integer and v != int(v):
        problems.error(where, '%s %s must be a whole number' % (what, fmt(v)))
        return None
    return v


def fmt(v):
    return ('%d' % v) if float(v).is_integer() else repr(v)


def parse_bool(value, where, what, problems):
    """true/yes/1 and false/no/0 (case-insensitive); None when absent or empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == '':
        return None
    if text in ('true', 'yes', '1', 'y'):
        return True
    if text in ('false', 'no', '0', 'n'):
        return False
    problems.error(where, '%s "%s" is not yes/no' % (what, value))
    return None


def check_id(value, where, what, problems):
    if value is None or not ID_RE.match(value):
        problems.error(where, '%s %r is not a valid id ([A-Za-z0-9._-]{1,64})' % (what, value))
        return False
    return True


def cell_text(v):
    """Normalise a workbook cell value to text (None for empty)."""
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    t = str(v).strip()
    return t if t != '' else None


def open_workbook(path, problems):
    try:
        import openpyxl
    except ImportError:
        problems.error(path, 'openpyxl is required to read .xlsx files (use /usr/bin/python3)')
        return None
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # noqa: BLE001 - any failure means "not a workbook"
        problems.error(path, 'not a readable .xlsx workbook (%s)' % e)
        return None


def find_sheet(wb, name):
    for ws in wb.worksheets:
        if ws.title.strip().lower() == name.lower():
            return ws
    return None


def sheet_records(ws, path):
    """Rows of a sheet as dicts keyed by lower-case header text.

    The header is the first non-empty row (FORMATS.md); empty rows are skipped.
    Each value is (cell value, "file[sheet!A1]")."""
    header = None
    for row in ws.iter_rows():
        values = [c.value for c in row]
        if all(cell_text(v) is None for v in values):
            continue
        if header is None:
            header = {}
            for c in row:
                t = cell_text(c.value)
                if t is not None:
                    header.setdefault(t.lower(), c.column)
            continue
        rec = {}
        for name, col in header.items():
            cell = None
            for c in row:
                if c.column == col:
                    cell = c
                    break
            if cell is not None:
                rec[name] = (cell.value, '%s[%s!%s]' % (path, ws.title, cell.coordinate))
            else:
                rec[name] = (None, '%s[%s!row %d]' % (path, ws.title, row[0].row))
        rec['__row__'] = '%s[%s!row %d]' % (path, ws.title, row[0].row)
        yield rec
    return


def load_table(path, sheet, columns, required, problems):
    """Read a scores/moderation/decisions table (CSV or .xlsx), FORMATS.md.

    Returns a list of (where, {column: value}) with only the wanted columns."""
    out = []
    if path.lower().endswith('.xlsx'):
        wb = open_workbook(path, problems)
        if wb is None:
            return out
        ws = find_sheet(wb, sheet)
        if ws is None:
            problems.error(path, 'no sheet named "%s"' % sheet)
            return out
        first = True
        for rec in sheet_records(ws, path):
            if first:
                first = False
                missing = [c for c in required if c not in rec]
                if missing:
                    problems.error('%s[%s]' % (path, ws.title),
                                   'missing column(s): %s' % ', '.join(missing))
                    return out
            out.append((rec['__row__'],
                        {c: (rec[c][0] if c in rec else None) for c in columns}))
        return out
    try:
        with open(path, encoding='utf-8-sig', newline='') as f:
            reader = csv.reader(f)
            header = None
            for row in reader:
                where = '%s:%d' % (path, reader.line_num)
                if all(x.strip() == '' for x in row):
                    continue
                if header is None:
                    header = {}
                    for i, h in enumerate(row):
                        header.setdefault(h.strip().lower(), i)
                    missing = [c for c in required if c not in header]
                    if missing:
                        problems.error(where, 'missing column(s): %s' % ', '.join(missing))
                        return out
                    continue
                rec = {}
                for c in columns:
                    i = header.get(c)
                    v = row[i] if i is not None and i < len(row) else None
                    rec[c] = v if v is None or v.strip() != '' else None
                out.append((where, rec))
    except OSError as e:
        problems.error(path, 'cannot read file: %s' % e.strerror)
    except UnicodeDecodeError:
        problems.error(path, 'not UTF-8 text')
    except csv.Error as e:
        problems.error(path, 'not valid CSV (%s)' % e)
    return out


# ---------------------------------------------------------------------------
# Round, policy and bid files (FORMATS.md)
# ---------------------------------------------------------------------------

class Round:
    pass


def attr_num(node, name, where, problems, default=None, **kw):
    if name not in node.attrib:
        return default
    return parse_number(node.attrib[name], where, '%s "%s"' % (node.tag, name), problems, **kw)


def load_round(path, problems):
    """Read round.xml (FORMATS.md, Round) and check its internal consistency (§1)."""
    root = parse_xml(path, problems)
    if root is None:
        return None
    if root.ns != NS_ROUND or root.tag != 'round':
        problems.error(path, 'not a round file (root must be <round> in %s)' % NS_ROUND)
        return None
    r = Round()
    r.path = path
    at = lambda n: '%s:%d' % (path, n.line)  # noqa: E731
    r.id = root.attrib.get('id')
    check_id(r.id, at(root), 'round id', problems)

    # contract
    c = root.kid('contract', NS_ROUND)
    r.annual_value = None
    r.years = 1.0
    r.lots = 1.0
    r.discount_rate = None
    r.budget = None
    r.over_budget = 'keep'
    if c is None:
        problems.error(path, 'missing <contract> (annual value is needed by §7)')
    else:
        r.annual_value = attr_num(c, 'annual-value', at(c), problems, minimum=0)
        if 'annual-value' not in c.attrib:
            problems.error(at(c), 'contract has no annual-value (needed by §7)')
        r.years = attr_num(c, 'years', at(c), problems, default=1.0, positive=True) or 1.0
        r.lots = attr_num(c, 'lots', at(c), problems, default=1.0, minimum=1, integer=True) or 1.0
        r.discount_rate = attr_num(c, 'discount-rate', at(c), problems, minimum=0)
        r.budget = attr_num(c, 'budget', at(c), problems, minimum=0)
        r.over_budget = c.attrib.get('over-budget', 'keep')
        if r.over_budget not in ('keep', 'exclude'):
            problems.error(at(c), 'over-budget must be keep or exclude, not %r' % r.over_budget)

    # timeline
    r.published = r.deadline = None
    t = root.kid('timeline', NS_ROUND)
    if t is not None:
        for name in ('published', 'deadline'):
            if name in t.attrib:
                try:
                    d = datetime.date.fromisoformat(t.attrib[name].strip()[:10])
                except ValueError:
                    problems.error(at(t), 'timeline %s %r is not a date' % (name, t.attrib[name]))
                    d = None
                setattr(r, name, d)

    # outcomes
    r.outcomes = []          # [(id, priority)] in file order
    seen = set()
    o = root.kid('outcomes', NS_ROUND)
    if o is not None:
        for oc in o.kids('outcome', NS_ROUND):
            oid = oc.attrib.get('id')
            if not check_id(oid, at(oc), 'outcome id', problems):
                continue
            if oid in seen:
                problems.error(at(oc), 'outcome id %s is repeated' % oid)
                continue
            seen.add(oid)
            if 'priority' not in oc.attrib:
                problems.error(at(oc), 'outcome %s has no priority' % oid)
                pr = None
            else:
                pr = attr_num(oc, 'priority', at(oc), problems, minimum=0)
            r.outcomes.append((oid, pr if pr is not None else 0.0))

    # requirements
    r.turnover_min = None
    r.bond_required = False
    r.guarantee_required = False
    r.insurances = []        # [(kind or None, amount)]
    r.payment = None
    req = root.kid('requirements', NS_ROUND)
    if req is not None:
        tv = req.kid('turnover', NS_ROUND)
        if tv is not None and 'minimum' in tv.attrib:
            r.turnover_min = attr_num(tv, 'minimum', at(tv), problems, minimum=0)
        bd = req.kid('bond', NS_ROUND)
        if bd is not None:
            pc = attr_num(bd, 'percent', at(bd), problems, default=0.0, minimum=0)
            r.bond_required = bool(pc and pc > 0)
        pg = req.kid('parent-guarantee', NS_ROUND)
        if pg is not None:
            val = pg.attrib.get('required', 'true').strip().lower()
            if val not in ('true', 'false'):
                problems.error(at(pg), 'parent-guarantee required must be true or false')
            r.guarantee_required = val != 'false'
        for ins in req.kids('insurance', NS_ROUND):
            amt = attr_num(ins, 'amount', at(ins), problems, minimum=0)
            if amt is not None:
                r.insurances.append((ins.attrib.get('kind'), amt))
        pay = req.kid('payment', NS_ROUND)
        if pay is not None:
            r.payment = {
                'terms_days': attr_num(pay, 'terms-days', at(pay), problems, default=30.0, minimum=0),
                'arrears': attr_num(pay, 'arrears-months', at(pay), problems, default=1.0, minimum=0),
                'share': attr_num(pay, 'results-share', at(pay), problems, default=0.0,
                                  minimum=0, maximum=1),
                'lag': attr_num(pay, 'results-lag-months', at(pay), problems, default=0.0, minimum=0),
            }
            for k, dflt in (('terms_days', 30.0), ('arrears', 1.0), ('share', 0.0), ('lag', 0.0)):
                if r.payment[k] is None:
                    r.payment[k] = dflt

    # evaluation
    ev = root.kid('evaluation', NS_ROUND)
    r.moderation = 'median'
    r.spread_flag = None
    r.tie_break = ['quality', 'social-value', 'price']
    r.overclaim_ratio = 1.0
    r.policy_attr = None
    r.gates = []
    r.criteria = []
    r.alt = None
    r.measures = {}
    if ev is None:
        problems.error(path, 'missing <evaluation>')
        return r
    r.moderation = ev.attrib.get('moderation', 'median')
    if r.moderation not in MODERATION_METHODS:
        problems.error(at(ev), 'unknown moderation method %r' % r.moderation)
    r.spread_flag = attr_num(ev, 'spread-flag', at(ev), problems, minimum=0)
    if 'tie-break' in ev.attrib:
        r.tie_break = ev.attrib['tie-break'].split()
        for k in r.tie_break:
            if k not in TIE_BREAK_KINDS:
                problems.error(at(ev), 'unknown tie-break kind %r' % k)
    r.overclaim_ratio = attr_num(ev, 'overclaim-ratio', at(ev), problems, default=1.0, minimum=0)
    if r.overclaim_ratio is None:
        r.overclaim_ratio = 1.0
    r.policy_attr = ev.attrib.get('policy')

    for g in ev.kids('gate', NS_ROUND):
        gid = g.attrib.get('id')
        if not check_id(gid, at(g), 'gate id', problems):
            continue
        if gid in r.gates:
            problems.error(at(g), 'gate id %s is repeated' % gid)
            continue
        r.gates.append(gid)

    outcome_ids = {oid for oid, _ in r.outcomes}
    crit_ids = set()
    for cr in ev.kids('criterion', NS_ROUND):
        cid = cr.attrib.get('id')
        w = at(cr)
        if not check_id(cid, w, 'criterion id', problems):
            continue
        if cid in crit_ids:
            problems.error(w, 'criterion id %s is repeated' % cid)
            continue
        crit_ids.add(cid)
        kind = cr.attrib.get('kind')
        if kind not in CRITERION_KINDS:
            problems.error(w, 'criterion %s has unknown kind %r' % (cid, kind))
        if 'weight' not in cr.attrib:
            problems.error(w, 'criterion %s has no weight' % cid)
        weight = attr_num(cr, 'weight', w, problems, positive=True)
        scale = threshold = None
        if kind in SCORED_KINDS:
            if 'scale' not in cr.attrib:
                problems.error(w, 'criterion %s of kind %s has no scale' % (cid, kind))
            scale = attr_num(cr, 'scale', w, problems, positive=True)
            threshold = attr_num(cr, 'threshold', w, problems, minimum=0)
        formula = None
        if kind == 'price':
            formula = cr.attrib.get('formula', 'lowest-ratio')
            if formula not in PRICE_FORMULAS:
                problems.error(w, 'criterion %s has unknown price formula %r' % (cid, formula))
        links = []
        for oid in re.split(r'[\s,]+', cr.attrib.get('outcomes', '').strip()):
            if not oid:
                continue
            if oid not in outcome_ids:
                problems.error(w, 'criterion %s names unknown outcome %s' % (cid, oid))
            elif oid in links:
                problems.error(w, 'criterion %s names outcome %s twice' % (cid, oid))
            else:
                links.append(oid)
        r.criteria.append({'id': cid, 'kind': kind, 'weight': weight, 'scale': scale,
                           'threshold': threshold, 'formula': formula, 'outcomes': links,
                           'where': w})

    prices = [c for c in r.criteria if c['kind'] == 'price']
    if len(prices) != 1:
        problems.error(at(ev), 'exactly one criterion of kind price is required (found %d)'
                       % len(prices))
    r.price_crit = prices[0] if prices else None
    weights = [c['weight'] for c in r.criteria]
    if r.criteria and all(x is not None for x in weights):
        total = sum(weights)
        if abs(total - 100.0) > 1e-6:
            problems.error(at(ev), 'criterion weights sum to %s, not 100' % fmt(total))
    if r.price_crit is not None and r.price_crit['formula'] == 'linear-budget' \
            and r.budget is None:
        problems.error(r.price_crit['where'],
                       'price formula linear-budget needs a budget on the contract (RULES 12)')

    al = ev.kid('abnormally-low', NS_ROUND)
    if al is not None:
        if 'below' not in al.attrib:
            problems.error(at(al), 'abnormally-low has no "below"')
        below = attr_num(al, 'below', at(al), problems, minimum=0)
        of = al.attrib.get('of', 'median')
        if of not in ('median', 'mean'):
            problems.error(at(al), 'abnormally-low of must be median or mean, not %r' % of)
        r.alt = {'below': below if below is not None else 0.0, 'of': of}

    ms = ev.kid('measures', NS_ROUND)
    if ms is None:
        ms = root.kid('measures', NS_ROUND)
    if ms is not None:
        for m in ms.kids('measure', NS_ROUND):
            mid = m.attrib.get('id')
            w = at(m)
            if not check_id(mid, w, 'measure id', problems):
                continue
            if mid in r.measures:
                problems.error(w, 'measure id %s is repeated' % mid)
                continue
            if 'proxy' not in m.attrib:
                problems.error(w, 'measure %s has no proxy value' % mid)
            r.measures[mid] = {
                'proxy': attr_num(m, 'proxy', w, problems, minimum=0) or 0.0,
                'deadweight': attr_num(m, 'deadweight', w, problems, default=0.0,
                                       minimum=0, maximum=1) or 0.0,
                'attribution': attr_num(m, 'attribution', w, problems, default=0.0,
                                        minimum=0, maximum=1) or 0.0,
                'displacement': attr_num(m, 'displacement', w, problems, default=0.0,
                                         minimum=0, maximum=1) or 0.0,
                'duration': int(attr_num(m, 'duration', w, problems, default=1.0,
                                         minimum=1, integer=True) or 1),
                'drop_off': attr_num(m, 'drop-off', w, problems, default=0.0,
                                     minimum=0, maximum=1) or 0.0,
            }
    return r


def load_policy(path, problems):
    """Policy file (FORMATS.md, Policy); missing thresholds take the §7 defaults."""
    policy = dict(POLICY_DEFAULTS)
    if path is None:
        return policy
    root = parse_xml(path, problems)
    if root is None:
        return policy
    if root.ns != NS_POLICY or root.tag != 'policy':
        problems.error(path, 'not a policy file (root must be <policy> in %s)' % NS_POLICY)
        return policy
    for el in root.children:
        if el.ns == NS_POLICY and el.tag in POLICY_DEFAULTS:
            v = attr_num(el, 'value', '%s:%d' % (path, el.line), problems, minimum=0)
            if 'value' not in el.attrib:
                problems.error('%s:%d' % (path, el.line), '<%s> has no value' % el.tag)
            elif v is not None:
                policy[el.tag] = v
    return policy


class Bid:
    def __init__(self, path):
        self.path = path
        self.id = None
        self.round = None
        self.name = None
        self.type = None
        self.size = None
        self.turnover = None
        self.reserves = None
        self.can_bond = None
        self.can_guarantee = None
        self.gates = {}           # gate id -> 'pass' | 'fail'
        self.total = None         # stated total
        self.lines = []           # [(quantity, rate, year)]
        self.commitments = []     # [(measure id, quantity, where)]
        self.where = path


def _bid_gate(bid, gid, answer, where, problems):
    if gid is None:
        problems.error(where, 'gate answer without a gate id')
        return
    if gid in bid.gates:
        problems.error(where, 'gate %s answered twice' % gid)
        return
    a = (answer or '').strip().lower()
    if a not in ('pass', 'fail', ''):
        problems.error(where, 'gate %s answer %r is not pass or fail' % (gid, answer))
        return
    if a:
        bid.gates[gid] = a


def load_bid_xml(path, problems):
    """bid.xml (FORMATS.md, Bid)."""
    root = parse_xml(path, problems)
    if root is None:
        return None
    if root.ns != NS_BID or root.tag != 'bid':
        problems.error(path, 'not a bid file (root must be <bid> in %s)' % NS_BID)
        return None
    at = lambda n: '%s:%d' % (path, n.line)  # noqa: E731
    b = Bid(path)
    b.where = at(root)
    b.id = root.attrib.get('id')
    b.round = root.attrib.get('round')
    bd = root.kid('bidder', NS_BID)
    if bd is None:
        problems.error(at(root), 'bid has no <bidder>')
    else:
        w = at(bd)
        b.name = bd.attrib.get('name')
        b.type = bd.attrib.get('type')
        b.size = bd.attrib.get('size')
        b.turnover = attr_num(bd, 'turnover', w, problems, minimum=0)
        b.reserves = attr_num(bd, 'reserves', w, problems, minimum=0)
        attr_num(bd, 'employees', w, problems, minimum=0)
        b.can_bond = parse_bool(bd.attrib.get('can-provide-bond'), w, 'can-provide-bond', problems)
        b.can_guarantee = parse_bool(bd.attrib.get('can-provide-guarantee'), w,
                                     'can-provide-guarantee', problems)
    for g in root.kids('gate', NS_BID):
        _bid_gate(b, g.attrib.get('id'), g.attrib.get('answer'), at(g), problems)
    pr = root.kid('price', NS_BID)
    if pr is not None:
        b.total = attr_num(pr, 'total', at(pr), problems, minimum=0)
        for ln in pr.kids('line', NS_BID):
            w = at(ln)
            q = attr_num(ln, 'quantity', w, problems, minimum=0)
            rate = attr_num(ln, 'rate', w, problems, minimum=0)
            year = attr_num(ln, 'year', w, problems, default=1.0, minimum=1, integer=True)
            if 'quantity' not in ln.attrib or 'rate' not in ln.attrib:
                problems.error(w, 'price line needs quantity and rate')
            b.lines.append((q or 0.0, rate or 0.0, int(year or 1)))
    for cm in root.kids('commitment', NS_BID):
        w = at(cm)
        if 'quantity' not in cm.attrib:
            problems.error(w, 'commitment has no quantity')
        q = attr_num(cm, 'quantity', w, problems, minimum=0)
        b.commitments.append((cm.attrib.get('measure'), q or 0.0, w))
    return b


def load_bid_xlsx(path, problems):
    """Bid workbook (FORMATS.md, Bid workbook): sheets Bidder, Gates, Price, Social value."""
    wb = open_workbook(path, problems)
    if wb is None:
        return None
    b = Bid(path)
    ws = find_sheet(wb, 'Bidder')
    if ws is None:
        problems.error(path, 'bid workbook has no sheet "Bidder"')
        return None
    fields = {}
    for rec in sheet_records(ws, path):
        if 'field' not in rec or 'value' not in rec:
            problems.error('%s[%s]' % (path, ws.title), 'needs columns Field and Value')
            return None
        name = cell_text(rec['field'][0])
        if name is None:
            continue
        fields[name.lower()] = rec['value']
    b.where = '%s[%s]' % (path, ws.title)

    def field(name):
        return fields.get(name, (None, b.where))

    b.round = cell_text(field('round')[0])
    b.id = cell_text(field('bid')[0])
    b.name = cell_text(field('name')[0])
    t = cell_text(field('type')[0])
    b.type = t.lower() if t else None
    s = cell_text(field('size')[0])
    b.size = s.lower() if s else None
    for attr, name in (('turnover', 'turnover'), ('reserves', 'reserves'),
                       (None, 'employees')):
        v, w = field(name)
        if cell_text(v) is not None:
            num = parse_number(v, w, name.capitalize(), problems, minimum=0)
            if attr:
                setattr(b, attr, num)
    b.can_bond = parse_bool(cell_text(field('can provide bond')[0]), field('can provide bond')[1],
                            'Can provide bond', problems)
    b.can_guarantee = parse_bool(cell_text(field('can provide guarantee')[0]),
                                 field('can provide guarantee')[1],
                                 'Can provide guarantee', problems)

    ws = find_sheet(wb, 'Gates')
    if ws is not None:
        for rec in sheet_records(ws, path):
            gid = cell_text(rec.get('gate', (None,))[0])
            ans = cell_text(rec.get('answer', (None,))[0])
            _bid_gate(b, gid, ans, rec['__row__'], problems)

    ws = find_sheet(wb, 'Price')
    if ws is not None:
        for rec in sheet_records(ws, path):
            item = cell_text(rec.get('item', (None,))[0])
            if item is not None and item.upper() == 'TOTAL':
                v, w = rec.get('total', (None, rec['__row__']))
                if cell_text(v) is None:
                    problems.error(w, 'TOTAL row has no Total')
                else:
                    b.total = parse_number(v, w, 'stated total', problems, minimum=0)
                continue
            qv, qw = rec.get('quantity', (None, rec['__row__']))
            rv, rw = rec.get('rate', (None, rec['__row__']))
            yv, yw = rec.get('year', (None, rec['__row__']))
            if cell_text(qv) is None or cell_text(rv) is None:
                problems.error(rec['__row__'], 'price line needs Quantity and Rate')
                continue
            q = parse_number(qv, qw, 'Quantity', problems, minimum=0)
            rate = parse_number(rv, rw, 'Rate', problems, minimum=0)
            year = 1.0
            if cell_text(yv) is not None:
                year = parse_number(yv, yw, 'Year', problems, minimum=1, integer=True)
            b.lines.append((q or 0.0, rate or 0.0, int(year or 1)))

    ws = find_sheet(wb, 'Social value')
    if ws is not None:
        for rec in sheet_records(ws, path):
            mid = cell_text(rec.get('measure', (None,))[0])
            qv, qw = rec.get('quantity', (None, rec['__row__']))
            if mid is None:
                problems.error(rec['__row__'], 'social value row has no Measure')
                continue
            if cell_text(qv) is None:
                problems.error(qw, 'commitment has no Quantity')
                continue
            q = parse_number(qv, qw, 'Quantity', problems, minimum=0)
            b.commitments.append((mid, q or 0.0, rec['__row__']))
    return b


def expand_bid_paths(paths):
    """Files as given; folders give every *.xml and *.xlsx in them, in byte order."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            names = sorted((n for n in os.listdir(p)
                            if n.lower().endswith('.xml') or n.lower().endswith('.xlsx')),
                           key=lambda n: n.encode('utf-8'))
            out.extend(os.path.join(p, n) for n in names)
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------------------
# Cross-file validation (§1) and the evaluation context
# ---------------------------------------------------------------------------

class Context:
    """Everything read from the inputs, validated, plus per-bid figures that
    do not depend on other bids (§4 P and ARITHMETIC, §5 S)."""


def build_context(rnd, bids, score_rows, mod_rows, dec_rows, problems):
    """Check references between files (§1) and organise the inputs."""
    ctx = Context()
    ctx.rnd = rnd
    ctx.bids = {}
    crit = {c['id']: c for c in rnd.criteria}
    ctx.crit = crit

    for b in bids:
        if b is None:
            continue
        if not check_id(b.id, b.where, 'bid id', problems):
            continue
        if b.id in ctx.bids:
            problems.error(b.where, 'bid id %s is repeated (also in %s)'
                           % (b.id, ctx.bids[b.id].path))
            continue
        if b.round != rnd.id:
            problems.error(b.where, 'bid %s names round %r, not %r' % (b.id, b.round, rnd.id))
        if b.type not in BIDDER_TYPES:
            problems.error(b.where, 'bid %s bidder type %r is not one of %s'
                           % (b.id, b.type, ', '.join(BIDDER_TYPES)))
        if b.size is not None and b.size not in BIDDER_SIZES:
            problems.error(b.where, 'bid %s bidder size %r is not one of %s'
                           % (b.id, b.size, ', '.join(BIDDER_SIZES)))
        for gid in b.gates:
            if gid not in rnd.gates:
                problems.error(b.where, 'bid %s answers unknown gate %s' % (b.id, gid))
        for mid, _q, w in b.commitments:
            if mid not in rnd.measures:
                problems.error(w, 'bid %s commitment names unknown measure %r' % (b.id, mid))
        if not b.lines and b.total is None:
            problems.error(b.where, 'bid %s has no price (neither total nor lines)' % b.id)
        ctx.bids[b.id] = b
    ctx.bid_ids = sorted(ctx.bids, key=lambda s: s.encode('utf-8'))

    # evaluators' scores
    ctx.scores = {}
    for where, rec in score_rows:
        bid, cid, ev = (cell_text(rec.get('bid')), cell_text(rec.get('criterion')),
                        cell_text(rec.get('evaluator')))
        ok = _check_score_ref(bid, cid, where, ctx, problems)
        if rec.get('score') is None or cell_text(rec.get('score')) is None:
            problems.error(where, 'score is missing')
            continue
        if ev is None:
            problems.error(where, 'evaluator is missing')
        v = _check_score_value(rec['score'], where, crit.get(cid) if ok else None, problems)
        if not ok or v is None:
            continue
        lst = ctx.scores.setdefault((bid, cid), [])
        if ev is not None and any(e == ev for e, _ in lst):
            problems.error(where, 'evaluator %s scores bid %s on %s twice' % (ev, bid, cid))
            continue
        lst.append((ev, v))

    ctx.moderation = {}
    for where, rec in mod_rows:
        bid, cid = cell_text(rec.get('bid')), cell_text(rec.get('criterion'))
        ok = _check_score_ref(bid, cid, where, ctx, problems)
        if cell_text(rec.get('score')) is None:
            problems.error(where, 'moderated score is missing')
            continue
        v = _check_score_value(rec['score'], where, crit.get(cid) if ok else None, problems)
        if not ok or v is None:
            continue
        if (bid, cid) in ctx.moderation:
            problems.error(where, 'bid %s criterion %s moderated twice' % (bid, cid))
            continue
        ctx.moderation[(bid, cid)] = v

    ctx.gate_decisions = {}
    ctx.alt_decisions = {}
    for where, rec in dec_rows:
        bid, subj = cell_text(rec.get('bid')), cell_text(rec.get('subject'))
        dec = (cell_text(rec.get('decision')) or '').lower()
        if bid not in ctx.bids:
            problems.error(where, 'decision names unknown bid %r' % bid)
            continue
        if subj in rnd.gates:
            if dec not in ('pass', 'fail'):
                problems.error(where, 'decision on gate %s must be pass or fail, not %r'
                               % (subj, dec))
                continue
            if (bid, subj) in ctx.gate_decisions:
                problems.error(where, 'second decision on bid %s gate %s' % (bid, subj))
                continue
            ctx.gate_decisions[(bid, subj)] = dec
        elif subj is not None and subj.upper() == 'ALT':
            if dec not in ('accept', 'reject'):
                problems.error(where, 'decision on ALT must be accept or reject, not %r' % dec)
                continue
            if bid in ctx.alt_decisions:
                problems.error(where, 'second ALT decision on bid %s' % bid)
                continue
            ctx.alt_decisions[bid] = dec
        else:
            problems.error(where, 'decision subject %r is neither ALT nor a gate id' % subj)

    # per-bid figures independent of other bids
    ctx.P, ctx.undiscounted, ctx.arith, ctx.S = {}, {}, {}, {}
    for bid in ctx.bid_ids:
        b = ctx.bids[bid]
        P, U, arith = evaluated_price(rnd, b)
        ctx.P[bid], ctx.undiscounted[bid], ctx.arith[bid] = P, U, arith
        if P is not None and P == 0:
            problems.error(b.where, 'bid %s has a price of 0' % bid)
        ctx.S[bid] = social_value(rnd, b)
    return ctx


def _check_score_ref(bid, cid, where, ctx, problems):
    ok = True
    if bid not in ctx.bids:
        problems.error(where, 'unknown bid %r' % bid)
        ok = False
    c = ctx.crit.get(cid)
    if c is None:
        problems.error(where, 'unknown criterion %r' % cid)
        ok = False
    elif c['kind'] not in SCORED_KINDS:
        problems.error(where, 'criterion %s is of kind %s and is not scored by evaluators'
                       % (cid, c['kind']))
        ok = False
    return ok


def _check_score_value(value, where, c, problems):
    v = parse_number(value, where, 'score', problems)
    if v is None:
        return None
    if c is not None and c['scale'] is not None and not (0 <= v <= c['scale']):
        problems.error(where, 'score %s is outside 0..%s for %s' % (fmt(v), fmt(c['scale']), c['id']))
        return None
    if v < 0:
        problems.error(where, 'score %s is negative' % fmt(v))
        return None
    return v


# ---------------------------------------------------------------------------
# §2 Selection
# ---------------------------------------------------------------------------

def selection_reasons(ctx, bid, barrier_checks=True):
    """§2: reasons a bid is excluded by gates and requirements (RULES 4, 5)."""
    rnd, b = ctx.rnd, ctx.bids[bid]
    reasons = []
    for gid in rnd.gates:
        answer = ctx.gate_decisions.get((bid, gid), b.gates.get(gid))
        if answer != 'pass':
            reasons.append({'code': 'GATE', 'subject': gid})
    if barrier_checks:
        if rnd.turnover_min is not None and (b.turnover is None or b.turnover < rnd.turnover_min):
            reasons.append({'code': 'TURNOVER'})
        if rnd.bond_required and b.can_bond is not True:
            reasons.append({'code': 'BOND'})
        if rnd.guarantee_required and b.can_guarantee is not True:
            reasons.append({'code': 'GUARANTEE'})
    return reasons


# ---------------------------------------------------------------------------
# §3 Quality and qualitative social-value criteria
# ---------------------------------------------------------------------------

def median(values):
    v = sorted(values)
    n = len(v)
    if n % 2:
        return v[n // 2]
    return (v[n // 2 - 1] + v[n // 2]) / 2.0


def moderated_score(ctx, bid, cid):
    """§3 / RULES 6: moderation entry, else median/mean/consensus; None when missing."""
    if (bid, cid) in ctx.moderation:
        return ctx.moderation[(bid, cid)]
    vals = [v for _, v in ctx.scores.get((bid, cid), [])]
    if not vals:
        return None
    method = ctx.rnd.moderation
    if method == 'mean':
        return sum(vals) / len(vals)
    if method == 'consensus':
        return vals[0] if max(vals) == min(vals) else None
    return median(vals)


def score_spread(ctx, bid, cid):
    """RULES 7: max − min of the evaluators' scores (0 with one), None without scores."""
    vals = [v for _, v in ctx.scores.get((bid, cid), [])]
    return (max(vals) - min(vals)) if vals else None


def check_missing_scores(ctx, problems):
    """§1 / RULES 6: every bid passing §2 needs a moderated score on every
    quality and social-value criterion (with consensus: agreeing scores or a
    moderation entry)."""
    for bid in ctx.bid_ids:
        if selection_reasons(ctx, bid):
            continue
        for c in ctx.rnd.criteria:
            if c['kind'] in SCORED_KINDS and moderated_score(ctx, bid, c['id']) is None:
                if ctx.scores.get((bid, c['id'])):
                    what = 'evaluators disagree under consensus and there is no moderation entry'
                else:
                    what = 'no score and no moderation entry'
                problems.error(ctx.bids[bid].where, 'bid %s is in contention after §2 but has no '
                               'moderated score for %s (%s)' % (bid, c['id'], what))


# ---------------------------------------------------------------------------
# §4 Price
# ---------------------------------------------------------------------------

def evaluated_price(rnd, b):
    """§4 / RULES 9, 10: evaluated price P, undiscounted sum, ARITHMETIC flag."""
    if not b.lines:
        return b.total, b.total, False
    P = 0.0
    U = 0.0
    for q, rate, year in b.lines:
        amount = q * rate
        U += amount
        if rnd.discount_rate is not None:
            amount = amount / (1.0 + rnd.discount_rate) ** (year - 1)
        P += amount
    arith = b.total is not None and abs(b.total - U) > 0.005
    return P, U, arith


def price_units(rnd, prices):
    """§4 price score divided by the price weight, for the bids in contention."""
    if not prices:
        return {}
    L = min(prices.values())
    formula = rnd.price_crit['formula']
    out = {}
    for bid, P in prices.items():
        if formula == 'deviation':
            out[bid] = max(0.0, 1.0 - (P - L) / L)
        elif formula == 'linear-budget':
            B = rnd.budget
            if B <= L:
                out[bid] = 1.0 if P == L else 0.0
            else:
                out[bid] = min(1.0, max(0.0, (B - P) / (B - L)))
        else:
            out[bid] = L / P
    return out


# ---------------------------------------------------------------------------
# §5 Quantitative social value
# ---------------------------------------------------------------------------

def social_value(rnd, b):
    """§5: S = Σ over commitments of the SROI-adjusted, dropped-off, discounted value."""
    r = rnd.discount_rate if rnd.discount_rate is not None else 0.0
    S = 0.0
    for mid, q, _w in b.commitments:
        m = rnd.measures.get(mid)
        if m is None:
            continue
        base = (q * m['proxy'] * (1 - m['deadweight']) * (1 - m['attribution'])
                * (1 - m['displacement']))
        for t in range(m['duration']):
            S += base * (1 - m['drop_off']) ** t / (1 + r) ** t
    return S


# ---------------------------------------------------------------------------
# §4-§6 scoring of a contention set and §6 ranking
# ---------------------------------------------------------------------------

class Ranking:
    """Unit and weighted scores, totals and ranks of a set of bids in contention."""


def unit_scores(ctx, contention):
    """Per-criterion scores divided by weight (§3 moderated/scale, §4, §5)."""
    rnd = ctx.rnd
    prices = {b: ctx.P[b] for b in contention}
    pu = price_units(rnd, prices)
    smax = max((ctx.S[b] for b in contention), default=0.0)
    units = {}
    for bid in contention:
        u = {}
        for c in rnd.criteria:
            if c['kind'] in SCORED_KINDS:
                u[c['id']] = moderated_score(ctx, bid, c['id']) / c['scale']
            elif c['kind'] == 'price':
                u[c['id']] = pu[bid]
            else:
                u[c['id']] = ctx.S[bid] / smax if smax > 0 else 0.0
        units[bid] = u
    return units


def kind_key(kind):
    return 'social-value' if kind == 'social-value-measures' else kind


def rank_bids(ctx, units, weights):
    """§6 / RULES 1, 17, 18: totals, tie-break, competition ranks, winner."""
    rnd = ctx.rnd
    R = Ranking()
    R.units = units
    R.weights = weights
    R.weighted = {}
    R.total = {}
    R.kind_sum = {}
    for bid, u in units.items():
        ws = {}
        for c in rnd.criteria:
            if c['kind'] in SCORED_KINDS:
                # moderated / scale × weight, written as in §3
                ws[c['id']] = moderated_score(ctx, bid, c['id']) / c['scale'] * weights[c['id']]
            else:
                ws[c['id']] = weights[c['id']] * u[c['id']]
        R.weighted[bid] = ws
        R.total[bid] = sum(ws[c['id']] for c in rnd.criteria)
        ks = {}
        for c in rnd.criteria:
            k = kind_key(c['kind'])
            ks[k] = ks.get(k, 0.0) + ws[c['id']]
        R.kind_sum[bid] = ks

    def ahead(a, b):
        """-1 if a ranks ahead of b, 1 if behind, 0 if tied after every tie-break."""
        ta, tb = R.total[a], R.total[b]
        if abs(ta - tb) > TIE_EPS:
            return -1 if ta > tb else 1
        for k in rnd.tie_break:
            sa, sb = R.kind_sum[a].get(k, 0.0), R.kind_sum[b].get(k, 0.0)
            if abs(sa - sb) > TIE_EPS:
                return -1 if sa > sb else 1
        return 0

    def listing(a, b):
        c = ahead(a, b)
        if c:
            return c
        ea, eb = a.encode('utf-8'), b.encode('utf-8')
        return -1 if ea < eb else (1 if ea > eb else 0)

    ids = list(units)
    R.order = sorted(ids, key=cmp_to_key(listing))
    R.rank = {b: 1 + sum(1 for x in ids if x != b and ahead(x, b) < 0) for b in ids}
    R.tied = {b for b in ids if any(x != b and ahead(x, b) == 0 for x in ids)}
    top = [b for b in R.order if R.rank[b] == 1]
    R.winner = top[0] if len(top) == 1 else None
    return R


# ---------------------------------------------------------------------------
# §2-§6 in full
# ---------------------------------------------------------------------------

class Run:
    """Outcome of §2-§6 on the whole field of bids."""


def run_evaluation(ctx, barrier_checks=True, problems=None):
    """§2-§6 over every bid.

    barrier_checks=False is the §7 counterfactual: TURNOVER, BOND and GUARANTEE
    are not checked and a bid let back in without the scores it needs is left
    out as "unscored" (RULES 22).  In the real run check_missing_scores() has
    already made sure no bid lacks a score.  problems, when given, receives the
    RULES 11 warning about ALT rejections of unflagged bids."""
    rnd = ctx.rnd
    run = Run()
    run.reasons = {b: [] for b in ctx.bid_ids}
    run.flags = {b: [] for b in ctx.bid_ids}
    run.unscored = []

    # §2
    for bid in ctx.bid_ids:
        run.reasons[bid].extend(selection_reasons(ctx, bid, barrier_checks))
    passed = [b for b in ctx.bid_ids if not run.reasons[b]]

    # §3
    scored = [c for c in rnd.criteria if c['kind'] in SCORED_KINDS]
    after3 = []
    for bid in passed:
        if any(moderated_score(ctx, bid, c['id']) is None for c in scored):
            run.unscored.append(bid)      # only possible in the counterfactual
            continue
        for c in scored:
            sp = score_spread(ctx, bid, c['id'])
            if (rnd.spread_flag is not None and sp is not None and sp >= rnd.spread_flag
                    and (bid, c['id']) not in ctx.moderation):
                run.flags[bid].append({'code': 'SPREAD', 'subject': c['id']})
            thr = c['threshold']
            if thr is not None and moderated_score(ctx, bid, c['id']) < thr - THRESHOLD_EPS:
                run.reasons[bid].append({'code': 'THRESHOLD', 'subject': c['id']})
        if not run.reasons[bid]:
            after3.append(bid)

    # §4 abnormally low tenders (one pass, reference = after3)
    contention = list(after3)
    if rnd.alt is not None and after3:
        ps = [ctx.P[b] for b in after3]
        ref = median(ps) if rnd.alt['of'] == 'median' else sum(ps) / len(ps)
        run.alt_reference = ref
        for bid in after3:
            if ctx.P[bid] < rnd.alt['below'] * ref:
                run.flags[bid].append({'code': 'ALT'})
                if ctx.alt_decisions.get(bid) == 'reject':
                    run.reasons[bid].append({'code': 'ALT_REJECTED'})
                    contention.remove(bid)
            elif ctx.alt_decisions.get(bid) == 'reject' and problems is not None:
                problems.warn(ctx.bids[bid].where,
                              'ALT rejection of bid %s ignored: it is not flagged ALT' % bid)
    # §4 budget (RULES 13)
    if rnd.over_budget == 'exclude' and rnd.budget is not None:
        for bid in list(contention):
            if ctx.P[bid] > rnd.budget:
                run.reasons[bid].append({'code': 'OVER_BUDGET'})
                contention.remove(bid)

    # §4-§6 scores and ranking over the final contention set (RULES 14)
    weights = {c['id']: c['weight'] for c in rnd.criteria}
    run.ranking = rank_bids(ctx, unit_scores(ctx, contention), weights)
    run.ranked = list(run.ranking.order)
    run.winner = run.ranking.winner

    # §5 OVERCLAIM on ranked bids (RULES 16); §6 TIE on bids
    for bid in run.ranked:
        if ctx.S[bid] > rnd.overclaim_ratio * ctx.P[bid]:
            run.flags[bid].append({'code': 'OVERCLAIM'})
        if bid in run.ranking.tied:
            run.flags[bid].append({'code': 'TIE'})
    return run


# ---------------------------------------------------------------------------
# §7 Barriers
# ---------------------------------------------------------------------------

def working_capital(rnd):
    """§7: W = annual/12 × ((1 − s) × a + s × L); 0 without a payment element."""
    if rnd.payment is None or rnd.annual_value is None:
        return 0.0
    p = rnd.payment
    return (rnd.annual_value / 12.0) * ((1 - p['share']) * p['arrears'] + p['share'] * p['lag'])


def barrier_flags(rnd, policy, W):
    """§7 round-level B-* flags (RULES 3, 20)."""
    flags = []
    av = rnd.annual_value or 0.0
    if rnd.turnover_min is not None and rnd.turnover_min > policy['turnover-multiple'] * av:
        flags.append({'code': 'B-TURNOVER'})
    if rnd.bond_required:
        flags.append({'code': 'B-BOND'})
    if rnd.guarantee_required:
        flags.append({'code': 'B-GUARANTEE'})
    if rnd.payment is not None and W > policy['cashflow-months'] * av / 12.0:
        flags.append({'code': 'B-CASHFLOW'})
    if rnd.payment is not None and rnd.payment['terms_days'] > policy['payment-days']:
        flags.append({'code': 'B-PAYTERMS'})
    for kind, amount in rnd.insurances:
        if amount > policy['insurance-multiple'] * av:
            f = {'code': 'B-INSURANCE'}
            if kind:
                f['subject'] = kind
            flags.append(f)
    if rnd.lots == 1 and av * rnd.years > policy['lot-value']:
        flags.append({'code': 'B-LOTS'})
    if rnd.published is not None and rnd.deadline is not None:
        if (rnd.deadline - rnd.published).days < policy['min-days']:
            flags.append({'code': 'B-TIMELINE'})
    if rnd.price_crit is not None and rnd.price_crit['weight'] > policy['max-price-weight']:
        flags.append({'code': 'B-PRICE-DOMINANT'})
    sv = sum(c['weight'] for c in rnd.criteria
             if c['kind'] in ('social-value', 'social-value-measures'))
    if sv < policy['min-social-value']:
        flags.append({'code': 'B-SV-LOW'})
    return flags


def barriers_section(ctx, run, W):
    """§7 bid-level part: barriers.excluded and the counterfactual (RULES 21, 22)."""
    excluded = []
    for bid in ctx.bid_ids:
        codes = sorted({r['code'] for r in run.reasons[bid] if r['code'] in BARRIER_CODES})
        if codes:
            excluded.append({'bid': bid, 'codes': codes, 'type': ctx.bids[bid].type})
    cf = run_evaluation(ctx, barrier_checks=False)
    return {
        'working_capital': W,
        'excluded': excluded,
        'counterfactual': {
            'ranking': cf.ranked,
            'winner': cf.winner,
            'winner_changes': cf.winner != run.winner,
            'unscored': sorted(cf.unscored, key=lambda s: s.encode('utf-8')),
        },
    }


# ---------------------------------------------------------------------------
# §8 Alignment
# ---------------------------------------------------------------------------

def sign(x):
    return (x > 0) - (x < 0)


def kendall_tau_b(xs, ys):
    """RULES 24: tau-b; x ties exact, y ties within 1e-9; None if undefined."""
    n = len(xs)
    if n < 2:
        return None
    s = nx = ny = 0
    for i in range(n):
        for j in range(i + 1, n):
            dx = sign(xs[i] - xs[j])
            dy = 0 if abs(ys[i] - ys[j]) <= TIE_EPS else sign(ys[i] - ys[j])
            s += dx * dy
            nx += dx != 0
            ny += dy != 0
    if nx == 0 or ny == 0:
        return None
    return s / math.sqrt(nx * ny)


def alignment_section(ctx, run):
    """§8 / RULES 23-26: effective weights, A-* flags, tau-b, priority counterfactual."""
    rnd = ctx.rnd
    eff = {oid: 0.0 for oid, _ in rnd.outcomes}
    for c in rnd.criteria:
        if c['outcomes']:
            share = c['weight'] / len(c['outcomes'])
            for oid in c['outcomes']:
                eff[oid] += share
    prio = dict(rnd.outcomes)
    flags = []
    for oid, _ in rnd.outcomes:
        if eff[oid] == 0:
            flags.append({'code': 'A-UNCOVERED', 'subject': oid})
    for c in rnd.criteria:
        if c['kind'] != 'price' and not c['outcomes']:
            flags.append({'code': 'A-ORPHAN', 'subject': c['id']})
    for a, _ in rnd.outcomes:
        for b, _ in rnd.outcomes:
            if prio[a] < prio[b] and eff[a] < eff[b] - TIE_EPS:
                flags.append({'code': 'A-INVERSION', 'subject': '%s>%s' % (a, b)})
    oids = [oid for oid, _ in rnd.outcomes]
    tau = kendall_tau_b([-prio[o] for o in oids], [eff[o] for o in oids])

    # priority-weighted counterfactual (rank-order centroid)
    pw = rnd.price_crit['weight']
    nonprice = [c for c in rnd.criteria if c['kind'] != 'price']
    linked = [o for o in oids if any(o in c['outcomes'] for c in nonprice)]
    linked.sort(key=lambda o: prio[o])       # stable: equal priorities share anyway
    n = len(linked)
    roc = [sum(1.0 / j for j in range(k, n + 1)) / n for k in range(1, n + 1)]
    o_weight = {}
    i = 0
    while i < n:
        j = i
        while j + 1 < n and prio[linked[j + 1]] == prio[linked[i]]:
            j += 1
        share = sum(roc[i:j + 1]) / (j - i + 1)
        for k in range(i, j + 1):
            o_weight[linked[k]] = share * (100.0 - pw)
        i = j + 1
    cw = {c['id']: 0.0 for c in rnd.criteria}
    cw[rnd.price_crit['id']] = pw
    for o in linked:
        crits = [c['id'] for c in nonprice if o in c['outcomes']]
        for cid in crits:
            cw[cid] += o_weight[o] / len(crits)
    cr = rank_bids(ctx, run.ranking.units, cw)
    return flags, {
        'effective_weights': eff,
        'kendall_tau': tau,
        'counterfactual': {
            'weights': cw,
            'ranking': list(cr.order),
            'winner': cr.winner,
            'winner_changes': cr.winner != run.winner,
        },
    }


# ---------------------------------------------------------------------------
# §9 Sensitivity
# ---------------------------------------------------------------------------

def one_at_a_time(ctx, run):
    """§9 / RULES 27: smallest |Δ| at which another ranked bid reaches the winner."""
    R = run.ranking
    w = run.winner
    if w is None:
        return []
    out = []
    for c in ctx.rnd.criteria:
        cid, wc = c['id'], c['weight']
        best = None   # (abs delta, position in ranking, delta, bid)
        if wc < 100.0:
            def k(b):
                u = R.units[b][cid]
                return u - (R.total[b] - wc * u) / (100.0 - wc)
            kw = k(w)
            for pos, b in enumerate(R.order):
                if b == w:
                    continue
                diff = R.total[b] - R.total[w]
                if abs(diff) <= SENS_EPS:
                    delta = 0.0
                else:
                    kb = k(b)
                    if abs(kw - kb) < 1e-12:
                        continue
                    delta = diff / (kw - kb)
                    if not (-wc - SENS_EPS <= delta <= 100.0 - wc + SENS_EPS):
                        continue
                # R.order is rank order then id, so the first of equal magnitude wins
                if best is None or abs(delta) < best[0] - TIE_EPS:
                    best = (abs(delta), pos, delta, b)
        out.append({'criterion': cid,
                    'delta': best[2] if best else None,
                    'new_leader': best[3] if best else None})
    return out


def smaa(ctx, run, draws, seed, kappa):
    """§9 / RULES 28: Dirichlet(κ·w/100) weights, rank-1 and rank acceptabilities."""
    R = run.ranking
    bids = list(R.order)
    n = len(bids)
    crits = [c['id'] for c in ctx.rnd.criteria]
    alphas = [kappa * c['weight'] / 100.0 for c in ctx.rnd.criteria]
    acc = {b: [0.0] * n for b in bids}
    rng = random.Random(seed)
    units = [[R.units[b][cid] for cid in crits] for b in bids]
    for _ in range(draws if n else 0):
        g = [rng.gammavariate(a, 1.0) for a in alphas]
        s = sum(g)
        x = [gi / s * 100.0 for gi in g]
        totals = [sum(ui * xi for ui, xi in zip(u, x)) for u in units]
        idx = sorted(range(n), key=lambda i: -totals[i])
        pos = 0
        while pos < n:
            end = pos
            while end + 1 < n and totals[idx[pos]] - totals[idx[end + 1]] <= TIE_EPS:
                end += 1
            k = end - pos + 1
            for m in range(pos, end + 1):
                for r in range(pos, end + 1):
                    acc[bids[idx[m]]][r] += 1.0 / k
            pos = end + 1
    if draws and n:
        for b in bids:
            acc[b] = [v / draws for v in acc[b]]
    return {
        'draws': draws,
        'seed': seed,
        'kappa': kappa,
        'rank1': {b: acc[b][0] for b in bids},
        'acceptability': acc,
    }


def withdrawal(ctx, run):
    """§9 withdrawal test: re-run §4-§6 without each ranked non-winner (RULES 29).

    No exclusion is added or lifted, so ALT figures (recomputed in principle)
    cannot change who is in contention; only L and S_max move."""
    if run.winner is None:
        return [], []
    weights = {c['id']: c['weight'] for c in ctx.rnd.criteria}
    out, flags = [], []
    for bid in run.ranked:
        if bid == run.winner:
            continue
        rest = [b for b in run.ranked if b != bid]
        R = rank_bids(ctx, unit_scores(ctx, rest), weights)
        changes = R.winner != run.winner
        out.append({'withdrawn': bid, 'winner': R.winner, 'winner_changes': changes})
        if changes:
            flags.append({'code': 'RANK-REVERSAL', 'subject': bid})
    return out, flags


# ---------------------------------------------------------------------------
# Result assembly
# ---------------------------------------------------------------------------

def flag_key(f):
    return (f['code'], f.get('subject', ''))


def evaluate(ctx, policy, draws, seed, kappa, problems=None):
    """Run §2-§9 and assemble the result.json subset of the brief."""
    rnd = ctx.rnd
    run = run_evaluation(ctx, problems=problems)
    W = working_capital(rnd)
    # §7 CASHFLOW on sme/vcse bids, any status (RULES 19)
    if W > 0:
        for bid in ctx.bid_ids:
            b = ctx.bids[bid]
            if b.type in ('sme', 'vcse') and b.reserves is not None and b.reserves < W:
                run.flags[bid].append({'code': 'CASHFLOW'})
    for bid in ctx.bid_ids:
        if ctx.arith[bid]:
            run.flags[bid].append({'code': 'ARITHMETIC'})

    b_flags = sorted(barrier_flags(rnd, policy, W), key=flag_key)
    barriers = barriers_section(ctx, run, W)
    a_flags, alignment = alignment_section(ctx, run)
    a_flags.sort(key=flag_key)
    wd, rr_flags = withdrawal(ctx, run)
    rr_flags.sort(key=flag_key)
    tie_flag = [{'code': 'TIE'}] if (run.ranked and run.winner is None) else []

    R = run.ranking
    bids_out = []
    for bid in ctx.bid_ids:
        b = ctx.bids[bid]
        o = {'id': bid, 'bidder': b.name, 'type': b.type,
             'price': ctx.P[bid], 'social_value': ctx.S[bid],
             'social_return': ctx.S[bid] / ctx.P[bid],
             'flags': sorted(run.flags[bid], key=flag_key)}
        if bid in R.total:
            o['status'] = 'ranked'
            o['rank'] = R.rank[bid]
            o['total'] = R.total[bid]
            sc = {}
            for c in rnd.criteria:
                e = {'weighted': R.weighted[bid][c['id']]}
                if c['kind'] in SCORED_KINDS:
                    e['moderated'] = moderated_score(ctx, bid, c['id'])
                sc[c['id']] = e
            o['scores'] = sc
        else:
            o['status'] = 'excluded'
            o['reasons'] = sorted(run.reasons[bid], key=flag_key)
        bids_out.append(o)

    return {
        'round': rnd.id,
        'criteria': [{'id': c['id'], 'kind': c['kind'], 'weight': c['weight']}
                     for c in rnd.criteria],
        'bids': bids_out,
        'winner': run.winner,
        'flags': b_flags + a_flags + tie_flag + rr_flags,
        'barriers': barriers,
        'alignment': alignment,
        'sensitivity': {
            'one_at_a_time': one_at_a_time(ctx, run),
            'smaa': smaa(ctx, run, draws, seed, kappa),
            'withdrawal': wd,
        },
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('round')
    ap.add_argument('--bids', nargs='+', required=True)
    ap.add_argument('--scores')
    ap.add_argument('--moderation')
    ap.add_argument('--decisions')
    ap.add_argument('--policy')
    ap.add_argument('--smaa-draws', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--kappa', type=float, default=100)
    args = ap.parse_args(argv)

    problems = Problems()
    rnd = load_round(args.round, problems)
    if rnd is None:
        for e in problems.errors:
            print(e, file=sys.stderr)
        return 2
    policy_path = args.policy
    if policy_path is None and rnd.policy_attr:
        policy_path = os.path.join(os.path.dirname(os.path.abspath(args.round)), rnd.policy_attr)
    policy = load_policy(policy_path, problems)

    bids = []
    for p in expand_bid_paths(args.bids):
        if p.lower().endswith('.xlsx'):
            bids.append(load_bid_xlsx(p, problems))
        else:
            bids.append(load_bid_xml(p, problems))
    score_rows = load_table(args.scores, 'scores',
                            ['bid', 'criterion', 'evaluator', 'score', 'comment'],
                            ['bid', 'criterion', 'evaluator', 'score'], problems) \
        if args.scores else []
    mod_rows = load_table(args.moderation, 'moderation',
                          ['bid', 'criterion', 'score', 'rationale'],
                          ['bid', 'criterion', 'score'], problems) \
        if args.moderation else []
    dec_rows = load_table(args.decisions, 'decisions',
                          ['bid', 'subject', 'decision', 'rationale'],
                          ['bid', 'subject', 'decision'], problems) \
        if args.decisions else []

    ctx = build_context(rnd, bids, score_rows, mod_rows, dec_rows, problems)
    check_missing_scores(ctx, problems)
    if problems.errors:
        for e in problems.warnings + problems.errors:
            print(e, file=sys.stderr)
        return 2

    result = evaluate(ctx, policy, args.smaa_draws, args.seed, args.kappa, problems)
    for w in problems.warnings:
        print(w, file=sys.stderr)
    if float(args.kappa).is_integer():
        result['sensitivity']['smaa']['kappa'] = int(args.kappa)
    print(json.dumps(result, indent=1, sort_keys=True))
    return 0


if __name__ == '__main__':
    sys.exit(main())
