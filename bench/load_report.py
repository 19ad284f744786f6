"""What a load run measures and prints: CPU use by process, cores pinned for a smaller
machine, and the tables of response times (overall, per page, by 5-second window).
Used by bench/load.py."""

import contextlib
import os
import statistics
from collections import defaultdict

import psutil  # comes with locust


class Pinned:
    """This process, what it starts (the app, the writer) and PostgreSQL (its processes now
    and the backends it starts from now on) on ``cpus`` only: a smaller machine, measured
    on this one. ``restore`` gives PostgreSQL back its cores (needs the right to change
    its processes' affinity: root, or the postgres user)."""

    def __init__(self, cpus):
        self.before = {}
        os.sched_setaffinity(0, cpus)
        for process in psutil.process_iter(["name"]):
            if process.info["name"] != "postgres":
                continue
            try:
                self.before[process.pid] = process.cpu_affinity()
                process.cpu_affinity(sorted(cpus))
            except psutil.Error as error:
                print(f"PostgreSQL process {process.pid} keeps its cores ({error})")

    def restore(self):
        for pid, cpus in self.before.items():
            with contextlib.suppress(psutil.Error):  # a backend that has ended since
                psutil.Process(pid).cpu_affinity(cpus)


class CpuUse:
    """CPU seconds used during the run by the app, PostgreSQL, this process and the rest.

    The figures above depend on what else the machine is doing; CPU per request does not
    (much): with it one can tell a slow app from a busy machine.
    """

    def __init__(self, server):
        self.server = psutil.Process(server.pid) if server else None
        self.start = self.snapshot()

    def snapshot(self):
        def used(processes):
            total = 0.0
            for process in processes:
                try:
                    times = process.cpu_times()
                    total += times.user + times.system
                except psutil.Error:
                    pass
            return total

        machine = psutil.cpu_times()
        return {
            "app workers": used(self.server.children(recursive=True)) if self.server else 0.0,
            "PostgreSQL (all databases)": used(
                p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"
            ),
            "load generator": used([psutil.Process()]),
            "machine": machine.user + machine.system + machine.nice + machine.irq + machine.softirq,
        }

    def report(self, seconds, requests_made):
        end = self.snapshot()
        used = {name: end[name] - self.start[name] for name in end}
        ours = sum(v for name, v in used.items() if name != "machine")
        used["everything else on the machine"] = max(0.0, used.pop("machine") - ours)
        cores = len(os.sched_getaffinity(0))  # --cpus, else the machine's
        capacity = cores * seconds
        print(f"\nCPU seconds used in the {seconds:.0f} s ({cores} cores: {capacity:.0f}):")
        for name, value in used.items():
            print(f"  {name:32} {value:6.1f}")
        pages = [r for r in requests_made if r[1] not in {"sign in", "sign-in page"}]
        if requests_made:
            app = used["app workers"] + used["PostgreSQL (all databases)"]
            print(
                f"  app + PostgreSQL per request: {app / len(requests_made) * 1000:.0f} ms "
                f"({len(requests_made)} requests, {len(pages)} of them pages)"
            )
        print(f"  load average at the end: {os.getloadavg()}")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary_line(name, times, errors, seconds):
    if not times:
        return f"{name:28} {0:>7} {0:>7.1f}"
    return (
        f"{name:28} {len(times):>7} {len(times) / seconds:>7.1f} "
        f"{statistics.median(times):>7.0f} {percentile(times, 0.95):>7.0f} "
        f"{percentile(times, 0.99):>7.0f} {errors:>6}"
    )


def print_table(title, made, seconds):
    times, errors = defaultdict(list), defaultdict(int)
    for _, name, ms, failed in made:
        times[name].append(ms)
        errors[name] += failed
    print(f"\n{title}")
    print(
        f"{'page (ms)':28} {'reqs':>7} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>6}"
    )
    for name in sorted(times):
        print(summary_line(name, times[name], errors[name], seconds))
    everything = [ms for _, _, ms, _ in made]
    print(summary_line("ALL", everything, sum(errors.values()), seconds))


def print_timeline(made, started, seconds, changes_at, step=5):
    """p50/p95/max of the requests that started in each ``step`` seconds: when the slow
    ones were (sign-ins at the start, the data changes marked *)."""
    print(f"\nBy when they started ({step} s windows; * a data change in the window)")
    print(f"{'from s':>6} {'reqs':>5} {'p50':>6} {'p95':>6} {'max':>6}")
    for start in range(0, int(seconds), step):
        times = [ms for at, _, ms, _ in made if start <= at - ms / 1000 - started < start + step]
        if times:
            mark = "*" if any(start <= c < start + step for c in changes_at) else ""
            print(
                f"{start:>6} {len(times):>5} {statistics.median(times):>6.0f} "
                f"{percentile(times, 0.95):>6.0f} {max(times):>6.0f} {mark}"
            )
