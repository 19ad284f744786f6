"""Two-factor sign-in: an authenticator app's code (TOTP) and one-time backup codes,
with django-otp. Required of the Interview team and of anyone who may read interview data
when ``TWO_FACTOR_REQUIRED`` is on (production); offered to everyone else."""
