"""ProcessPoolExecutor(max_workers=2), trivial task inc(x) = x + 1, the shapes of
../process-pool.mjs. Pool created and warmed with 200 tasks first; start-up is not timed.

  py.cf.processpool.w2.submit_wait    N=20k: futs = [ex.submit(inc, i) ...]; wait(futs); sum
  py.cf.processpool.w2.map_chunk1     sum(ex.map(inc, range(N), chunksize=1))
  py.cf.processpool.w2.map_chunk100   sum(ex.map(inc, range(N), chunksize=100))
  py.cf.processpool.w2.roundtrip_seq  2k tasks one at a time, submit -> result()
"""
import sys
from concurrent.futures import ProcessPoolExecutor, wait

from _common import check, emit, now

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
W = 2


def inc(x):
    return x + 1


def submit_wait(ex, n):
    t0 = now()
    futs = [ex.submit(inc, i) for i in range(n)]
    wait(futs)
    total = sum(f.result() for f in futs)
    t1 = now()
    check(total == n * (n + 1) // 2, "bad sum")
    return t1 - t0


def map_all(ex, n, chunksize):
    t0 = now()
    total = sum(ex.map(inc, range(n), chunksize=chunksize))
    t1 = now()
    check(total == n * (n + 1) // 2, "bad sum")
    return t1 - t0


def roundtrip(ex, n):
    total = 0
    t0 = now()
    for i in range(n):
        total += ex.submit(inc, i).result()
    t1 = now()
    check(total == n * (n + 1) // 2, "bad sum")
    return t1 - t0


def main():
    with ProcessPoolExecutor(max_workers=W) as ex:
        wait([ex.submit(inc, i) for i in range(200)])
        emit(f"py.cf.processpool.w{W}.submit_wait", N, submit_wait(ex, N))
        emit(f"py.cf.processpool.w{W}.map_chunk1", N, map_all(ex, N, 1))
        emit(f"py.cf.processpool.w{W}.map_chunk100", N, map_all(ex, N, 100))
        emit(f"py.cf.processpool.w{W}.roundtrip_seq", 2000, roundtrip(ex, 2000))


if __name__ == "__main__":
    main()
