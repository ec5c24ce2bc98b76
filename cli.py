"""The faultdx command line: parses options, calls the library, prints."""
from __future__ import annotations

import json
import sys

import click
from tabulate import tabulate

from faultdx import Case, Diagnoser, FactError, extract_values, rule_catalogue
from faultdx.config import ConfigError, load_config
from faultdx.facts import FIELD_NAMES, VOCABULARY
from faultdx.render import FIELD_LABELS, format_text

MULTI = {"error_codes": "--error-code", "complaints": "--complaint"}


def option_name(field: str) -> str:
    return MULTI.get(field) or "--" + field.replace("_", "-")


def _help(field: str) -> str:
    vocabulary = {"complaints": "complaint"}.get(field, field)
    if vocabulary in VOCABULARY:
        return f"{FIELD_LABELS[field]}: " + ", ".join(f"{k}/{v[0]}" for k, v in VOCABULARY[vocabulary].items())
    return FIELD_LABELS[field]


def case_options(function):
    """One option per case field (``--account-status``, ``--crm-bw`` …), plus ``--text``."""
    for field in reversed(FIELD_NAMES):
        function = click.option(option_name(field), field, multiple=field in MULTI, help=_help(field))(function)
    return click.option("--text", "-t", help="free ticket text, e.g. '用户报691错误,帐号在线'")(function)


def fail(message: str) -> None:
    """One line on stderr and exit status 2 (usage or unreadable input)."""
    click.echo(f"faultdx: error: {message}", err=True)
    sys.exit(2)


def build_case(text: str | None, options: dict) -> Case:
    """Facts from the text, overridden by explicit options; a bad value exits 2 naming its option."""
    values = extract_values(text) if text else {}
    values.update({k: v for k, v in options.items() if v not in (None, ())})
    try:
        return Case.from_values(values)
    except FactError as exc:
        fail(f"{option_name(exc.field)}: {exc.value!r} is not valid; accepted: {exc.accepted}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="site configuration (TOML); default $FAULTDX_CONFIG or ~/.config/faultdx/config.toml")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """faultdx: broadband fault diagnosis for support engineers and dispatch staff."""
    try:
        ctx.obj = load_config(config_path)
    except ConfigError as exc:
        fail(str(exc))


@main.command()
@case_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--why", is_flag=True, help="show the rules that fired and the facts that made them fire")
@click.pass_obj
def diagnose(config, text, fmt, why, **options):
    """Diagnose one case from options and/or free text."""
    result = Diagnoser(config).diagnose(build_case(text, options))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result, why=why))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rules_command(fmt):
    """List every rule of the knowledge base with its id and description."""
    rows = rule_catalogue()
    if fmt == "json":
        click.echo(json.dumps([dict(zip(("id", "family", "description"), r)) for r in rows],
                              ensure_ascii=False, indent=2))
    else:
        click.echo(tabulate(rows, headers=["id", "family", "description"]))


if __name__ == "__main__":
    main()
