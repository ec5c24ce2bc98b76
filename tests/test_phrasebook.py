from pathlib import Path

import pytest

from faultdx.phrasebook import AUDIENCES, load_phrasebook

# The phrasebook ships inside the package (rules/phrasebook-zh.txt); the tests read that
# copy so they run on any machine. The shared original, when this checkout sits beside
# it, must be the same text.
BUNDLED = Path(__file__).resolve().parents[1] / "rules" / "phrasebook-zh.txt"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "phrasebook-zh.txt"


def spec_text():
    return BUNDLED.read_text("utf-8").replace("\n", "")


def test_bundled_phrasebook_is_the_installed_one():
    from faultdx.catalogue import spec_text as installed_text

    assert installed_text() == BUNDLED.read_text("utf-8")


def test_bundled_phrasebook_matches_the_shared_spec():
    if not SHARED.exists():
        pytest.skip(f"shared spec not beside this checkout ({SHARED})")
    assert BUNDLED.read_bytes() == SHARED.read_bytes()


@pytest.mark.parametrize("phrase_id", list(load_phrasebook()))
def test_phrase_is_verbatim_from_the_spec(phrase_id):
    phrase = load_phrasebook()[phrase_id]
    assert phrase.spec_text() in spec_text()


def test_every_phrase_has_audience_and_situation():
    for phrase in load_phrasebook().values():
        assert phrase.audience in AUDIENCES and phrase.situation


def test_render_fills_and_reports_missing():
    phrase = load_phrasebook()["bw.3"]
    text, missing = phrase.render({"crm_bw": "4M", "nms_bw": "2M"})
    assert "CRM为4M,网管为2M" in text and missing == ["mismatch"]
