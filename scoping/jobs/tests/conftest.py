from scoping.jobs.tests.worker_process import worker_database

__all__ = ["worker_database"]
