"""gunicorn's configuration for `make serve` (python -m scoping.serve).

Workers: WEB_CONCURRENCY, else one per CPU this process may use, each with
GUNICORN_THREADS threads (4). Address:
BIND (host:port), else 127.0.0.1:PORT (8000): a TLS proxy in front serves the world.
Logs go to stdout as JSON lines (scoping/logs.py). gunicorn's own access log is off:
the app writes the one line per request (scoping.middleware.RequestLogMiddleware),
which knows the user id and the request id and leaves out query values.
"""

import os

from scoping.logs import logging_config


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "scoping.wsgi:application"
bind = [os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"]
# A worker per CPU, each with threads: a sign-in's password hash (deliberately slow,
# and it releases the GIL) then holds one thread, not a whole worker, so pages keep
# being served around it (docs/performance.md measured 2 x 4 against 4 sync workers).
workers = int(os.environ.get("WEB_CONCURRENCY") or _cpus())
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30
proc_name = "peer-support"
# No runtime control socket: one fixed path per user would clash between two
# instances on one machine, and nothing here uses gunicornc.
control_socket_disable = True

accesslog = None
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = logging_config(
    root={"level": "INFO", "handlers": []},
    loggers={
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        # A logging config turns gunicorn's access log on; the app writes that line.
        "gunicorn.access": {"level": "CRITICAL", "handlers": ["null"], "propagate": False},
    },
)
