import os

import pytest
from click.testing import CliRunner
from hypothesis import settings

from faultdx import Diagnoser
from faultdx.config import Config

# Property tests are deterministic unless asked otherwise: CI must never pass or fail by chance.
# HYPOTHESIS_PROFILE=random runs them with fresh random seeds and more examples (an optional, separate run).
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=60, print_blob=True)
settings.register_profile("random", derandomize=False, database=None, deadline=None, max_examples=300,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def diagnoser():
    """One engine with the phrasebook's default site configuration (not the user's file)."""
    return Diagnoser(Config())


@pytest.fixture
def invoke():
    """Run the command line in-process; an unexpected exception fails the test with its real traceback."""
    from faultdx.cli import main

    def run(*args, **kwargs):
        runner = CliRunner(env={"FAULTDX_TRACEBACK": "1"})
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)
    return run
