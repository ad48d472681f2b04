"""Shared helpers for the CPython side: one JSON line per measurement on stdout."""
import json
import time

now = time.perf_counter


def emit(name, ops, seconds, **extra):
    rec = {"name": name, "ops": ops, "seconds": round(seconds, 6),
           "ops_per_s": round(ops / seconds) if seconds > 0 else None}
    rec.update(extra)
    rec["lang"] = "python"
    print(json.dumps(rec), flush=True)


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def measure(fn, n, rounds=5):
    """Median of `rounds` timed runs after one warm-up of n/10."""
    fn(max(1, n // 10))
    times = sorted(fn(n) for _ in range(rounds))
    return times[len(times) // 2]
