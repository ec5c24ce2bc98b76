import pytest

from faultdx import Diagnoser
from faultdx.config import Config


@pytest.fixture(scope="session")
def diagnoser():
    """One engine with the phrasebook's default site configuration (not the user's file)."""
    return Diagnoser(Config())
