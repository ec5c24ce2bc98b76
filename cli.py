"""The faultdx command line: parses options, calls the library, prints."""
from __future__ import annotations

import dataclasses
import io
import json
import os
import sys

import click
from tabulate import tabulate

from faultdx import Case, Diagnoser, FactError
from faultdx.reader import mask_passwords, read
from faultdx.config import ConfigError, load_config
from faultdx.consult import Consultation, converse
from faultdx.facts import FIELD_NAMES, vocabulary_of
from faultdx.lint import AUDIENCES as LINT_AUDIENCES
from faultdx.lint import lint
from faultdx.phrasebook import AUDIENCE_LABELS, AUDIENCES, find_phrases, load_phrasebook
from faultdx.render import FIELD_LABELS, format_how, format_notes, format_text
from faultdx.tickets import FORMATS, InputError
from faultdx.triage import OUTPUT_FORMATS, AtomicOutput, StrictStop, parse_mapping, triage

MULTI = {"error_codes": "--error-code", "complaints": "--complaint", "concerns": "--concern", "stage": "--stage"}


def option_name(field: str) -> str:
    return MULTI.get(field) or "--" + field.replace("_", "-")


def _help(field: str) -> str:
    vocabulary = vocabulary_of(field)
    if vocabulary:
        return f"{FIELD_LABELS[field]}: " + ", ".join(f"{k}/{v[0]}" for k, v in vocabulary.items())
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
    """Facts from the text, overridden by explicit options; a bad option value exits 2 naming its option."""
    return read_case(text, options).case


def read_case(text: str | None, options: dict):
    """The reading of the text and options (faultdx.reader.read); a bad option value exits 2 naming its option."""
    try:
        return read(text, {k: v for k, v in options.items() if v not in (None, ())})
    except FactError as exc:
        fail(f"{option_name(exc.field)}: {mask_passwords(str(exc.value))!r} is not valid; accepted: {exc.accepted}")


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


def consult_options(function):
    """The options of a guided consultation (``consult`` and ``diagnose --interactive``)."""
    function = click.option("--save", type=click.Path(dir_okay=False),
                            help="write the whole consultation (questions, answers, result) as JSON")(function)
    function = click.option("--notes", is_flag=True,
                            help="at the end, print a short summary for the ticket's handling notes")(function)
    return click.option("--how", "show_how", is_flag=True,
                        help="at the end, explain every conclusion without being asked")(function)


def run_consultation(config, case: Case, save: str | None, notes: bool, show_how: bool, reading=None) -> None:
    """Ask the open questions one at a time on the terminal (or from piped lines), then report."""
    directory = os.path.dirname(os.path.abspath(save)) if save else None
    if directory and not (os.path.isdir(directory) and os.access(directory, os.W_OK)):
        fail(f"--save {save}: directory {directory} does not exist or is not writable")
    consultation = Consultation(Diagnoser(config), case, reading)

    def read(prompt: str) -> str | None:
        try:
            return click.prompt(prompt, default="", show_default=False, prompt_suffix="")
        except click.Abort:  # end of input or Ctrl-C at the prompt
            click.echo("")
            return None

    ending = converse(consultation, read, click.echo)
    if ending in ("eof", "interrupt"):
        click.echo("(输入结束,以上为目前的结果)")
    if show_how:
        click.echo(format_how(consultation.how()))
    if notes:
        click.echo("\n---- 处理记录 ----\n" + format_notes(consultation))
    if save:
        try:
            with AtomicOutput(save, "utf-8") as stream:
                json.dump(consultation.to_dict(), stream, ensure_ascii=False, indent=2)
                stream.write("\n")
        except OSError as exc:
            fail(f"--save {save}: {exc.strerror or exc}")
        click.echo(f"已保存: {save}", err=True)


@main.command()
@case_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--why", is_flag=True, help="show the rules that fired and the facts that made them fire")
@click.option("--interactive", "-i", is_flag=True, help="ask for the missing facts one at a time (as faultdx consult)")
@consult_options
@click.pass_obj
def diagnose(config, text, fmt, why, interactive, save, notes, show_how, **options):
    """Diagnose one case from options and/or free text."""
    reading = read_case(text, options)
    if interactive:
        return run_consultation(config, reading.case, save, notes, show_how, reading)
    result = Diagnoser(config).diagnose(reading.case)
    if fmt == "json":
        click.echo(json.dumps({**result.to_dict(), "evidence": reading.to_list(), "reading_warnings":
                               list(reading.warnings)}, ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result, why=why, reading=reading))


@main.command("consult")
@case_options
@consult_options
@click.pass_obj
def consult_command(config, text, save, notes, show_how, **options):
    """Guided consultation: asks only what the rules need next; ? why, back, how, q at any prompt.

    Starts from the facts given as options or --text; answers may be piped in, one per line.
    """
    reading = read_case(text, options)
    run_consultation(config, reading.case, save, notes, show_how, reading)


