"""concurrent.futures.Future, single thread, no executor: the shapes of ../cf-future.mjs.

  py.cf.future.create_cb_set_result: f = Future(); f.add_done_callback(cb); f.set_result(i),
    where cb reads f.result() into a running total (the callback runs inside set_result).
  py.cf.future.create_set_result: f = Future(); f.set_result(i); total += f.result()
N = 200k per timed run; median of 5 runs after a warm-up.
"""
import sys
from concurrent.futures import Future

from _common import check, emit, measure, now

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def create_cb_set_result(n):
    total = [0]

    def cb(f):
        total[0] += f.result()

    t0 = now()
    for i in range(n):
        f = Future()
        f.add_done_callback(cb)
        f.set_result(i)
    t1 = now()
    check(total[0] == n * (n - 1) // 2, "bad sum")
    return t1 - t0


def create_set_result(n):
    total = 0
    t0 = now()
    for i in range(n):
        f = Future()
        f.set_result(i)
        total += f.result()
    t1 = now()
    check(total == n * (n - 1) // 2, "bad sum")
    return t1 - t0


if __name__ == "__main__":
    emit("py.cf.future.create_cb_set_result", N, measure(create_cb_set_result, N))
    emit("py.cf.future.create_set_result", N, measure(create_set_result, N))
