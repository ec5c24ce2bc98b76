"""Site configuration: contacts and team names the phrasebook refers to, and line thresholds.

Defaults are the phrasebook's own values.  A TOML file overrides them: ``--config FILE``,
else ``$FAULTDX_CONFIG``, else ``$XDG_CONFIG_HOME/faultdx/config.toml``
(``~/.config/faultdx/config.toml``)::

    [site]
    staff_no = "07"                 # 调度人员XX号
    xinchan_contact = "8xxxxxxx"    # 信产公司 (the phrasebook leaves it XXXXX)

    [thresholds]                    # where figures turn into states (faultdx.abstraction)
    max_attenuation_db = 60
    min_noise_margin_db = 6

``[line]`` is still read for the two line thresholds.
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
    site, thresholds = dict(SITE_DEFAULTS), dict(THRESHOLD_DEFAULTS)
    for key, value in data.get("site", {}).items():
        if key not in SITE_DEFAULTS:
            raise ConfigError(f"{target}: [site] {key} is not a known key ({', '.join(SITE_DEFAULTS)})")
        site[key] = str(value)
    for section, keys in (("line", LINE_DEFAULTS), ("thresholds", THRESHOLD_DEFAULTS)):
        for key, value in data.get(section, {}).items():
            if key not in keys or not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ConfigError(f"{target}: [{section}] {key} must be one of {', '.join(keys)} with a number")
            thresholds[key] = float(value)
    unknown = set(data) - {"site", "line", "thresholds"}
    if unknown:
        raise ConfigError(f"{target}: unknown section(s) {', '.join(sorted(unknown))}; use [site] and [thresholds]")
    return Config(site=site, thresholds=thresholds, source=str(target))