@main.command("rules")
@click.argument("query", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rules_command(query, fmt):
    """列出知识库的规则:编号、所实现的话术手册条目或知识来源、使用的用语。

    QUERY 可以是手册条目(拨号认证.4、三.5、宽带新天地)、规则编号或其前缀(AUTH-、BW-MISMATCH)。
    """
    from faultdx.catalogue import find_items, rules, rules_for_item
    infos = rules()
    if query:
        found = find_items(query)
        infos = ([r for item in found for r in rules_for_item(item.id, infos)] if found else
                 [r for r in infos if r.id.startswith(query.upper())])
        infos = list({r.id: r for r in infos}.values())
        if not infos:
            fail(f"没有与 {query!r} 对应的规则或手册条目")
    if fmt == "json":
        click.echo(json.dumps([dataclasses.asdict(r) for r in infos], ensure_ascii=False, indent=2))
    else:
        from faultdx.render import format_rules
        click.echo(format_rules(infos))


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--split", help="只评估这一部分(dev、holdout、sample)")
@click.option("--misses", is_flag=True, help="列出每条没读对的工单")
@click.option("--min-accuracy", type=float, default=0.0, help="类别准确率低于它时退出码为1(0–1)")
@click.option("--min-precision", type=float, default=0.0, help="事实精确率低于它时退出码为1(0–1)")
@click.option("--min-recall", type=float, default=0.0, help="事实召回率低于它时退出码为1(0–1)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def eval_command(config, corpus, split, misses, min_accuracy, min_precision, min_recall, fmt):
    """在标注语料上评估:类别准确率、各字段事实的精确率和召回率、混淆表。"""
    from faultdx.evaluate import evaluate, load_corpus
    result = evaluate(load_corpus(corpus), Diagnoser(config), split=split)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        from faultdx.render import format_evaluation
        click.echo(format_evaluation(result, misses=misses))
    below = (result.accuracy < min_accuracy or result.precision() < min_precision or result.recall() < min_recall
             or result.errors)
    sys.exit(1 if below else 0)


@main.command("check")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--tests", "tests_dir", type=click.Path(file_okay=False), default=None,
              help="测试目录(用于覆盖表的“测试”列);默认:当前目录下的 tests/(若存在)")
@click.option("--depth", type=click.IntRange(1, 8), default=4, show_default=True, help="探索时连续回答问题的层数")
@click.pass_obj
def check_command(config, fmt, tests_dir, depth):
    """知识库自检:条目覆盖、规则来源、用语使用、占位符、矛盾用语、问题是否有去处;有问题时退出码为1。"""
    from faultdx.check import check
    if tests_dir is None and os.path.isdir("tests"):
        tests_dir = "tests"
    report = check(config=config, tests_dir=tests_dir, depth=depth)
    if fmt == "json":
        click.echo(json.dumps({"ok": report.ok, "cases": report.cases,
                               "problems": [dataclasses.asdict(p) for p in report.problems],
                               "coverage": report.coverage}, ensure_ascii=False, indent=2))
    else:
        from faultdx.render import format_check
        click.echo(format_check(report))
    sys.exit(0 if report.ok else 1)


@main.command("phrases")
@click.argument("query", required=False)
@click.option("--section", help="section prefix: 一 礼貌性用语, 三 客户询问及解释, 四 故障处理, 五 专业技术 (e.g. 三.5)")
@click.option("--audience", type=click.Choice(AUDIENCES))
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="fill a placeholder (repeatable)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "text"]), default="table", show_default=True)
@click.pass_obj
def phrases_command(config, query, section, audience, sets, fmt):
    """The mandated sentences: QUERY is a phrase id (prints it filled in) or a keyword to search for."""
    values = dict(config.site)
    for pair in sets:
        name, sep, value = pair.partition("=")
        if not sep:
            fail(f"--set {pair!r}: expected NAME=VALUE")
        values[name] = value
    from faultdx.catalogue import rules, rules_for_phrase
    infos = rules()
    book = load_phrasebook()
    found = [book[query]] if query in book else find_phrases(query, section, audience, site=config.site)
    if not found:
        fail(f"no phrase matches {query!r}" if query else "no phrase matches the filters")
    rows = []
    for phrase in found:
        text, missing = phrase.render(values, spec_tokens=True)
        rows.append({"id": phrase.id, "section": phrase.section, "audience": phrase.audience,
                     "situation": phrase.situation, "text": text, "unfilled": missing,
                     "rules": [r.id for r in rules_for_phrase(phrase.id, infos)]})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "text" or query in book:
        for row in rows:
            click.echo(row["text"])
            if query in book:
                click.echo(f"  (手册条目 {row['section']};使用它的规则: {'、'.join(row['rules']) or '无(按情形直接使用)'})",
                           err=True)
            if row["unfilled"]:
                click.echo(f"  (未填: {', '.join(row['unfilled'])}; 用 --set NAME=VALUE 或配置文件)", err=True)
    else:
        click.echo(tabulate([[r["id"], r["section"], AUDIENCE_LABELS[r["audience"]], r["situation"], r["text"],
                              "\n".join(r["rules"])] for r in rows],
                            headers=["id", "手册条目", "对象", "场合", "用语", "规则"],
                            maxcolwidths=[None, None, None, 24, 48, None]))


@main.command("lint")
@click.argument("text", required=False)
@click.option("-f", "--file", "path", type=click.File("r", encoding="utf-8"), help="one reply per line; - for stdin")
@click.option("--audience", type=click.Choice(LINT_AUDIENCES), default="customer", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def lint_command(text, path, audience, fmt):
    """Check staff wording against the forbidden phrases (二. 服务禁语); exit 1 when something is found."""
    if (text is None) == (path is None):
        fail("give TEXT or -f FILE (one of them)")
    lines = [text] if text is not None else [line.rstrip("\n") for line in path]
    hits = [(number, hit) for number, line in enumerate(lines, 1) for hit in lint(line, audience)]
    if fmt == "json":
        click.echo(json.dumps([{"line": n, **dataclasses.asdict(h)} for n, h in hits], ensure_ascii=False, indent=2))
    elif hits:
        click.echo(tabulate([[n, f"{h.start}-{h.end}", h.text, h.rule, f"{h.instead}  ‹{h.instead_id}›"]
                             for n, h in hits], headers=["行", "位置", "用语", "违反", "请改用"],
                            maxcolwidths=[None, None, None, None, 48]))
    else:
        click.echo("未发现服务禁语")
    sys.exit(1 if hits else 0)


OUTPUT_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".txt": "table"}


@main.command("triage")
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--input-format", type=click.Choice(FORMATS), help="default: from the extension (- is CSV)")
@click.option("--encoding", help="input CSV encoding; default: detect UTF-8 (with or without BOM) or GB18030/GBK")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", help="use COLUMN for FIELD (repeatable)")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), help="default: from -o's extension, else jsonl")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here (atomically) instead of stdout")
@click.option("--output-encoding", help="default: utf-8-sig (with BOM, for Excel) for CSV, utf-8 otherwise")
@click.option("--summary-only", is_flag=True, help="print only the summary, to stdout")
@click.option("--quiet", "-q", is_flag=True, help="no progress and no summary on stderr")
@click.option("--strict", is_flag=True, help="stop at the first bad row (FILE:ROW: message), exit 1")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="all cores")
@click.option("--no-cache", is_flag=True, help="run the engine once per ticket (same output, slower)")
@click.option("--lint-column", metavar="COLUMN", help="check this column for forbidden phrases (default: the notes column)")
@click.pass_obj
def triage_command(config, file, input_format, encoding, mapping, fmt, output, output_encoding, summary_only,
                   quiet, strict, jobs, no_cache, lint_column):
    """Diagnose every ticket of an export (CSV, .xlsx, JSON Lines); one output row per input row, in order."""
    try:
        columns = parse_mapping(mapping)
    except ValueError as exc:
        fail(str(exc))
    fmt = fmt or OUTPUT_EXTENSIONS.get(os.path.splitext(output or "")[1].lower(), "jsonl")
    out_encoding = output_encoding or ("utf-8-sig" if fmt == "csv" else "utf-8")
    show_progress = sys.stderr.isatty() and not quiet
    options = dict(fmt=fmt, config=config, input_format=input_format, encoding=encoding, mapping=columns,
                   jobs=jobs, use_cache=not no_cache, strict=strict, lint_column=lint_column,
                   progress=(lambda n: click.echo(f"\r已处理 {n} 行", err=True, nl=False)) if show_progress else None)
    try:
        if summary_only:
            summary = triage(file, None, **options)
        elif output:
            with AtomicOutput(output, out_encoding) as stream:
                summary = triage(file, stream, **options)
        else:
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding=out_encoding, newline="", write_through=False)
            summary = triage(file, stream, **options)
            stream.flush()
            stream.detach().flush()
    except InputError as exc:
        fail(str(exc))
    except StrictStop as exc:
        click.echo(f"faultdx: {exc}", err=True)
        sys.exit(1)
    if show_progress:
        click.echo("", err=True)
    if summary_only:
        click.echo(summary.table())
    elif not quiet:
        click.echo(summary.table(), err=True)
    sys.exit(1 if summary.by_status.get("error") else 0)


if __name__ == "__main__":
    main()
