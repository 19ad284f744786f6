"""Long work off the web request: jobs a user can watch, on the queue in the app's database.

The queue is the Django Tasks API (``django_tasks``, the backport of Django 6's
``django.tasks``) with the database backend (``django_tasks_db``): every worker on every
machine takes tasks from the same table. A ``Job`` is what a user sees of one piece of
work: who asked, what, its state, progress as done-of-total with a unit, a message, and
its result (a link, or a file kept ``JOB_FILES_DAYS`` days).

- ``models``: jobs, their result files, worker heartbeats and the named locks.
- ``services``: starting, cancelling, failing jobs whose worker stopped, pruning.
- ``running``: what a task does around its work (state, progress, errors, cancel).
- ``locks``: one job at a time for work that must not overlap (two imports).
- ``worker``: the worker process (``manage.py run_worker``): django_tasks_db's worker
  with a heartbeat.
- ``views``, ``urls``, ``admin``: the job pages (``/jobs/``) and the staff's list.

A feature declares its work as a task in its own room (``@task(takes_context=True)``)
whose body calls ``running.job_run``, and starts it with ``services.job_start``.
"""
