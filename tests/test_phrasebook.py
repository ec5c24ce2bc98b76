from pathlib import Path

import pytest

from faultdx.phrasebook import AUDIENCES, load_phrasebook

SPEC = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "phrasebook-zh.txt"


def spec_text():
    if not SPEC.exists():
        pytest.skip(f"spec not found at {SPEC}")
    return SPEC.read_text("utf-8").replace("\n", "")


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
