"""make run / make serve's supervisor: a worker that dies is started again; all stop together."""

import signal
import subprocess
import sys
import threading
import time

import pytest

from scoping.serving import supervisor

pytestmark = pytest.mark.slow


def test_a_dead_worker_is_restarted_and_all_stop_with_the_web_server(monkeypatch, tmp_path):
    starts = tmp_path / "starts"
    # A "worker" that notes each start, then dies at once (as a crashing worker would).
    worker = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x')"]
    monkeypatch.setattr(supervisor, "worker_command", lambda *extra: worker)
    monkeypatch.setattr(supervisor, "MAX_BACKOFF", 0.2)
    # The "web server" lives for 4 seconds.
    web = [sys.executable, "-c", "import time; time.sleep(4)"]
    began = time.monotonic()
    code = supervisor.supervise(web, workers=1)
    assert code == 0 and time.monotonic() - began < 15
    assert len(starts.read_text()) >= 3  # started, died, started again, ...


def test_a_signal_stops_the_web_server_and_its_workers(monkeypatch, tmp_path):
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    processes = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        processes.append(real_popen(*args, **kwargs))
        return processes[-1]

    monkeypatch.setattr(supervisor, "worker_command", lambda *extra: sleeper)
    monkeypatch.setattr(supervisor.subprocess, "Popen", popen)
    timer = threading.Timer(1.0, lambda: signal.raise_signal(signal.SIGTERM))
    timer.start()
    supervisor.supervise(sleeper, workers=2)
    assert len(processes) == 3
    assert all(process.poll() is not None for process in processes)
