#!/usr/bin/python3
"""Baseline SMAA: a vectorised numpy implementation of EVALUATION.md §9 (stochastic
weights), to compare with the SMAA inside `tender evaluate`.

    /usr/bin/python3 bench/smaa_numpy.py RESULT.json [--draws 1000000] [--seed 1]
        [--kappa 100] [--chunk 10000] [--out FILE]

Setup (not timed): read tender's result.json and take, for every ranked bid and every
criterion, the unit score u = weighted / weight (the moderated score / scale for quality,
the price formula's value for price; RULES §27 calls it u_bc). The matrix M = 100 u
(bids x criteria) is what a weight vector of sum 1 multiplies to give totals on 0..100.

Timed part: for chunks of draws (memory stays bounded by --chunk): weights from a
Dirichlet with parameters kappa x w / 100, drawn as independent gamma variates normalised
per draw (numpy's Generator.standard_gamma; the same as Generator.dirichlet); totals
T = W M^T; each draw's bids sorted by total, best first; totals within 1e-9 of the
previous one in that order are tied and share the tied positions equally (RULES §28);
rank-1 probability and rank acceptability accumulated with bincount.

Prints one JSON document: timings, and rank1 and acceptability per bid (ids in the order
of result.json). Results differ from tender's only by sampling noise (different generator).
"""
import argparse
import json
import os
import sys
import time

import numpy as np

TIE = 1e-9


def load_problem(result_path):
    """Bid ids, criterion weights and the unit-score matrix x 100 from tender's result.json."""
    with open(result_path) as f:
        res = json.load(f)
    crit = [c["id"] for c in res["criteria"]]
    weights = np.array([float(c["weight"]) for c in res["criteria"]])
    ranked = [b for b in res["bids"] if b.get("status") == "ranked"]
    ids = [b["id"] for b in ranked]
    m = np.empty((len(ranked), len(crit)))
    for i, b in enumerate(ranked):
        for j, (c, w) in enumerate(zip(crit, weights)):
            m[i, j] = 100.0 * b["scores"][c]["weighted"] / w
    return ids, crit, weights, m


def smaa(m, weights, draws, seed, kappa, chunk):
    """Return (rank1, acceptability): shares of draws, per bid and per bid x rank."""
    nb, nc = m.shape
    alpha = kappa * weights / 100.0
    rng = np.random.default_rng(seed)
    mt = np.ascontiguousarray(m.T)                  # criteria x bids
    acc_counts = np.zeros(nb * nb, dtype=np.float64)
    positions = np.arange(nb)
    done = 0
    while done < draws:
        n = min(chunk, draws - done)
        g = rng.standard_gamma(alpha, size=(n, nc))           # Dirichlet = normalised gammas
        g /= g.sum(axis=1, keepdims=True)
        totals = np.einsum("ij,jk->ik", g, mt)                # n x bids (= g @ mt; faster
        #   than the reference BLAS that Debian's python3-numpy uses by default)
        order = np.argsort(-totals, axis=1)                   # best first
        st = np.take_along_axis(totals, order, axis=1)
        tied = (st[:, :-1] - st[:, 1:]) <= TIE                # each position vs the next
        has_tie = tied.any(axis=1)
        clean = order[~has_tie]
        # no ties: the bid at position p gets one count at rank p
        acc_counts += np.bincount((clean * nb + positions).ravel(), minlength=nb * nb)
        # draws with ties (rare with continuous weights): groups share their positions
        for row, trow in zip(order[has_tie], tied[has_tie]):
            start = 0
            while start < nb:
                end = start + 1
                while end < nb and trow[end - 1]:
                    end += 1
                k = end - start
                for b in row[start:end]:
                    acc_counts[b * nb + start:b * nb + end] += 1.0 / k
                start = end
        done += n
    acc = acc_counts.reshape(nb, nb) / draws
    return acc[:, 0].copy(), acc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("result", help="tender's result.json for the round")
    ap.add_argument("--draws", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kappa", type=float, default=100.0)
    ap.add_argument("--chunk", type=int, default=10000, help="draws per vectorised step")
    ap.add_argument("--out", help="write the JSON here instead of stdout")
    a = ap.parse_args()

    t0 = time.perf_counter()
    ids, crit, weights, m = load_problem(a.result)
    t1 = time.perf_counter()
    rank1, acc = smaa(m, weights, a.draws, a.seed, a.kappa, a.chunk)
    t2 = time.perf_counter()
    out = dict(tool="numpy", numpy=np.__version__, bids=len(ids), criteria=len(crit), draws=a.draws,
               seed=a.seed, kappa=a.kappa, chunk=a.chunk, setup_seconds=t1 - t0, smaa_seconds=t2 - t1,
               blas_threads=os.environ.get("OPENBLAS_NUM_THREADS", "default"),
               rank1={b: float(p) for b, p in zip(ids, rank1)},
               acceptability={b: [float(x) for x in row] for b, row in zip(ids, acc)})
    text = json.dumps(out)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
