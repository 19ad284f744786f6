"""`make serve`: run the site in production mode on this machine.

    SECRET_KEY=... ALLOWED_HOSTS=psd.example.org python -m scoping.serving.serve [gunicorn options]

Against DATABASE_URL (default: the local PostgreSQL server's peer_support database,
created if it does not exist), it migrates, adds missing reference data, collects the
static files with the production (manifest) storage, then runs gunicorn
(scoping/serving/gunicorn_conf.py) with JOB_WORKERS job workers beside it, supervised
(scoping/serving/supervisor.py: a worker that dies is restarted; all stop together). It refuses to start without SECRET_KEY and ALLOWED_HOSTS,
or with DEBUG on, saying what to set.
"""

import os
import sys

from scoping import environment as env

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/peer_support"


def fail(message):
    print(f"make serve: {message}", file=sys.stderr)
    sys.exit(2)


def ensure_postgres_database(db):
    """Create the database named in the settings if the server does not have it."""
    import psycopg2
    from psycopg2 import sql

    try:
        server = psycopg2.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            connect_timeout=10,
        )
    except psycopg2.OperationalError as error:
        fail(f"cannot reach PostgreSQL for DATABASE_URL: {str(error).strip()}")
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
            if cursor.fetchone() is None:
                print(f"Creating the database {db['NAME']}")
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    finally:
        server.close()


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scoping.settings")
    os.environ["DATABASE_URL"] = env.text_or_default("DATABASE_URL", DEFAULT_DATABASE_URL)

    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        fail(str(error))

    from django.conf import settings
    from django.core.management import call_command

    if settings.DEBUG:
        fail("DEBUG is on; production never runs with it. Unset DEBUG (or set DEBUG=0).")

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.postgresql":
        ensure_postgres_database(db)
    call_command("migrate", interactive=False, verbosity=1)
    call_command("load_reference_data")
    call_command("load_study_conclusions")
    call_command("prune_logs")
    call_command("collectstatic", interactive=False, verbosity=1)

    from django.db import connections

    connections.close_all()  # gunicorn's workers open their own
    sys.stdout.flush()
    command = [sys.executable, "-m", "gunicorn", "--config", "python:scoping.serving.gunicorn_conf"]
    from scoping.serving.supervisor import supervise

    sys.exit(supervise([*command, *argv], workers=settings.JOB_WORKERS))


if __name__ == "__main__":
    main(sys.argv[1:])
