"""Site configuration: contacts and team names the phrasebook refers to, and line thresholds.

Defaults are the phrasebook's own values.  A TOML file overrides them: ``--config FILE``,
else ``$FAULTDX_CONFIG``, else ``$XDG_CONFIG_HOME/faultdx/config.toml``
(``~/.config/faultdx/config.toml``)::

    [site]
    staff_no = "07"                 # 调度人员XX号
    xinchan_contact = "8xxxxxxx"    # 信产公司 (the phrasebook leaves it XXXXX)

    [line]
    max_attenuation_db = 60
    min_noise_margin_db = 6
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

SITE_DEFAULTS: Mapping[str, str | None] = MappingProxyType({
    "staff_no": None,                       # 一.2, 三.1: the speaker's own number
    "hotline": "81718000",                  # 四.1, 带宽故障类.2
    "port_coordinator": "84352167宋庆南",    # 流程卡单.1
    "resource_centre": "赵老师84396295",     # 流程卡单.6
    "fttb_team": "FTTB项目组",               # 流程卡单.7
    "xinchan_contact": None,                # 宽带新天地.2: the phrasebook gives no number
})

# Not from the phrasebook: common ADSL practice, used only when a ticket gives figures.
LINE_DEFAULTS: Mapping[str, float] = MappingProxyType({
    "max_attenuation_db": 60.0,
    "min_noise_margin_db": 6.0,
})


class ConfigError(ValueError):
    """A configuration file that cannot be used; names the file and the key."""


@dataclass(frozen=True)
class Config:
    site: Mapping[str, str | None] = field(default_factory=lambda: dict(SITE_DEFAULTS))
    line: Mapping[str, float] = field(default_factory=lambda: dict(LINE_DEFAULTS))
    source: str | None = None


def default_path() -> Path:
    if os.environ.get("FAULTDX_CONFIG"):
        return Path(os.environ["FAULTDX_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "faultdx" / "config.toml"


def load_config(path: str | os.PathLike | None = None) -> Config:
    """The site configuration: defaults, overridden by the file at ``path`` (or the default path if it exists)."""
    explicit = path is not None
    target = Path(path) if explicit else default_path()
    if not target.exists():
        if explicit:
            raise ConfigError(f"{target}: no such configuration file")
        return Config()
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{target}: {exc}") from None
    site, line = dict(SITE_DEFAULTS), dict(LINE_DEFAULTS)
    for key, value in data.get("site", {}).items():
        if key not in SITE_DEFAULTS:
            raise ConfigError(f"{target}: [site] {key} is not a known key ({', '.join(SITE_DEFAULTS)})")
        site[key] = str(value)
    for key, value in data.get("line", {}).items():
        if key not in LINE_DEFAULTS or not isinstance(value, (int, float)):
            raise ConfigError(f"{target}: [line] {key} must be one of {', '.join(LINE_DEFAULTS)} with a number")
        line[key] = float(value)
    unknown = set(data) - {"site", "line"}
    if unknown:
        raise ConfigError(f"{target}: unknown section(s) {', '.join(sorted(unknown))}; use [site] and [line]")
    return Config(site=site, line=line, source=str(target))
