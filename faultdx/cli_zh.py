"""click's own messages (usage, help headings, usage errors) in Chinese, for a Chinese-reading audience.

click looks its messages up through ``gettext``; no Chinese catalogue ships with it, so
``install()`` gives its modules a lookup in ``MESSAGES`` instead (anything not listed stays as
click wrote it).  Option names, command names and values are never translated.
"""
from __future__ import annotations

import gettext
import importlib

MESSAGES = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误: {message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Did you mean {possibility}?": "是不是要用 {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(是不是要用其中之一: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效: {message}",
    "Invalid value: {message}": "值无效: {message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数: {param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing command.": "缺少命令。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Got unexpected extra argument ({args})": "多余的参数 ({args})",
    "Got unexpected extra arguments ({args})": "多余的参数 ({args})",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}: {message}",
    "file": "文件", "directory": "目录", "path": "路径",
    "integer": "整数", "float": "数字",
    "default: {default}": "默认: {default}",
    "Aborted!": "已中止。",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
}
_MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui")


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def _display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (a Chinese character takes two), ANSI codes not counted."""
    from click._compat import strip_ansi
    from wcwidth import wcswidth
    plain = strip_ansi(text)
    width = wcswidth(plain)
    return width if width >= 0 else len(plain)


def install() -> None:
    """Make click's modules look their messages up in MESSAGES, and align help by display width."""
    import click.formatting
    import click.types
    click.formatting.term_len = _display_width
    for kind, name in ((click.types.IntParamType, "整数"), (click.types.IntRange, "整数"),
                       (click.types.FloatParamType, "数字"), (click.types.FloatRange, "数字")):
        kind.name = name  # shown in "'x' 不是有效的整数" and as the metavar in help
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is gettext.gettext:
            module._ = translate
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ntranslate
