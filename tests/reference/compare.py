#!/usr/bin/env python3
"""Compare an actual result.json against an expected subset (golden tests).

Usage: compare.py EXPECTED.json ACTUAL.json [--smaa-tol 0.02]

Exit 0 when ACTUAL matches, 1 with one line per mismatch (by JSON path)
otherwise, 2 when a file cannot be read.  Standard library only.

Rules:
- EXPECTED is a subset: every key of an expected object must be present in
  the actual object and match recursively; extra actual keys are fine.
- Lists have the same length and match element by element, except:
  (a) lists of objects with a "code" key (flags, reasons) are multisets:
      both sides are sorted by (code, subject or "") and then compared
      element-wise (each expected object a subset of its actual partner);
  (b) a list of strings expected against a list of objects matches when the
      objects' "bid" values equal the strings, in order (RULES.md §21).
- Numbers match when |actual - expected| <= 1e-6; under
  sensitivity.smaa.rank1 and sensitivity.smaa.acceptability the tolerance is
  --smaa-tol.  Booleans must be booleans (true is not 1), null must be null,
  strings must be equal.
"""

import argparse
import json
import sys

NUM_TOL = 1e-6
SMAA_PREFIXES = (('sensitivity', 'smaa', 'rank1'), ('sensitivity', 'smaa', 'acceptability'))


def show(path):
    out = '$'
    for p in path:
        if isinstance(p, int):
            out += '[%d]' % p
        elif p.startswith('['):
            out += p
        else:
            out += '.%s' % p
    return out


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def kind(x):
    if x is None:
        return 'null'
    if isinstance(x, bool):
        return 'bool'
    if is_number(x):
        return 'number'
    if isinstance(x, str):
        return 'string'
    if isinstance(x, list):
        return 'list'
    if isinstance(x, dict):
        return 'object'
    return type(x).__name__


def brief(x):
    s = json.dumps(x, sort_keys=True)
    return s if len(s) <= 120 else s[:117] + '...'


def code_key(x):
    if isinstance(x, dict):
        subj = x.get('subject')
        return (str(x.get('code', '')), '' if subj is None else str(subj))
    return ('', '')


def is_code_list(lst):
    return bool(lst) and all(isinstance(e, dict) and 'code' in e for e in lst)


def compare(exp, act, path, errs, smaa_tol):
    """Append a message to errs for every mismatch under path."""
    tol = smaa_tol if any(tuple(path[:3]) == p for p in SMAA_PREFIXES) else NUM_TOL
    if exp is None:
        if act is not None:
            errs.append('%s: expected null, got %s' % (show(path), brief(act)))
        return
    if isinstance(exp, bool):
        if not isinstance(act, bool) or act != exp:
            errs.append('%s: expected %s, got %s' % (show(path), brief(exp), brief(act)))
        return
    if is_number(exp):
        if not is_number(act):
            errs.append('%s: expected number %r, got %s %s'
                        % (show(path), exp, kind(act), brief(act)))
        elif not abs(act - exp) <= tol:
            errs.append('%s: expected %r, got %r (difference %.3g > %g)'
                        % (show(path), exp, act, abs(act - exp), tol))
        return
    if isinstance(exp, str):
        if act != exp:
            errs.append('%s: expected %s, got %s' % (show(path), brief(exp), brief(act)))
        return
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            errs.append('%s: expected an object, got %s %s' % (show(path), kind(act), brief(act)))
            return
        for k in exp:
            if k not in act:
                errs.append('%s: missing key (expected %s)' % (show(path + [k]), brief(exp[k])))
            else:
                compare(exp[k], act[k], path + [k], errs, smaa_tol)
        return
    if isinstance(exp, list):
        if not isinstance(act, list):
            errs.append('%s: expected a list, got %s %s' % (show(path), kind(act), brief(act)))
            return
        if len(exp) != len(act):
            errs.append('%s: expected %d element(s), got %d: expected %s, got %s'
                        % (show(path), len(exp), len(act), brief(exp), brief(act)))
            return
        if is_code_list(exp):
            # (a) flags / reasons: multiset comparison
            es = sorted(exp, key=code_key)
            as_ = sorted(act, key=code_key)
            for e, a in zip(es, as_):
                label = '[code=%s]' % '/'.join(x for x in code_key(e) if x)
                compare(e, a, path + [label], errs, smaa_tol)
            return
        if exp and all(isinstance(e, str) for e in exp) \
                and all(isinstance(a, dict) for a in act):
            # (b) bare ids against objects with a "bid" key (RULES §21)
            got = [a.get('bid') for a in act]
            if got != exp:
                errs.append('%s: expected bids %s, got %s' % (show(path), brief(exp), brief(got)))
            return
        for i, (e, a) in enumerate(zip(exp, act)):
            step = i
            if isinstance(e, dict) and isinstance(e.get('id'), str):
                step = '[%d id=%s]' % (i, e['id'])   # readable paths for bids
            compare(e, a, path + [step], errs, smaa_tol)
        return
    errs.append('%s: unsupported expected value %r' % (show(path), exp))


def main(argv=None):
    ap = argparse.ArgumentParser(description='Compare result.json against an expected subset.')
    ap.add_argument('expected')
    ap.add_argument('actual')
    ap.add_argument('--smaa-tol', type=float, default=0.02)
    args = ap.parse_args(argv)
    docs = []
    for p in (args.expected, args.actual):
        try:
            with open(p, encoding='utf-8') as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print('%s: cannot read JSON: %s' % (p, e), file=sys.stderr)
            return 2
    errs = []
    compare(docs[0], docs[1], [], errs, args.smaa_tol)
    if errs:
        print('%d mismatch(es) between %s (expected) and %s (actual):'
              % (len(errs), args.expected, args.actual))
        for e in errs:
            print('  ' + e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
