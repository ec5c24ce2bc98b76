"""Configuration files that cannot be used exit 2 naming the file and key (reliability audit CFG-*)."""
import os

import pytest

from edges import IS_ROOT, SETPRIV, needs_nobody, one_clean_line, run, world_dir
from faultdx.config import ConfigError, load_config


@pytest.mark.parametrize("body,key", [
    ('[site]\nstaff_no = 7\n', "staff_no"), ('[site]\nhotline = [1, 2]\n', "hotline"),
    ('[site]\nstaff_no = {a = 1}\n', "staff_no"), ('[site]\nstaff_no = true\n', "staff_no"),
    ('[line]\nmax_attenuation_db = true\n', "max_attenuation_db"),
    ('[line]\nmax_attenuation_db = nan\n', "max_attenuation_db"),
    ('[line]\nmin_noise_margin_db = -inf\n', "min_noise_margin_db"),
    ('[line]\nmax_attenuation_db = "sixty"\n', "max_attenuation_db"),
    ('site = 3\n', "site"), ('line = "x"\n', "line"), ('[site]\nbogus = "x"\n', "bogus"),
    ('[other]\na = 1\n', "other")])
def test_cfg_wrong_types_and_shapes_exit_2_naming_the_key(tmp_path, body, key):
    config = tmp_path / "c.toml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=key):
        load_config(config)
    result = run("--config", config, "rules")
    assert result.returncode == 2 and key in one_clean_line(result) and str(config) in result.stderr.decode()


def test_cfg_good_values_are_used(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[site]\nstaff_no = "07"\n[line]\nmax_attenuation_db = 55\n', encoding="utf-8")
    loaded = load_config(config)
    assert loaded.site["staff_no"] == "07" and loaded.line["max_attenuation_db"] == 55.0


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_cfg_env_missing_or_directory_is_exit_2(tmp_path, kind):
    target = tmp_path / "c.toml"
    if kind == "directory":
        target.mkdir()
    result = run("rules", env={"FAULTDX_CONFIG": str(target)})
    assert result.returncode == 2 and "FAULTDX_CONFIG" in one_clean_line(result)


@needs_nobody
def test_cfg_env_unreadable_is_exit_2(tmp_path):
    folder = world_dir(tmp_path, "cfg")
    target = folder / "c.toml"
    target.write_text("[site]\n")
    target.chmod(0)
    result = run("rules", env={"FAULTDX_CONFIG": str(target), "HOME": str(folder)}, user="nobody")
    assert result.returncode == 2 and "没有读取权限" in one_clean_line(result)


@needs_nobody
def test_cfg_home_noaccess_uses_the_defaults(tmp_path):
    home = world_dir(tmp_path, "roothome", 0o700)  # root's, and nobody may not enter it
    (home / ".config" / "faultdx").mkdir(parents=True)
    (home / ".config" / "faultdx" / "config.toml").write_text("[site]\n")
    env = {k: v for k, v in os.environ.items() if k not in ("FAULTDX_CONFIG", "XDG_CONFIG_HOME")}
    env["HOME"] = str(home)
    result = run("rules", env=env, user="nobody")
    assert result.returncode == 0 and b"AUTH-691" in result.stdout


def test_config_after_the_subcommand(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[site]\nxinchan_contact = "87654321"\n', encoding="utf-8")
    args = ["--service", "iptv", "--complaint", "认证失败", "--bims-account-ok", "yes"]
    after = run("diagnose", *args, "--config", config)
    before = run("--config", config, "diagnose", *args)
    assert after.returncode == before.returncode == 0
    assert "87654321" in after.stdout.decode() and after.stdout == before.stdout


def test_config_missing_given_explicitly(tmp_path):
    result = run("--config", tmp_path / "nope.toml", "rules")
    assert result.returncode == 2 and "不存在" in one_clean_line(result)


@pytest.mark.skipif(not IS_ROOT or not SETPRIV, reason="needs root and setpriv")
def test_cfg_unreadable_user_given_explicitly(tmp_path):
    folder = world_dir(tmp_path, "cfg2")
    target = folder / "c.toml"
    target.write_text("[site]\n")
    target.chmod(0)
    result = run("--config", target, "rules", user="nobody")
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
