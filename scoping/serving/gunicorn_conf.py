"""gunicorn's configuration for `make serve` (python -m scoping.serving.serve).

Workers: WEB_CONCURRENCY, else 2 x the CPUs this process may use + 1, each with
GUNICORN_THREADS threads (1). Address: BIND (host:port), else 127.0.0.1:PORT (8000):
a TLS proxy in front serves the world.
Logs go to stdout as JSON lines (scoping/serving/logs.py). gunicorn's own access log is off:
the app writes the one line per request (scoping.serving.middleware.RequestLogMiddleware),
which knows the user id and the request id and leaves out query values.
"""

import os

from scoping import environment as env
from scoping.serving.logs import logging_config


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "scoping.wsgi:application"
bind = [env.text("BIND") or f"127.0.0.1:{env.text_or_default('PORT')}"]
# gunicorn's own rule of thumb. GUNICORN_THREADS > 1 gives each worker threads, so a
# sign-in's deliberately slow password hash holds a thread rather than a worker; under
# load on two cores neither was clearly faster (docs/performance.md), so it is a knob.
workers = int(env.text_or_default("WEB_CONCURRENCY", 2 * _cpus() + 1))
threads = int(env.text_or_default("GUNICORN_THREADS"))
timeout = int(env.text_or_default("GUNICORN_TIMEOUT"))
graceful_timeout = 30
proc_name = "peer-support"
# No runtime control socket: one fixed path per user would clash between two
# instances on one machine, and nothing here uses gunicornc.
control_socket_disable = True

# The app is imported once, by the master, before the workers are forked: each worker
# starts ready (no second of imports on its first request) and they share the imported
# code's memory. Nothing may be connected when they fork (``pre_fork``).
preload_app = True


def pre_fork(server, worker):
    """Close what the master opened while importing, so no worker inherits a connection."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


accesslog = None
loglevel = env.text("LOG_LEVEL").lower()
logconfig_dict = logging_config(
    root={"level": "INFO", "handlers": []},
    loggers={
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        # A logging config turns gunicorn's access log on; the app writes that line.
        "gunicorn.access": {"level": "CRITICAL", "handlers": ["null"], "propagate": False},
    },
)
