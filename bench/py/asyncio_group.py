"""asyncio group functions, the shapes of ../aio-group.mjs (same method as the anchors in
shared/bench/py/asyncio_gather.py and asyncio_wait.py):

  py.aio.gather.tasks_sleep0   gather over N=100k coroutines `await sleep(0); return i + 1`
  py.aio.wait_first_completed.drain
      10k futures resolved one per loop turn in a shuffled order (seeded); drained with
      `while pending: done, pending = await wait(pending, return_when=FIRST_COMPLETED)`
  py.aio.as_completed.drain    the same 10k, `for c in as_completed(futs): total += await c`
Warm-up with N/10 first (fresh loop), then the timed run (fresh loop).
"""
import asyncio
import random
import sys

from _common import check, emit, now

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
M = 10_000


async def work(i):
    await asyncio.sleep(0)
    return i + 1


async def gather_tasks(n):
    t0 = now()
    res = await asyncio.gather(*(work(i) for i in range(n)))
    t1 = now()
    check(sum(res) == n * (n + 1) // 2, "bad sum")
    return t1 - t0


async def resolver(futs, seed):
    order = list(range(len(futs)))
    random.Random(seed).shuffle(order)
    for idx in order:
        futs[idx].set_result(idx)
        await asyncio.sleep(0)


async def wait_drain(n):
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(n)]
    total = 0
    t0 = now()
    r = asyncio.create_task(resolver(futs, 42))
    pending = set(futs)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for f in done:
            total += f.result()
    await r
    t1 = now()
    check(total == n * (n - 1) // 2, "bad sum")
    return t1 - t0


async def as_completed_drain(n):
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(n)]
    total = 0
    t0 = now()
    r = asyncio.create_task(resolver(futs, 42))
    for c in asyncio.as_completed(futs):
        total += await c
    await r
    t1 = now()
    check(total == n * (n - 1) // 2, "bad sum")
    return t1 - t0


if __name__ == "__main__":
    for name, fn, n in [
        ("py.aio.gather.tasks_sleep0", gather_tasks, N),
        ("py.aio.wait_first_completed.drain", wait_drain, M),
        ("py.aio.as_completed.drain", as_completed_drain, M),
    ]:
        asyncio.run(fn(n // 10))
        emit(name, n, asyncio.run(fn(n)))
