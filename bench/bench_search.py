#!/usr/bin/python3
"""bench_search: `fedhap search` against FAISS's IndexBinaryFlat on the same random codes.

    /usr/bin/python3 bench/bench_search.py [--fedhap build/release/bin/fedhap] [--queries 1000]
        [--database 1000000] [--bits 64] [--k 100] [--runs 5] [--dir /tmp/fedhap-bench-search]

Needs Debian's python3-numpy and python3-faiss (the system python: /usr/bin/python3). Writes the
codes once (seed 0): int8 +-1 .npy for fedhap, numpy.packbits of the same bits for FAISS. Times both
as whole processes, each reading its .npy files and writing its result, alternately (A B A B ...),
and prints each one's median wall time and the median of the paired ratios. Then checks the
results: the distances must be equal, the indices equal below each row's k-th distance (FAISS
orders ties its own way; fedhap by database index), and fedhap's indices at the k-th distance must
be the lowest-numbered database items at that distance.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np


def faiss_search(args):
    """The FAISS side as its own process: read packed codes, index, search, save."""
    import faiss

    queries = np.load(args.query_packed)
    database = np.load(args.db_packed)
    index = faiss.IndexBinaryFlat(queries.shape[1] * 8)
    index.add(database)
    distances, indices = index.search(queries, args.k)
    np.save(args.out_distances, distances)
    np.save(args.out_indices, indices)


def write_codes(folder, queries, database, bits):
    rng = np.random.default_rng(0)
    paths = {name: os.path.join(folder, name) for name in ("q.npy", "db.npy", "q_packed.npy", "db_packed.npy")}
    if all(os.path.exists(p) for p in paths.values()):
        q = np.load(paths["q.npy"], mmap_mode="r")
        d = np.load(paths["db.npy"], mmap_mode="r")
        if q.shape == (queries, bits) and d.shape == (database, bits):
            return paths
    for name, count in (("q", queries), ("db", database)):
        bit_values = rng.integers(0, 2, size=(count, bits), dtype=np.uint8)
        np.save(paths[name + ".npy"], (bit_values.astype(np.int8) * 2 - 1))
        np.save(paths[name + "_packed.npy"], np.packbits(bit_values, axis=1))
    return paths


def timed(command):
    t0 = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def hamming(packed_query, packed_rows):
    return np.unpackbits(np.bitwise_xor(packed_rows, packed_query), axis=1).sum(axis=1)


def check(paths, folder, k, samples=20):
    ours_i = np.load(os.path.join(folder, "fedhap_idx.npy"))
    ours_d = np.load(os.path.join(folder, "fedhap_dist.npy"))
    faiss_i = np.load(os.path.join(folder, "faiss_idx.npy"))
    faiss_d = np.load(os.path.join(folder, "faiss_dist.npy"))
    assert ours_i.dtype == np.int64 and ours_i.shape == faiss_i.shape, (ours_i.dtype, ours_i.shape, faiss_i.shape)
    assert np.array_equal(ours_d.astype(np.int64), faiss_d.astype(np.int64)), "distances differ from FAISS"
    kth = ours_d[:, -1:]
    below = ours_d < kth
    for q in range(ours_i.shape[0]):
        assert set(ours_i[q][below[q]]) == set(faiss_i[q][faiss_d[q] < kth[q, 0]]), f"query {q}: sets differ"
        # Ranked by (distance, index): lexsort keys are last-major.
        order = np.lexsort((ours_i[q], ours_d[q]))
        assert np.array_equal(order, np.arange(k)), f"query {q}: not ordered by distance, then index"
    # Ties at the k-th distance: the lowest indices at that distance, checked by brute force on a sample.
    qp = np.load(paths["q_packed.npy"])
    dbp = np.load(paths["db_packed.npy"])
    for q in np.linspace(0, ours_i.shape[0] - 1, samples).astype(int):
        d = hamming(qp[q], dbp)
        expected = np.lexsort((np.arange(len(d)), d))[:k]
        assert np.array_equal(expected, ours_i[q]), f"query {q}: not the brute-force top {k}"
    return int(below.size - below.sum()), below.size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fedhap", default="build/release/bin/fedhap")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--database", type=int, default=1_000_000)
    parser.add_argument("--bits", type=int, default=64)
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/fedhap-bench-search")
    # The FAISS process (internal): bench_search.py --faiss-search ...
    parser.add_argument("--faiss-search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--query-packed", help=argparse.SUPPRESS)
    parser.add_argument("--db-packed", help=argparse.SUPPRESS)
    parser.add_argument("--out-distances", help=argparse.SUPPRESS)
    parser.add_argument("--out-indices", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.faiss_search:
        return faiss_search(args)
    if args.bits % 8:
        sys.exit("bench_search: --bits must be a multiple of 8 (FAISS packs whole bytes)")

    os.makedirs(args.dir, exist_ok=True)
    paths = write_codes(args.dir, args.queries, args.database, args.bits)
    out = lambda name: os.path.join(args.dir, name)
    fedhap = [args.fedhap, "search", "--query-codes", paths["q.npy"], "--db-codes", paths["db.npy"], "--k", str(args.k),
              "--out", out("fedhap_idx.npy"), "--distances", out("fedhap_dist.npy")]
    faiss = [sys.executable, os.path.abspath(__file__), "--faiss-search", "--k", str(args.k),
             "--query-packed", paths["q_packed.npy"], "--db-packed", paths["db_packed.npy"],
             "--out-distances", out("faiss_dist.npy"), "--out-indices", out("faiss_idx.npy")]
    timed(fedhap), timed(faiss)  # warm-up: file cache, page tables
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(timed(fedhap))
        theirs.append(timed(faiss))
    ratios = [t / o for o, t in zip(ours, theirs)]
    at_kth, entries = check(paths, args.dir, args.k)
    print(f"{args.queries} queries x {args.database} database codes, {args.bits} bits, k = {args.k}; "
          f"{args.runs} paired whole-process runs")
    print(f"  fedhap search          median {statistics.median(ours):.3f} s  (min {min(ours):.3f}, max {max(ours):.3f})")
    print(f"  FAISS IndexBinaryFlat  median {statistics.median(theirs):.3f} s  (min {min(theirs):.3f}, max {max(theirs):.3f})")
    print(f"  FAISS / fedhap         median {statistics.median(ratios):.2f}x")
    print(f"  results: distances equal to FAISS's; index sets equal below each row's k-th distance; {at_kth} of "
          f"{entries} entries lie at the k-th distance (ties), where fedhap's are the lowest indices (brute force, 20 queries)")


if __name__ == "__main__":
    main()
