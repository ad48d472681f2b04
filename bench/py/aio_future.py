"""asyncio Future and loop, the shapes of ../aio-future.mjs (C-accelerated _asyncio.Future/Task,
default selector event loop, as shipped with CPython):

  py.aio.future.create_set_await: in one coroutine, fut = loop.create_future();
    fut.set_result(i); total += await fut  (a done future: the coroutine does not suspend).
  py.aio.future.await_pending: fut = loop.create_future(); loop.call_soon(fut.set_result, i);
    total += await fut  (one real suspension: a loop iteration and a Task step per op).
  py.aio.call_soon: N loop.call_soon(cb, i), timed until all have run.
N = 200k per timed run; median of 5 runs (each on a fresh loop, asyncio.run) after a warm-up.
"""
import asyncio
import sys

from _common import check, emit, now

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


async def create_set_await(n):
    loop = asyncio.get_running_loop()
    total = 0
    t0 = now()
    for i in range(n):
        fut = loop.create_future()
        fut.set_result(i)
        total += await fut
    t1 = now()
    check(total == n * (n - 1) // 2, "bad sum")
    return t1 - t0


async def await_pending(n):
    loop = asyncio.get_running_loop()
    total = 0
    t0 = now()
    for i in range(n):
        fut = loop.create_future()
        loop.call_soon(fut.set_result, i)
        total += await fut
    t1 = now()
    check(total == n * (n - 1) // 2, "bad sum")
    return t1 - t0


async def call_soon(n):
    loop = asyncio.get_running_loop()
    acc = [0]
    done = loop.create_future()

    def cb(i):
        acc[0] += i
        if i == n - 1:
            done.set_result(None)

    t0 = now()
    for i in range(n):
        loop.call_soon(cb, i)
    await done
    t1 = now()
    check(acc[0] == n * (n - 1) // 2, "bad sum")
    return t1 - t0


def measure_async(fn, n, rounds=5):
    asyncio.run(fn(max(1, n // 10)))
    times = sorted(asyncio.run(fn(n)) for _ in range(rounds))
    return times[len(times) // 2]


if __name__ == "__main__":
    emit("py.aio.future.create_set_await", N, measure_async(create_set_await, N))
    emit("py.aio.future.await_pending", N, measure_async(await_pending, N))
    emit("py.aio.call_soon", N, measure_async(call_soon, N))
