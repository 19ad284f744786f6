"""Structured logs: one JSON object a line on stdout, tagged with the request's id.

No Django import here: gunicorn's master process uses the formatter too
(scoping/serving/gunicorn_conf.py), before Django is set up.
"""

import contextvars
import datetime
import json
import logging

# The id of the request being handled (scoping.serving.middleware.RequestLogMiddleware sets it),
# so every line logged while handling it, errors included, carries the same id.
request_id_var = contextvars.ContextVar("request_id", default=None)

# The fields of the per-request line, in the order they are written.
ACCESS_FIELDS = ("method", "path", "query_params", "status", "duration_ms", "user_id")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id, the access fields when the record
    has them (``extra={"access": {...}}``), and the traceback of an error."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Django logs a 4xx/5xx response after the middleware has returned; its record
        # then carries the request itself.
        request_id = (
            getattr(record, "request_id", None)
            or getattr(getattr(record, "request", None), "request_id", None)
            or request_id_var.get()
        )
        if request_id:
            entry["request_id"] = request_id
        access = getattr(record, "access", None)
        if isinstance(access, dict):
            entry.update({field: access[field] for field in ACCESS_FIELDS if field in access})
        status = getattr(record, "status_code", None)
        if status is not None and "status" not in entry:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, root, loggers):
    """A ``dictConfig`` whose "stdout" handler writes JSON lines; a "null" handler too.

    ``root`` is the root logger's entry; ``loggers`` the named loggers' entries.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "scoping.serving.logs.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            },
            "null": {"class": "logging.NullHandler"},
        },
        "root": root,
        "loggers": loggers,
    }
