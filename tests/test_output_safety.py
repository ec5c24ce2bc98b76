"""Output never destroys (reliability audit, triage output rows): each test is one audit row, run as a user would."""
import csv
import json
import os
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook

from edges import (FAULTDX, big_export, IS_ROOT, SAMPLES, needs_nobody, needs_root, one_clean_line, run, sample_copy, text,
                   world_dir)
from faultdx.output import AtomicOutput, OutputError, check_target

S = SAMPLES / "tickets.csv"


def temporaries(directory):
    return [p.name for p in directory.iterdir() if p.name.startswith(".faultdx-")]


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """20,000 rows made from the sample (the audit's t20k.csv)."""
    path = tmp_path_factory.mktemp("big") / "t20k.csv"
    return big_export(path, 20000)


@pytest.mark.parametrize("target", ["nodir/out.jsonl", "nodir/a/b.csv"])
def test_out_01_02_missing_directory_is_one_line_exit_2(tmp_path, target):
    result = run("triage", S, "-o", tmp_path / target, "-q")
    assert result.returncode == 2
    assert "不存在" in one_clean_line(result)


def test_out_ro_file_root_write_protected_file_is_not_replaced(tmp_path):
    target = tmp_path / "ro.jsonl"
    target.write_text("OLD\n")
    target.chmod(0o444)
    result = run("triage", S, "-o", target, "-q")
    assert result.returncode == 2 and "只读" in one_clean_line(result)
    assert target.read_text() == "OLD\n" and stat.S_IMODE(target.stat().st_mode) == 0o444


@needs_nobody
def test_out_ro_file_user_root_owned_file_in_shared_dir_is_not_replaced(tmp_path):
    shared = world_dir(tmp_path, "shared")
    target = shared / "ro.jsonl"
    target.write_text("OLD\n")
    target.chmod(0o444)
    result = run("triage", S, "-o", target, "-q", user="nobody")
    assert result.returncode == 2 and "只读" in one_clean_line(result)
    assert target.read_text() == "OLD\n" and target.stat().st_uid == 0
    assert temporaries(shared) == []


@needs_nobody
def test_out_ro_dir_user_read_only_directory_is_one_line_exit_2(tmp_path):
    folder = world_dir(tmp_path, "rodir", 0o555)
    result = run("triage", S, "-o", folder / "out.jsonl", "-q", user="nobody")
    assert result.returncode == 2 and "没有写权限" in one_clean_line(result)


@needs_nobody
def test_out_sticky_user_someone_elses_file_in_a_sticky_dir(tmp_path):
    sticky = world_dir(tmp_path, "sticky", 0o1777)
    target = sticky / "out.jsonl"
    target.write_text("OLD\n")
    target.chmod(0o666)
    result = run("triage", S, "-o", target, "-q", user="nobody")
    assert result.returncode == 2 and "粘滞位" in one_clean_line(result)
    assert target.read_text() == "OLD\n" and temporaries(sticky) == []


@needs_nobody
def test_out_devnull_user_throws_the_output_away(tmp_path):
    """-o /dev/null: only the summary is wanted; /dev/null itself stays a device (audit re-run, OUT-DEVNULL)."""
    for options in ([], ["--format", "csv"]):
        result = run("triage", S, *options, "-o", "/dev/null", user="nobody")
        assert result.returncode == 1 and "Traceback" not in result.stderr.decode()  # the sample's bad rows: 1
        assert "工单" in result.stderr.decode() or "行" in result.stderr.decode()   # the summary is shown
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_out_self_the_input_is_never_the_output(tmp_path):
    source = sample_copy(tmp_path)
    before = source.read_bytes()
    result = run("triage", source, "-o", source, "-q")
    assert result.returncode == 2 and "输入文件" in one_clean_line(result)
    assert source.read_bytes() == before
    hard = tmp_path / "hard.csv"
    os.link(source, hard)
    assert run("triage", source, "-o", hard, "-q").returncode == 2  # the same inode by another name


