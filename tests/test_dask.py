"""Triage on a Dask cluster (issue 13), on a 2-worker LocalCluster: the same records, in the same order, and the
same summary as single-machine triage, on the sample exports, on tricky CSV cut into many partitions and on a
generated 100,000-row export with many distinct fact sets; a worker killed mid-run changes nothing; Dask
collections in (DataFrame, Bag) give the same records; the command line's --dask."""
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
import dask.bag  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from faultdx import distributed as fdx  # noqa: E402
from faultdx.config import Config  # noqa: E402
from faultdx.tickets import InputError, read_rows  # noqa: E402
from faultdx.triage import StrictStop, triage  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import exports  # noqa: E402  (the benchmarks' seeded generators)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "samples" / name for name in ("tickets.csv", "tickets-gbk.csv", "tickets.jsonl", "tickets.xlsx")]
TRICKY = ('工单号,故障现象,处理过程\nA1,"用户报691\n错误",帐号在线\r\nA2,"网速慢 ""4M""",CRM为4M,网管为2M\r'
          'A3,,\n\nA4,"未闭合,光猫LOS红灯\nA5,掉线,"ping 200ms\n丢包10%"\nA6,只有一列\nA7,"x",y,z\n')


@pytest.fixture(scope="module")
def client():
    with fdx.connect(None, 2) as client:
        yield client


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A 100,000-row realistic export and what single-machine triage (2 worker processes) makes of it."""
    path = tmp_path_factory.mktemp("big") / "realistic.csv"
    exports.generate(str(path), 100_000, "realistic")
    text, summary = plain(path, jobs=2)
    return path, text, summary


def plain(path, fmt="jsonl", **options):
    out = io.StringIO()
    summary = triage(str(path), out, fmt=fmt, config=Config(), **options)
    return out.getvalue(), comparable(summary)


def on_dask(client, paths, fmt="jsonl", **options):
    out = io.StringIO()
    summary = fdx.triage_files(client, [str(p) for p in paths], out, fmt=fmt, config=Config(), **options)
    return out.getvalue(), comparable(summary)


def comparable(summary):
    data = summary.to_dict()
    for key in ("seconds", "rows_per_second", "output"):
        del data[key]
    return data


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_samples_give_the_same_records_and_summary(client, path):
    want = plain(path)
    assert on_dask(client, [path]) == want
    assert on_dask(client, [path], blocksize=200) == want  # many partitions
    assert want[1]["by_status"]["error"]["count"] > 0  # bad rows are error records, not failed tasks


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_quoted_cells_over_lines_cut_into_many_partitions(client, tmp_path, fmt):
    path = tmp_path / "tricky.csv"
    path.write_text(TRICKY * 20, encoding="gb18030")
    want = plain(path, fmt)
    assert want[1]["errors"] and want[1]["rows"] > 100
    for blocksize in (7, 100):  # every byte as a cut: tests/test_dask_split.py
        assert on_dask(client, [path], fmt, blocksize=blocksize) == want


def test_several_files_make_one_output_in_order(client, tmp_path):
    text = "".join(plain(p)[0] for p in SAMPLES)
    got, summary = on_dask(client, SAMPLES, blocksize=500)
    assert got == text
    assert summary["rows"] == sum(plain(p)[1]["rows"] for p in SAMPLES)


def test_the_100k_export_gives_the_same_records_and_summary(client, big):
    path, text, summary = big
    assert len(text.splitlines()) == 100_000
    assert len(set(json.dumps(json.loads(line)["facts"], sort_keys=True) for line in text.splitlines())) > 10_000
    assert on_dask(client, [path]) == (text, summary)


def test_a_worker_killed_mid_run_changes_nothing(client, big):
    path, text, summary = big
    before = set(client.run(os.getpid).values())
    killed = []

    def kill_one(rows, done, total):
        if not killed:  # after the first partition is done, while the others run
            address, pid = sorted(client.run(os.getpid).items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append((rows, done, total))
    got = on_dask(client, [path], blocksize=256 << 10, progress=kill_one)
    assert killed and killed[0][1] < killed[0][2] / 4  # the kill came early: most of the work was still to do
    assert got == (text, summary)
    client.wait_for_workers(2, timeout=60)  # the nanny started a new worker
    assert len(set(client.run(os.getpid).values()) - before) == 1


def test_strict_stops_at_the_same_first_bad_row(client, tmp_path):
    path = tmp_path / "tricky.csv"
    path.write_text(TRICKY, encoding="utf-8")
    with pytest.raises(StrictStop) as single:
        plain(path, strict=True)
    with pytest.raises(StrictStop) as dask_run:
        on_dask(client, [path], strict=True, blocksize=16)
    assert str(dask_run.value) == str(single.value)


def test_a_header_problem_is_the_same_error_before_any_row(client):
    with pytest.raises(InputError) as single:
        plain(SAMPLES[0], mapping={"description": "没有这列"})
    with pytest.raises(InputError) as dask_run:
        on_dask(client, [SAMPLES[0]], mapping={"description": "没有这列"})
    assert str(dask_run.value) == str(single.value)


def test_the_summary_only_run_counts_the_same(client):
    summary = fdx.triage_files(client, [str(SAMPLES[0])], None, config=Config())
    assert comparable(summary) == plain(SAMPLES[0])[1]


def records_of(path):
    return [json.loads(line) for line in plain(path)[0].splitlines()]


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    path = tmp_path_factory.mktemp("realistic") / "realistic.csv"
    exports.generate(str(path), 600, "realistic")
    return path


def test_a_dataframe_of_tickets_gives_a_dataframe_of_the_same_records(client, realistic):
    rows = read_rows(str(realistic))
    frame = pd.DataFrame([cells for _, cells in rows.rows], columns=rows.header, dtype=object)
    frame.loc[5, "处理过程"] = None  # a missing value is an empty cell
    path = realistic.with_name("edited.csv")
    records = fdx.triage_frame(dd.from_pandas(frame, npartitions=7), source=str(path))
    assert list(records.columns) == list(fdx.RECORD_COLUMNS) and dict(records.dtypes) == dict(fdx.record_meta().dtypes)
    got = records.compute()
    assert dict(got.dtypes) == dict(fdx.record_meta().dtypes) and list(got.index) == list(frame.index)
    frame.loc[5, "处理过程"] = ""
    frame.to_csv(path, index=False)
    want = records_of(path)
    assert [{k: v for k, v in r.items() if v is not None or k != "lint"} for r in got.to_dict("records")] == \
        [{k: v for k, v in r.items() if k != "lint" or v is not None} for r in want]


def test_a_dataframe_read_by_dask_from_csv_gives_the_records_of_the_file(client, realistic):
    tickets = dd.read_csv(str(realistic), dtype=str, keep_default_na=False, blocksize=20_000)
    assert tickets.npartitions > 3
    got = fdx.triage_frame(tickets, source=str(realistic)).compute().to_dict("records")
    assert got == records_of(realistic)


def test_a_dataframe_missing_every_text_column_is_an_error_now():
    frame = dd.from_pandas(pd.DataFrame({"x": ["1"]}), npartitions=1)
    with pytest.raises(InputError, match="找不到故障描述"):
        fdx.triage_frame(frame)


def test_a_bag_of_dicts_gives_the_same_records_as_json_lines(client, tmp_path):
    rows = [json.loads(line) for line in (ROOT / "samples" / "tickets.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("{")]
    rows = rows * 3
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    got = fdx.triage_bag(dask.bag.from_sequence(rows + ["不是字典"], npartitions=5), source=str(path)).compute()
    assert got[:-1] == records_of(path)
    assert got[-1]["status"] == "error" and got[-1]["row"] == len(rows) + 1


# --- the command line -------------------------------------------------------------------------

def test_the_command_line_on_a_cluster_address(invoke, client, tmp_path):
    out = tmp_path / "out.jsonl"
    result = invoke("triage", SAMPLES[0], "--dask", client.scheduler.address, "-o", out)
    assert result.exit_code == 1  # some rows are errors, as without --dask
    assert out.read_text(encoding="utf-8") == plain(SAMPLES[0])[0]
    assert "Dask: 2 个工作进程" in result.stderr and "共 39 行" in result.stderr


def test_the_summary_only_on_a_cluster_is_the_summary_without_it(invoke, client):
    def summary(*args):
        result = invoke("triage", SAMPLES[3], "--summary-only", "--format", "json", *args)
        assert result.exit_code == 1, result.stderr
        data = json.loads(result.stdout)
        return {k: v for k, v in data.items() if k not in ("seconds", "rows_per_second")}
    assert summary("--dask", client.scheduler.address) == summary()


def test_one_output_file_per_input(invoke, client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    inputs = {f"x{n}-{sample.name}": sample for n, sample in enumerate(SAMPLES)}
    for name, sample in inputs.items():
        (folder / name).write_bytes(sample.read_bytes())
    result = invoke("triage", str(folder / "x*"), "--dask", client.scheduler.address, "--output-dir",
                    tmp_path / "out", "--format", "csv", "-q")
    assert result.exit_code == 1, result.stderr
    assert sorted(os.listdir(tmp_path / "out")) == sorted(Path(name).stem + ".csv" for name in inputs)
    for name in inputs:
        want = plain(folder / name, "csv")[0]
        assert (tmp_path / "out" / (Path(name).stem + ".csv")).read_bytes().decode("utf-8-sig") == want


def test_inputs_whose_outputs_would_clash_are_refused_before_anything_is_written(invoke, client, tmp_path):
    for sample in SAMPLES[0], SAMPLES[2]:  # tickets.csv and tickets.jsonl: both tickets.jsonl
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    result = invoke("triage", str(tmp_path / "tickets.*"), "--dask", client.scheduler.address, "--output-dir",
                    tmp_path / "out")
    assert result.exit_code == 2 and "都会写到" in result.stderr
    assert os.listdir(tmp_path / "out") == []


def test_dask_with_no_address_starts_a_local_cluster_and_takes_the_file_after_it(invoke, tmp_path):
    out = tmp_path / "out.csv"
    result = invoke("triage", "--dask", SAMPLES[1], "--jobs", "1", "-o", out)
    assert result.exit_code == 1, result.stderr
    assert out.read_bytes().decode("utf-8-sig") == plain(SAMPLES[1], "csv")[0]
    assert "Dask: 1 个工作进程" in result.stderr


def test_local_workers_are_forked_built_and_not_from_a_faultdx_folder_in_the_current_directory(tmp_path):
    """The LocalCluster's workers come from a fork server that built the lexicon and the rule network once
    (faultdx._prebuild); Python starts that server with the current directory first on its path, so a folder
    named faultdx there (a source checkout) must not be what the workers run."""
    for name in ("faultdx", "distributed"):
        (tmp_path / "cwd" / name).mkdir(parents=True)
        (tmp_path / "cwd" / name / "__init__.py").write_text("raise ImportError('the decoy was imported')\n")
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\nfrom faultdx import distributed as fdx\n"
        "if __name__ == '__main__':\n"
        "    with fdx.connect(None, 1) as client:\n"
        "        print(list(client.run(lambda: [__import__('faultdx').__file__, 'faultdx._prebuild' in sys.modules,"
        " 'faultdx.reader' in sys.modules]).values()))\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONSAFEPATH"}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path / "cwd", env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    import faultdx
    assert eval(done.stdout) == [[faultdx.__file__, True, True]]


def test_local_workers_run_the_faultdx_of_the_command_where_the_fork_server_finds_another(tmp_path):
    """A caller that put another faultdx first on sys.path (a copy here) gets workers that run that one too."""
    import shutil
    import faultdx
    source = Path(faultdx.__file__).resolve().parent
    copy = tmp_path / "pkg" / "faultdx"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "rules"))
    shutil.copytree(Path(faultdx.rules.__file__).resolve().parent, copy / "rules",
                    ignore=shutil.ignore_patterns("__pycache__"))
    script = tmp_path / "probe.py"
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(copy.parent)!r})\nfrom faultdx import distributed as fdx\n"
        "if __name__ == '__main__':\n"
        "    with fdx.connect(None, 1) as client:\n"
        "        print(list(client.run(lambda: __import__('faultdx').__file__).values()))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert eval(done.stdout) == [str(copy / "__init__.py")]


def test_without_dask_installed_the_option_says_how_to_install_it(invoke, monkeypatch, tmp_path):
    monkeypatch.setattr(fdx, "_MISSING", ImportError("No module named 'distributed'"))
    result = invoke("triage", SAMPLES[0], "--dask", "-o", tmp_path / "x.jsonl")
    assert result.exit_code == 2
    assert result.stderr.strip() == "faultdx: 错误: --dask 需要 Dask,请先安装: pip install 'faultdx[dask]'"
    assert not (tmp_path / "x.jsonl").exists()


@pytest.mark.parametrize("args, message", [
    (["-", "--dask"], "读不到标准输入"),
    ([str(SAMPLES[0]), str(SAMPLES[2])], "只能与 --dask 一起使用"),
    ([str(SAMPLES[0]), "--blocksize", "4M"], "只能与 --dask 一起使用"),
    ([str(SAMPLES[0]), "--dask", "--blocksize", "4X"], "--blocksize '4X'"),
])
def test_usage_problems_are_one_line(invoke, args, message):
    result = invoke("triage", *args)
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_run_keeps_the_old_output_and_leaves_no_process(big, tmp_path, signum, status):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    command = [sys.executable, "-m", "faultdx", "triage", str(big[0]), "--dask", "--jobs", "2", "-o", str(out)]
    temporary = tmp_path.parent / f"{tmp_path.name}-tmp"   # the workers' shared templates go here
    temporary.mkdir()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=tmp_path,
                               env={**os.environ, "TMPDIR": str(temporary)})
    assert process.stderr.readline().startswith("Dask: 2 个工作进程")  # the cluster is up
    assert process.stderr.readline().startswith("分诊进度")  # a partition is written, the others are running
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C goes to the whole process group
    else:
        process.send_signal(signum)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == status, rest
    assert "已中断" in rest and "Traceback" not in rest
    assert out.read_text(encoding="utf-8") == "old\n" and os.listdir(tmp_path) == ["out.jsonl"]
    deadline = time.monotonic() + 10
    while alive_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive_in_group(process.pid)
    assert [p for p in os.listdir(temporary) if p.startswith("faultdx-templates-")] == []


def alive_in_group(group: int) -> list[int]:
    """Processes of the process group that are still running (not zombies waiting for init)."""
    alive = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry))
    return alive
