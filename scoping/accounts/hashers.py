"""How passwords are stored: Argon2id, at OWASP's recommended minimum.

Django 5.2's default, PBKDF2-SHA256 with 1,000,000 iterations, takes all its
strength from CPU time: about 0.4 s of one core per sign-in here, so fifty
people signing in at once hold a two-core server for ten seconds
(docs/performance.md). Argon2id, the Password Hashing Competition's winner and
Django's documented first choice, is memory-hard: each guess needs its own
19 MiB, which is what makes GPU and ASIC guessing expensive, so it needs far
less CPU for at least the same resistance. The parameters are the first of the
OWASP Password Storage Cheat Sheet's equivalent configurations (m=19 MiB, t=2,
p=1): about 40 ms per sign-in here.

Passwords stored with an earlier hasher (PBKDF2, or Argon2 with other
parameters) still sign in, and are re-hashed with this one when they do
(``PASSWORD_HASHERS`` in scoping/settings.py).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, 2 passes, 1 lane (OWASP's minimum configuration)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
