"""Site configuration: contacts and team names the phrasebook refers to, and line thresholds.

Defaults are the phrasebook's own values.  A TOML file overrides them: ``--config FILE``,
else ``$FAULTDX_CONFIG`` (a file that must exist), else ``$XDG_CONFIG_HOME/faultdx/config.toml``
(``~/.config/faultdx/config.toml``) if it exists and can be read::

    [site]
    staff_no = "07"                 # 调度人员XX号
    xinchan_contact = "8xxxxxxx"    # 信产公司 (the phrasebook leaves it XXXXX)

    [thresholds]                    # where figures turn into states (faultdx.abstraction)
    max_attenuation_db = 60
    min_noise_margin_db = 6

``[line]`` is still read for the two line thresholds.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from faultdx.display import os_error_text

if TYPE_CHECKING:
    from pathlib import Path

SITE_DEFAULTS: Mapping[str, str | None] = MappingProxyType({
    "staff_no": None,                       # 一.2, 三.1: the speaker's own number
    "hotline": "81718000",                  # 四.1, 带宽故障类.2
    "port_coordinator": "84352167宋庆南",    # 流程卡单.1
    "resource_centre": "赵老师84396295",     # 流程卡单.6
    "fttb_team": "FTTB项目组",               # 流程卡单.7
    "xinchan_contact": None,                # 宽带新天地.2: the phrasebook gives no number
})

# Where figures turn into qualitative states; each default with where it comes from (faultdx.abstraction).
THRESHOLD_DEFAULTS: Mapping[str, float] = MappingProxyType({
    "ping_ms_max": 20.0,            # 五.带宽故障类.1: PING DNS的时延在20MS内算正常
    "loss_pct_max": 5.0,            # 五.带宽故障类.1: 掉包率在5%以下为正常
    "max_attenuation_db": 60.0,     # not from the phrasebook: common ADSL practice (see abstraction.SOURCES)
    "min_noise_margin_db": 6.0,     # not from the phrasebook: common ADSL practice
    "bandwidth_tolerance": 0.025,   # CRM and NMS agree within 2.5 %: 2000K is 2M, 1000M is 1G
    "speed_ok_ratio": 0.9,          # a measured rate at 90 % of the bandwidth reaches it (see abstraction.SOURCES)
    "rx_power_min_dbm": -27.0,      # GPON (ITU-T G.984.2 class B+): receive sensitivity -28 dBm, 1 dB margin
    "rx_power_max_dbm": -8.0,       # GPON class B+: overload -8 dBm
    "forced_redial_minutes": 1380.0,  # drops after about a day online: the operator's periodic re-authentication
})
LINE_DEFAULTS = MappingProxyType({k: THRESHOLD_DEFAULTS[k] for k in ("max_attenuation_db", "min_noise_margin_db")})


_KIND_NAMES = {int: "整数", float: "数", str: "字符串", bool: "布尔值", list: "数组"}


class ConfigError(ValueError):
    """A configuration file that cannot be used; names the file and the key."""


@dataclass(frozen=True)
class Config:
    site: Mapping[str, str | None] = field(default_factory=lambda: dict(SITE_DEFAULTS))
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(THRESHOLD_DEFAULTS))
    source: str | None = None

    @property
    def line(self) -> Mapping[str, float]:
        """The two line thresholds (the former [line] section)."""
        return {k: self.thresholds[k] for k in LINE_DEFAULTS}


def default_path() -> Path | None:
    """$FAULTDX_CONFIG, else $XDG_CONFIG_HOME/faultdx/config.toml or ~/.config/faultdx/config.toml (None if no home)."""
    from pathlib import Path   # here, not at the top: most runs have no site file and never need it (~3 ms)
    if os.environ.get("FAULTDX_CONFIG"):
        return Path(os.environ["FAULTDX_CONFIG"])
    try:
        base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    except RuntimeError:  # no $HOME and no home directory in the password database
        return None
    return Path(base) / "faultdx" / "config.toml"


def _read(target: Path, explicit: bool, origin: str) -> str | None:
    """The file's text; None when an implicit default file is absent or cannot be looked at."""
    try:
        if target.is_dir():
            raise ConfigError(f"{origin}{target}: 是一个目录,不是配置文件")
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        if explicit:
            raise ConfigError(f"{origin}{target}: 配置文件不存在") from None
        return None
    except PermissionError:
        if explicit:
            raise ConfigError(f"{origin}{target}: 没有读取权限") from None
        return None  # e.g. a $HOME that this user may not enter: the defaults apply
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{origin}{target}: 不是 UTF-8 文本({exc.reason},第 {exc.start} 字节)") from None
    except OSError as exc:
        if explicit:
            raise ConfigError(f"{origin}{target}: {os_error_text(exc)}") from None
        return None


def _no_default_file() -> bool:
    """Whether the default file (no --config, no $FAULTDX_CONFIG) is certainly absent: then the defaults apply,
    found without ``pathlib``. Anything else (a file, a directory, no home, an unreadable directory) is left to
    ``default_path`` and ``_read``."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    if base.startswith("~"):  # no home: default_path says what that means
        return False
    try:
        os.stat(os.path.join(base, "faultdx", "config.toml"))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def load_config(path: str | os.PathLike | None = None) -> Config:
    """The site configuration: defaults, overridden by the file at ``path``, else $FAULTDX_CONFIG (which must
    exist), else the default file if there is one.  Raises ConfigError naming the file and key."""
    if path is None and not os.environ.get("FAULTDX_CONFIG") and _no_default_file():
        return Config()
    from pathlib import Path
    if path is not None:
        target, explicit, origin = Path(path), True, ""
    elif os.environ.get("FAULTDX_CONFIG"):
        target, explicit, origin = Path(os.environ["FAULTDX_CONFIG"]), True, "$FAULTDX_CONFIG="
    else:
        target, explicit, origin = default_path(), False, ""
        if target is None:
            return Config()
    text = _read(target, explicit, origin)
    if text is None:
        return Config()
    import tomllib      # only when there is a site file: most runs have none
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        place = f"第 {where.group(1)} 行第 {where.group(2)} 列附近" if where else ""
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"{target}: 不是有效的 TOML,{place}有误(解析器: {detail})") from None
    unknown = set(data) - {"site", "line", "thresholds"}
    if unknown:
        raise ConfigError(f"{target}: 未知的节 {', '.join(sorted(unknown))};只能有 [site] 和 [thresholds]([line] 亦可)")
    site, thresholds = dict(SITE_DEFAULTS), dict(THRESHOLD_DEFAULTS)
    for section in ("site", "line", "thresholds"):
        if not isinstance(data.get(section, {}), dict):
            raise ConfigError(f"{target}: {section} 必须是一个表 [{section}],而不是一个{_KIND_NAMES.get(type(data[section]), '值')}")
    for key, value in data.get("site", {}).items():
        if key not in SITE_DEFAULTS:
            raise ConfigError(f"{target}: [site] {key} 不是已知的键({', '.join(SITE_DEFAULTS)})")
        if not isinstance(value, str):
            raise ConfigError(f"{target}: [site] {key} 必须是字符串(加引号,如 {key} = \"{value}\")")
        site[key] = value
    for section, keys in (("line", LINE_DEFAULTS), ("thresholds", THRESHOLD_DEFAULTS)):
        for key, value in data.get(section, {}).items():
            if key not in keys:
                raise ConfigError(f"{target}: [{section}] {key} 不是已知的键({', '.join(keys)})")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"{target}: [{section}] {key} 必须是有限的数字(不能是 {value!r})")
            thresholds[key] = float(value)
    return Config(site=site, thresholds=thresholds, source=str(target))
