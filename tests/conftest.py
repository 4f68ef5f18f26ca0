"""Test-wide settings: hypothesis runs few enough examples to keep `make test` quick, and
no deadline, because the machines that run the suite are shared and their timing is noisy."""

from hypothesis import settings

settings.register_profile("gradschool", max_examples=40, deadline=None)
settings.load_profile("gradschool")
