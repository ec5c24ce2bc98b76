"""`faultdx eval` on the development corpus: the reader and the rules cannot silently get worse.

The floors sit a little below what this build measures (see README "Reading real tickets"); raise them when the
reader improves.  The sample rows (the phrasebook's own wording) must stay near perfect.
"""
import csv
import json
from pathlib import Path

from click.testing import CliRunner

from faultdx.cli import main
from faultdx.evaluate import compare, evaluate, load_corpus
from faultdx import Case

CORPUS = str(Path(__file__).resolve().parents[1] / "corpus" / "tickets.csv")   # from any working directory


def test_the_corpus_is_well_formed_and_large_enough():
    rows = load_corpus(CORPUS)
    result = evaluate(rows)
    assert result.errors == []
    real = [r for r in rows if r["split"] in ("dev", "holdout")]
    assert len(real) >= 150 and all(r["source"].strip() for r in real)
    assert len({r["id"] for r in rows}) == len(rows)
    with open(CORPUS, encoding="utf-8", newline="") as stream:   # a comma unquoted in a note makes a field too many
        lengths = {len(fields) for fields in csv.reader(stream)}
    assert lengths == {9}, lengths


def test_floors_on_the_development_split():
    # recall 0.82 → 0.815 on 2026-11-26: the label review (corpus/README.md) added facts the text states, and the same
    # build then measures 81.998 % instead of 82.03 %; no code change lowered it. Precision 0.875 → 0.90 and recall
    # → 0.82 on 2026-11-26 (branch prec3: 91.1 % and 82.8 %, with the label review 2026-11-26b); recall → 0.845 on
    # 2026-11-26 (branch rec4: 85.1 %, precision 91.3 %); precision 0.90 → 0.941 on 2026-11-26 (branch prec4: 743 facts
    # right, 45 wrong = 94.29 %, one more wrong fact is 94.17 %; label review 2026-11-26c)
    # accuracy 0.81 → 0.83 on 2026-11-26 (83.5 %): families that explain another's symptoms (Category.over) and an
    # IPTV/VPN service fault with no symptom filed under its service; the likely-family figure must not fall below it;
    # → 0.855 on 2026-11-26 (branch cat4: 85.5 %): a cut or stolen cable and a telecom service down are a line that is
    # down, a telephone outage is no broadband case, 651 after authentication failures is dial_auth
    # Rounds 5 and 6 (R801-, R901-: 65 and 56 dev rows, fresh) lowered the whole split (83.3 / 92.9 / 84.7 % with round 5,
    # 79.9 / 91.5 / 82.9 % with both, 81.0 / 91.4 / 83.6 % after the VPN clients and round 6's fixes): the floors below
    # are for the whole split; the ones above are kept for the rows
    # before them (next test). Round 7 (R1001-: 39 dev rows, kept out one session as an untouched measurement, 38.5 % of
    # its dev rows placed right) lowered the whole split again: 78.1 / 90.0 / 82.0 % when it was added, 79.9 / 90.7 /
    # 82.9 % after round 7's fixes and label review 2026-11-26f
    result = evaluate(load_corpus(CORPUS), split="dev")
    assert result.accuracy >= 0.795 and result.precision() >= 0.905 and result.recall() >= 0.825, result.to_dict()
    assert result.accuracy_with_candidates >= result.accuracy + 0.002, result.to_dict()


def test_the_rows_tuned_on_before_round_7_keep_the_floors_the_whole_split_had():
    """Round 7 (R1001-) was added unseen; the rows before it keep the whole split's floors of before (81.0 / 91.4 / 83.6 %)."""
    rows = [r for r in load_corpus(CORPUS) if not r.get("note", "").startswith("round 7")]
    result = evaluate(rows, split="dev")
    assert result.accuracy >= 0.805 and result.precision() >= 0.91 and result.recall() >= 0.83, result.to_dict()


def test_the_rows_tuned_on_before_round_5_keep_their_floors():
    """Rounds 5 to 7 (R801-, R901-, R1001-) were added unseen and lowered the dev figures; the rows before them must not
    fall."""
    rows = [r for r in load_corpus(CORPUS) if not r.get("note", "").startswith(("round 5", "round 6", "round 7"))]
    result = evaluate(rows, split="dev")   # 85.8 / 94.2 / 86.8 % (recall 85.7 → 86.8: label review 2026-11-26e)
    assert result.accuracy >= 0.855 and result.precision() >= 0.941 and result.recall() >= 0.86, result.to_dict()


def test_the_rows_tuned_on_before_round_4_keep_their_floors():
    """Round 4 (R622-) was added unseen and lowered the dev figures; the rows before it must not fall."""
    rows = [r for r in load_corpus(CORPUS) if not r.get("note", "").startswith(("round 4", "round 5", "round 6", "round 7"))]
    result = evaluate(rows, split="dev")   # 87.1 / 94.3 / 86.5 %
    assert result.accuracy >= 0.865 and result.precision() >= 0.94 and result.recall() >= 0.86, result.to_dict()


def test_the_phrasebooks_own_wording_is_read_almost_perfectly():
    result = evaluate(load_corpus(CORPUS), split="sample")
    assert result.accuracy == 1.0 and result.precision() >= 0.95 and result.recall() >= 0.95


def test_compare_counts_items_and_figures_with_a_tolerance():
    expected = Case.from_values(complaints="网速慢,掉线", plan_bw="300M", measured_bw="80M")
    predicted = Case.from_values(complaints="网速慢", plan_bw="300M", measured_bw="82M", router=True)
    matched, missed, wrong = compare(expected, predicted)
    assert matched == {"complaints": ["slow"], "plan_bw": [300.0], "measured_bw": [80.0]}
    assert missed == {"complaints": ["periodic_drop"]} and wrong == {"router": [True]}


def test_eval_command_exits_1_below_a_floor():
    ok = CliRunner().invoke(main, ["eval", CORPUS, "--split", "sample", "--min-accuracy", "0.9"])
    assert ok.exit_code == 0 and "类别准确率 100.0%" in ok.output
    below = CliRunner().invoke(main, ["eval", CORPUS, "--split", "dev", "--min-accuracy", "0.99", "--format", "json"])
    assert below.exit_code == 1 and json.loads(below.output)["rows"] > 0
