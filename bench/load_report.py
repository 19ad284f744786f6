"""What a load run measures and prints: CPU use by process, cores pinned for a smaller
machine, the tables of response times (overall, per page, by 5-second window, readers
against champions' writes) and the recount jobs the writes asked for.
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

    def __init__(self, server, worker=None):
        self.server = psutil.Process(server.pid) if server else None
        self.worker = psutil.Process(worker.pid) if worker else None
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
            "job worker": used([self.worker]) if self.worker else 0.0,
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
            app = used["app workers"] + used["job worker"] + used["PostgreSQL (all databases)"]
            print(
                f"  app + job worker + PostgreSQL per request: {app / len(requests_made) * 1000:.0f} ms "
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


CHAMPION = "champion"  # the start of the champions' requests' names (bench/load_champions.py)


def print_by_kind(made, after, write_names):
    """The readers' times against the champions': the writes (``write_names``), each and
    together, and their other requests. The champions' writes' times over the whole run."""

    def reader(name):
        return not name.startswith(CHAMPION)

    rows = [("readers, whole run", made, reader), ("readers, after sign-in", after, reader)]
    rows += [(write, made, lambda name, write=write: name == write) for write in write_names]
    rows.append(("champions' writes, together", made, lambda name: name in write_names))
    rows.append(
        (
            "champions' other requests",
            made,
            lambda name: name.startswith(CHAMPION) and name not in write_names,
        )
    )
    print("\nReaders and champions (ms)")
    print(f"{'who':30} {'reqs':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} {'errors':>6}")
    for label, source, chosen in rows:
        times = [ms for _, name, ms, _ in source if chosen(name)]
        if not times:
            continue
        errors = sum(failed for _, name, _, failed in source if chosen(name))
        print(
            f"{label:30} {len(times):>6} {statistics.median(times):>6.0f} "
            f"{percentile(times, 0.95):>6.0f} {percentile(times, 0.99):>6.0f} "
            f"{max(times):>6.0f} {errors:>6}"
        )
    return [ms for _, name, ms, _ in made if name in write_names]


def print_jobs(recounts):
    """The recount jobs asked for during the run: how many, how long they waited and ran."""
    if not recounts:
        print("\nRecount jobs asked for during the run: none")
        return
    states = defaultdict(int)
    for state, _, _ in recounts:
        states[state] += 1
    waited = [w for _, w, _ in recounts if w is not None]
    ran = [r for _, _, r in recounts if r is not None]
    print(
        f"\nRecount jobs asked for during the run: {len(recounts)} "
        f"({', '.join(f'{n} {s}' for s, n in sorted(states.items()))})"
    )
    if ran:
        print(
            f"  waited for the worker p50 {statistics.median(waited):.1f} s, max {max(waited):.1f} s;"
            f" ran p50 {statistics.median(ran):.1f} s, max {max(ran):.1f} s"
        )