def test_out_perm_replaced_file_keeps_its_mode_and_new_files_follow_the_umask(tmp_path):
    kept = tmp_path / "perm.jsonl"
    kept.write_text("x")
    kept.chmod(0o640)
    assert run("triage", S, "-o", kept, "-q").returncode == 1  # the sample has two bad rows on purpose
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text().startswith("{")
    for umask, mode in (("022", 0o644), ("077", 0o600), ("002", 0o664)):
        new = tmp_path / f"new{umask}.jsonl"
        subprocess.run(["sh", "-c", f'umask {umask}; "$0" triage "$1" -o "$2" -q', FAULTDX, str(S), str(new)])
        assert stat.S_IMODE(new.stat().st_mode) == mode


@needs_root
def test_out_devnode_root_device_fifo_and_symlink_are_never_replaced(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    for target, word in ((device, "字符设备"), (fifo, "FIFO"), (link, "符号链接")):
        result = run("triage", S, "--format", "jsonl", "-o", target, "-q")
        assert result.returncode == 2 and word in one_clean_line(result)
    assert stat.S_ISCHR(device.lstat().st_mode) and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink() and temporaries(tmp_path) == []


def test_out_symlink_is_refused_and_its_target_kept(tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("OLD\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    result = run("triage", S, "-o", link, "-q")
    assert result.returncode == 2 and str(real) in one_clean_line(result)
    assert link.is_symlink() and real.read_text() == "OLD\n"


def test_out_directory_target_is_refused(tmp_path):
    (tmp_path / "d.jsonl").mkdir()
    assert run("triage", S, "-o", tmp_path / "d.jsonl", "-q").returncode == 2


@contextmanager
def mounted_tmpfs(path, options):
    path.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


@needs_root
def test_out_ro_mount_root_read_only_file_system(tmp_path):
    with mounted_tmpfs(tmp_path / "romnt", "ro,size=1m") as folder:
        result = run("triage", S, "-o", folder / "out.jsonl", "-q")
        assert result.returncode == 2 and "所在文件系统只读" in one_clean_line(result)


@needs_root
def test_out_ro_mount_root_existing_file_names_the_file_system_not_its_mode(tmp_path):
    """A writable-mode file on a file system remounted read-only: the file system is the reason (audit re-run)."""
    with mounted_tmpfs(tmp_path / "romnt", "size=1m") as folder:
        (folder / "out.jsonl").write_text("OLD\n")
        if subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        result = run("triage", S, "-o", folder / "out.jsonl", "-q")
        line = one_clean_line(result)
        assert result.returncode == 2 and "所在文件系统只读" in line and "权限" not in line
        assert (folder / "out.jsonl").read_text() == "OLD\n"


@needs_root
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_out_full_disk_keeps_the_old_file_and_leaves_no_temporary(tmp_path, big_csv, fmt):
    with mounted_tmpfs(tmp_path / "full", "size=1m") as folder:
        old = folder / "old.txt"
        old.write_text("OLD\n")
        result = run("triage", big_csv, "-o", old, "--format", fmt, "--jobs", "1", "-q")
        assert result.returncode == 2 and "磁盘空间不足" in one_clean_line(result)
        assert old.read_text() == "OLD\n" and temporaries(folder) == []


@needs_root
def test_out_full_stdout_and_save_on_a_full_disk(tmp_path, big_csv):
    with mounted_tmpfs(tmp_path / "full", "size=1m") as folder:
        with open(folder / "stdout.jsonl", "wb") as stdout:
            result = subprocess.run([FAULTDX, "triage", str(big_csv), "-q", "-j", "1"], stdout=stdout,
                                    stderr=subprocess.PIPE)
        assert result.returncode == 2 and "磁盘空间不足" in one_clean_line(result)
        (folder / "stdout.jsonl").unlink()
        with open(folder / "filler", "wb", buffering=0) as filler:  # fill the disk to the last block
            with pytest.raises(OSError):
                while True:
                    filler.write(b"x" * 4096)
        saved = run("consult", "--error-code", "691", "--save", folder / "c.json", input=b"")
        err = text(saved)[1]
        assert saved.returncode == 2 and "磁盘空间不足" in err and "记录已另存到" in err
        kept = Path(err.split("记录已另存到 ")[1].split()[0])
        assert json.loads(kept.read_text())["answers"] == []  # the consultation is not lost
        kept.unlink()
        assert temporaries(folder) == []


def test_out_devfull_stdout_is_one_line_exit_2():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([FAULTDX, "triage", str(S), "-q"], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2 and "磁盘空间不足" in one_clean_line(result)


@pytest.mark.parametrize("encoding,word", [("bogus", "未知的编码"), ("rot13", "不是文本编码"), ("ascii", "无法写出中文")])
@pytest.mark.parametrize("to_file", [True, False])
def test_out_enc_bad_output_encodings_exit_2_before_anything(tmp_path, encoding, word, to_file):
    args = ["-o", tmp_path / "enc.jsonl"] if to_file else []
    result = run("triage", S, *args, "--output-encoding", encoding, "-q")
    assert result.returncode == 2 and word in one_clean_line(result)
    assert list(tmp_path.iterdir()) == [] and result.stdout == b""


def test_out_xlsx_ext_writes_a_real_workbook_with_chinese_headers(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("工单号,故障现象\n=HYPERLINK(1),用户报691错误\n-2026-001,拨号报678\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert run("triage", source, "-o", out, "-q").returncode == 0
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("工单号", "行号", "状态", "错误", "故障类别", "类别代码")
    assert rows[1][0] == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"  # text, never a formula
    assert rows[2][0] == "-2026-001"  # a real id is kept as it is
    assert rows[1][4] == "拨号认证类" and rows[1][5] == "dial_auth" and rows[1][2] == "正常"
    assert sheet.freeze_panes == "A2"
    assert sheet["H2"].alignment.wrap_text  # the multi-line steps cell wraps


def test_unknown_extension_is_an_error_not_json_lines(tmp_path):
    result = run("triage", S, "-o", tmp_path / "out.html", "-q")
    assert result.returncode == 2 and "--format" in one_clean_line(result)
    assert list(tmp_path.iterdir()) == []


def test_tsv_output_from_the_extension(tmp_path):
    out = tmp_path / "out.tsv"
    run("triage", S, "-o", out, "-q")
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline=""), delimiter="\t"))
    assert rows[0][:3] == ["工单号", "行号", "状态"] and len(rows) == 40


def test_out_epipe_a_closed_pipe_ends_quietly(big_csv):
    pipeline = subprocess.run(f'"{FAULTDX}" triage "{big_csv}" --jobs 1 -q | head -1 > /dev/null; '
                              'echo "${PIPESTATUS[0]}"', shell=True, executable="/bin/bash", capture_output=True)
    assert pipeline.stdout.decode().strip() == "141" and pipeline.stderr == b""


def test_atomic_output_removes_its_temporary_on_any_exception(tmp_path):
    target = tmp_path / "x.jsonl"
    target.write_text("OLD")
    with pytest.raises(ZeroDivisionError):
        with AtomicOutput(str(target)) as stream:
            stream.write("new")
            1 / 0
    assert target.read_text() == "OLD" and temporaries(tmp_path) == []


def test_an_error_of_another_file_is_not_called_a_write_failure_of_the_output(tmp_path):
    target = tmp_path / "x.jsonl"
    target.write_text("OLD")
    with pytest.raises(FileNotFoundError) as raised:   # e.g. an input a Dask worker found gone
        with AtomicOutput(str(target)) as stream:
            stream.write("new")
            open(tmp_path / "gone.csv")
    assert not isinstance(raised.value, OutputError) and raised.value.filename == str(tmp_path / "gone.csv")
    assert target.read_text() == "OLD" and temporaries(tmp_path) == []


def test_a_write_error_of_the_output_names_the_output(tmp_path):
    target = tmp_path / "x.jsonl"
    with pytest.raises(OutputError, match="x.jsonl: 写入失败"):
        with AtomicOutput(str(target)) as stream:
            stream.write("new")
            raise OSError(28, "No space left on device")   # what a full disk raises on write: no file named
    assert not target.exists() and temporaries(tmp_path) == []


def test_check_target_refuses_an_empty_name():
    with pytest.raises(OutputError):
        check_target("")


@pytest.mark.skipif(IS_ROOT, reason="as root every file is writable")
def test_unwritable_file_for_a_plain_user(tmp_path):
    target = tmp_path / "ro.jsonl"
    target.write_text("OLD")
    target.chmod(0o444)
    with pytest.raises(OutputError):
        check_target(str(target))
