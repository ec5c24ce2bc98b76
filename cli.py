"""The faultdx command line: parses options, calls the library, prints.

What a person reads here (help, errors) is Chinese; option names, JSON keys and rule ids stay English.
How a run ends (exit statuses, signals, crash reports) and the progress bar are in ``faultdx.clikit``.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import os
import re
import sys

import click

from faultdx import Case, Diagnoser, FactError
from faultdx.choices import ENCODING_ERRORS, INPUT_FORMATS, LINT_AUDIENCES, OUTPUT_FORMATS
from faultdx.cli_zh import install as install_chinese_messages
from faultdx.clikit import FaultdxGroup, Progress, ProgressLines, interruptible_prompt
from faultdx.reader import Reading, read
from faultdx.config import ConfigError, load_config
from faultdx.display import json_text, os_error_text, safe_text
from faultdx.facts import FIELD_NAMES, vocabulary_of
from faultdx.phrasebook import AUDIENCE_LABELS, AUDIENCES, find_phrases, load_phrasebook
from faultdx.render import FIELD_LABELS, format_how, format_notes, format_text
from faultdx.sanity import case_problem, raw_problem
from faultdx.secrets import mask_passwords

install_chinese_messages()
MULTI = {"error_codes": "--error-code", "complaints": "--complaint", "concerns": "--concern", "stage": "--stage"}


def option_name(field: str) -> str:
    return MULTI.get(field) or "--" + field.replace("_", "-")


def _help(field: str) -> str:
    vocabulary = vocabulary_of(field)
    if vocabulary:
        return f"{FIELD_LABELS[field]}: " + "、".join(f"{v[0]} ({k})" for k, v in vocabulary.items())
    return FIELD_LABELS[field]


def case_options(function):
    """One option per case field (``--account-status``, ``--crm-bw`` …), plus ``--text``."""
    for field in reversed(FIELD_NAMES):
        function = click.option(option_name(field), field, multiple=field in MULTI, help=_help(field))(function)
    return click.option("--text", "-t", help="工单文字,如 '用户报691错误,帐号在线';- 表示从标准输入读")(function)


def fail(message: str, status: int = 2) -> None:
    """One line on stderr (passwords masked, controls escaped) and exit status 2 (usage or unreadable input)."""
    click.echo(f"faultdx: 错误: {safe_text(message, 400)}", err=True)
    sys.exit(status)


def read_case(text: str | None, options: dict):
    """The reading of the text and options (faultdx.reader.read); a bad option value exits 2 naming its option."""
    try:
        return read(text, {k: v for k, v in options.items() if v not in (None, ())})
    except FactError as exc:
        fail(f"{option_name(exc.field)}: “{safe_text(mask_passwords(str(exc.value)), 40)}”无效:{exc.accepted}")


HELP_EPILOG = """\b
退出状态: 0 全部成功;1 有行出错;2 选项、输入、输出或配置有误;130 被中断;141 管道被关闭
示例:
  faultdx diagnose --error-code 691 --account-status 在线
  faultdx consult --error-code 691
  faultdx triage 工单导出.csv -o 结果.xlsx"""


@click.group(cls=FaultdxGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=HELP_EPILOG)
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="站点配置文件(TOML);默认 $FAULTDX_CONFIG 或 ~/.config/faultdx/config.toml;也可写在子命令后")
@click.version_option(None, "--version", "-V", package_name="faultdx", prog_name="faultdx",
                      message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """faultdx: 宽带故障诊断,供支撑工程师和综调人员使用。"""
    ctx.obj = {"config_path": config_path}


def with_config(pass_it: bool = True):
    """Add --config to a command (so it may follow the subcommand) and load the configuration once.

    The configuration is always checked (a bad file exits 2 naming the key); ``pass_it`` passes it as
    the command's first argument.
    """
    def decorate(function):
        @click.option("--config", "config_path", type=click.Path(dir_okay=False), help="站点配置文件(TOML)")
        @click.pass_context
        @functools.wraps(function)
        def wrapper(ctx, *args, config_path=None, **kwargs):
            path = config_path or (ctx.obj or {}).get("config_path")
            try:
                config = load_config(path)
            except ConfigError as exc:
                fail(str(exc))
            return function(config, *args, **kwargs) if pass_it else function(*args, **kwargs)
        return wrapper
    return decorate


def consult_options(function):
    """The options of a guided consultation (``consult`` and ``diagnose --interactive``)."""
    function = click.option("--save", type=click.Path(dir_okay=False),
                            help="把整个引导过程(问题、回答、结果)写成 JSON 文件")(function)
    function = click.option("--notes", is_flag=True,
                            help="结束时打印一段可贴进工单处理记录的简短小结")(function)
    return click.option("--how", "show_how", is_flag=True,
                        help="结束时不问也列出每个结论的依据")(function)


def ticket_text(text: str | None) -> str | None:
    """--text, or standard input for ``-t -``; passwords masked before anything reads it."""
    if text == "-":
        text = sys.stdin.read()
    return mask_passwords(text) if text else text


def checked_reading(text: str | None, options: dict) -> Reading:
    """The reading of --text and the options (case, evidence, warnings); bad figures exit 2 naming the option."""
    options = {k: tuple(map(mask_passwords, v)) if isinstance(v, tuple) else mask_passwords(v) if isinstance(v, str)
               else v for k, v in options.items()}  # a password typed into an option is never echoed
    for field, value in options.items():
        problem = value not in (None, ()) and raw_problem(field, value)
        if problem:
            fail(f"{option_name(field)}: {problem}")
    reading = read_case(ticket_text(text), options)
    problem = case_problem(reading.case.known())
    if problem:
        fail(f"{option_name(problem[0])}: {problem[1]}")
    return reading


def _read_answer(prompt: str) -> str | None:
    try:
        with interruptible_prompt():
            line = click.prompt(prompt, default="", show_default=False, prompt_suffix="")
    except click.Abort:  # end of input or Ctrl-C at the prompt
        click.echo("")
        return None
    if not sys.stdin.isatty():  # piped answers: show each after its prompt, as a terminal would have
        click.echo(safe_text(line, 80))
    return line


def run_consultation(config, case: Case, save: str | None, notes: bool, show_how: bool, reading=None) -> None:
    """Ask the open questions one at a time on the terminal (or from piped lines), then report."""
    from faultdx.output import AtomicOutput, OutputError
    output = AtomicOutput(save, "utf-8", option="--save") if save is not None else None
    if output is not None:
        try:
            output.check()  # before asking anything
        except OutputError as exc:
            fail(str(exc))
    from faultdx.consult import Consultation
    from faultdx.conversation import converse
    interactive = sys.stdin.isatty()
    if interactive:
        try:
            import readline  # noqa: F401  (line editing, wide-character Backspace and history at the prompt)
        except ImportError:
            pass
    consultation = Consultation(Diagnoser(config), case, reading)
    ending = converse(consultation, _read_answer, click.echo, interactive=interactive)
    if ending in ("eof", "interrupt"):
        click.echo("(输入结束,以上为目前的结果)")
    if show_how:
        click.echo(format_how(consultation.how()))
    if notes:
        click.echo("\n---- 处理记录 ----\n" + format_notes(consultation.result))
    if output is not None:
        _save(output, json_text(consultation.to_dict(), indent=2) + "\n")
    if ending == "refused":
        sys.exit(2)


def _save(output, text: str) -> None:
    """Write --save (an AtomicOutput); if that fails, say where the record was kept instead and exit 2."""
    from faultdx.output import OutputError, write_keeping
    try:
        write_keeping(output, text, "faultdx-consult-")
    except OutputError as exc:
        if "\n" in str(exc):  # kept nowhere but in the message itself
            problem, record = str(exc).split("\n", 1)
            click.echo(record, err=True)
            fail(problem)
        fail(str(exc))
    click.echo(f"已保存: {output.path}", err=True)


@main.command(epilog="示例: faultdx diagnose --text \"用户报691错误,帐号在线\" --why")
@case_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text 文字 | json 结果对象")
@click.option("--why", is_flag=True, help="列出触发的规则和使其触发的事实")
@click.option("--interactive", "-i", is_flag=True, help="逐个询问缺少的事实(同 faultdx consult)")
@consult_options
@with_config()
def diagnose(config, text, fmt, why, interactive, save, notes, show_how, **options):
    """诊断一个故障:事实来自选项和/或工单文字(-t - 从标准输入读)。"""
    if not interactive:
        needs = [name for name, given in (("--notes", notes), ("--save", save is not None), ("--how", show_how))
                 if given]
        if needs:
            fail(f"{'、'.join(needs)} 只用于引导诊断,需要同时给出 -i/--interactive")
    reading = checked_reading(text, options)
    if interactive:
        return run_consultation(config, reading.case, save, notes, show_how, reading)
    result = Diagnoser(config).diagnose(reading.case)
    if fmt == "json":
        click.echo(json_text({**result.to_dict(), "evidence": reading.to_list(),
                              "reading_warnings": list(reading.warnings)}, indent=2))
    else:
        click.echo(format_text(result, why=why, reading=reading))


@main.command("consult", epilog="示例: printf '3\\n1\\n' | faultdx consult --error-code 691 --notes")
@case_options
@consult_options
@with_config()
def consult_command(config, text, save, notes, show_how, **options):
    """引导诊断:只问规则下一步需要的事实;任何提示符下可输入 ? 为什么、back 撤销、how 依据、q 结束。

    从选项或 --text 给出的事实开始;回答也可以从管道输入,每行一个(无法识别的回答会停止并以状态 2 退出)。
    """
    reading = checked_reading(text, options)
    run_consultation(config, reading.case, save, notes, show_how, reading)


@main.command("rules")
@with_config(pass_it=False)
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
        import json
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
@with_config()
def eval_command(config, corpus, split, misses, min_accuracy, min_precision, min_recall, fmt):
    """在标注语料上评估:类别准确率、各字段事实的精确率和召回率、混淆表。"""
    from faultdx.evaluate import evaluate, load_corpus
    result = evaluate(load_corpus(corpus), Diagnoser(config), split=split)
    if fmt == "json":
        import json
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
@with_config()
def check_command(config, fmt, tests_dir, depth):
    """知识库自检:条目覆盖、规则来源、用语使用、占位符、矛盾用语、问题是否有去处;有问题时退出码为1。"""
    from faultdx.check import check
    if tests_dir is None and os.path.isdir("tests"):
        tests_dir = "tests"
    report = check(config=config, tests_dir=tests_dir, depth=depth)
    if fmt == "json":
        import json
        click.echo(json.dumps({"ok": report.ok, "cases": report.cases,
                               "problems": [dataclasses.asdict(p) for p in report.problems],
                               "coverage": report.coverage}, ensure_ascii=False, indent=2))
    else:
        from faultdx.render import format_check
        click.echo(format_check(report))
    sys.exit(0 if report.ok else 1)


@main.command("phrases")
@click.argument("query", required=False)
@click.option("--section", help="章节前缀: 一 礼貌性用语, 三 客户询问及解释, 四 故障处理, 五 专业技术(如 三.5)")
@click.option("--audience", type=click.Choice(AUDIENCES), help="对象")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE", help="填写占位符(可重复)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "text"]), default="table", show_default=True,
              help="table 表格 | json | text 纯文本")
@with_config()
def phrases_command(config, query, section, audience, sets, fmt):
    """规范用语:QUERY 是用语编号(打印填好占位符的句子)或要搜索的关键词。"""
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
        fail(f"没有与“{query}”匹配的用语" if query else "没有符合这些条件的用语")
    rows = []
    for phrase in found:
        text, missing = phrase.render(values, spec_tokens=True)
        rows.append({"id": phrase.id, "section": phrase.section, "audience": phrase.audience,
                     "situation": phrase.situation, "text": text, "unfilled": missing,
                     "rules": [r.id for r in rules_for_phrase(phrase.id, infos)]})
    if fmt == "json":
        import json
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
        from tabulate import tabulate
        click.echo(tabulate([[r["id"], r["section"], AUDIENCE_LABELS[r["audience"]], r["situation"], r["text"],
                              "\n".join(r["rules"])] for r in rows],
                            headers=["id", "手册条目", "对象", "场合", "用语", "规则"],
                            maxcolwidths=[None, None, None, 24, 48, None]))


@main.command("lint")
@click.argument("text", required=False)
@click.option("-f", "--file", "path", type=click.Path(dir_okay=False, allow_dash=True), help="每行一条回复;- 表示标准输入")
@click.option("--audience", type=click.Choice(LINT_AUDIENCES), default="customer", show_default=True,
              help="customer 对客户 | internal 内部")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table 表格 | json")
@with_config(pass_it=False)
def lint_command(text, path, audience, fmt):
    """检查工作人员的用语是否含服务禁语(规范第二部分);发现时退出状态为 1。"""
    if (text is None) == (path is None):
        fail("请给出 TEXT 或 -f FILE(二者之一)")
    from faultdx.lint import lint
    lines = [text] if text is not None else _text_lines(path)
    hits = [(number, hit) for number, line in enumerate(lines, 1) for hit in lint(line, audience)]
    if fmt == "json":
        click.echo(json_text([{"line": n, **dataclasses.asdict(h)} for n, h in hits], indent=2))
    elif hits:
        from tabulate import tabulate
        click.echo(tabulate([[n, f"{h.start}-{h.end}", safe_text(h.text, 80), h.rule, f"{h.instead}  ‹{h.instead_id}›"]
                             for n, h in hits], headers=["行", "位置", "用语", "违反", "请改用"],
                            maxcolwidths=[None, None, None, None, 48]))
    else:
        click.echo("未发现服务禁语")
    sys.exit(1 if hits else 0)


def _text_lines(path: str) -> list[str]:
    """The lines of a UTF-8 text file (or stdin); anything else exits 2 naming the file."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        fail(f"{path}: {os_error_text(exc)}")
    try:
        return [mask_passwords(line) for line in data.decode("utf-8-sig").splitlines()]
    except UnicodeDecodeError as exc:
        fail(f"{path}: 不是 UTF-8 文本(第 {exc.start} 字节)")


@main.command("triage", epilog="""\b
示例:
  faultdx triage 工单导出.csv                       JSON Lines 到标准输出,汇总到标准错误
  faultdx triage 工单导出.csv -o 结果.xlsx           Excel 工作簿(中文表头)
  faultdx triage 导出.txt --map description=投诉内容 --summary-only --format json
  cat 导出.csv | faultdx triage - --strict
  faultdx triage 'exports/*.csv' --dask -o 结果.jsonl        在本机的 Dask 本地集群上
  faultdx triage /data/导出.csv --dask tcp://调度器:8786 -o 结果.jsonl
退出状态: 0 全部成功;1 有行出错;2 选项、输入、输出或配置有误;130 被中断""")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False), metavar="FILE...")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), help="输入格式;默认按扩展名,- 按内容判断")
@click.option("--encoding", help="输入编码;默认识别 UTF-8(含 BOM)、UTF-16(含 BOM)或 GB18030/GBK")
@click.option("--encoding-errors", type=click.Choice(ENCODING_ERRORS), default="strict", show_default=True,
              help="replace: 跳过无法解码的字节继续读,受影响的行在输出中标出")
@click.option("--map", "mapping", multiple=True, metavar="字段=列名", help="指定某字段用哪一列(可重复)")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS),
              help="输出格式;默认按 -o 的扩展名(.jsonl .json .csv .tsv .txt .xlsx),否则 jsonl")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写到这个文件(原子替换)而不是标准输出")
@click.option("--output-encoding", help="默认: CSV/TSV 为 utf-8-sig(带 BOM,Excel 可直接打开),其余 utf-8")
@click.option("--summary-only", is_flag=True, help="只输出汇总(--format json 或 -o x.json 时为 JSON)")
@click.option("--quiet", "-q", is_flag=True, help="标准错误上不显示进度和汇总")
@click.option("--strict", is_flag=True, help="遇到第一个出错的行就停止(文件:行: 原因),退出状态 1")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=lambda: min(64, len(os.sched_getaffinity(0))),
              show_default="可用的 CPU 核数", help="并行的工作进程数")
@click.option("--no-cache", is_flag=True, help="不用缓存:每张工单都重新读取、运行推理引擎(结果相同,较慢;用于核对)")
@click.option("--lint-column", metavar="列名", help="检查这一列的服务禁语(默认: 处理过程列)")
@click.option("--dask", "dask_address", is_flag=False, flag_value="local", metavar="[地址]",
              help="在 Dask 集群上分诊(需 pip install 'faultdx[dask]'):不给地址则在本机起 --jobs 个工作进程;"
                   "给 tcp://主机:8786 则用那个集群。可给多个文件或通配符(由工作进程读取)")
@click.option("--output-dir", metavar="目录", type=click.Path(file_okay=False),
              help="与 --dask 一起: 每个输入文件写一个输出文件到这个目录(同名,扩展名按 --format)")
@click.option("--blocksize", metavar="字节数", help="与 --dask 一起: 每个分区的输入大小,如 4M;默认约每个工作进程 32 个分区(512K 至 4M)")
@with_config()
def triage_command(config, files, input_format, encoding, encoding_errors, mapping, fmt, output, output_encoding,
                   summary_only, quiet, strict, jobs, no_cache, lint_column, dask_address, output_dir, blocksize):
    """诊断导出文件中的每张工单(CSV/TSV、.xlsx、JSON Lines);每个输入行对应一个输出行,顺序不变。"""
    from faultdx.output import AtomicOutput, OutputError, check_output_encoding, output_format
    from faultdx.triage import StrictStop, parse_mapping, triage
    files, dask_address = _dask_inputs(files, dask_address)
    if not files:
        raise click.UsageError("缺少参数 'FILE...'。", click.get_current_context())
    if dask_address is None and (len(files) > 1 or output_dir or blocksize):
        fail("多个输入文件、--output-dir 和 --blocksize 只能与 --dask 一起使用")
    file = files[0]
    try:
        columns = parse_mapping(mapping)
        fmt = output_format(fmt, output)
        out_encoding = check_output_encoding(output_encoding or ("utf-8-sig" if fmt in ("csv", "tsv") else "utf-8"))
    except (ValueError, OutputError) as exc:
        fail(str(exc))
    if dask_address is not None:
        return _triage_dask(config, files, dask_address, output, output_dir, fmt, out_encoding, summary_only, quiet,
                            jobs, blocksize, dict(input_format=input_format, encoding=encoding,
                                                  encoding_errors=encoding_errors, mapping=columns, use_cache=not no_cache,
                                                  strict=strict, lint_column=lint_column))
    if summary_only:
        return _summary_only(lambda: triage(file, None, config=config, **dict(
            input_format=input_format, encoding=encoding, encoding_errors=encoding_errors, mapping=columns,
            jobs=jobs, use_cache=not no_cache, strict=strict, lint_column=lint_column)), [file], fmt, output,
            out_encoding)
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        fail("xlsx 是二进制文件,不能显示在终端上;请用 -o 结果.xlsx")
    progress = Progress() if sys.stderr.isatty() and not quiet else None
    options = dict(fmt=fmt, config=config, input_format=input_format, encoding=encoding,
                   encoding_errors=encoding_errors, mapping=columns, jobs=jobs, use_cache=not no_cache,
                   strict=strict, lint_column=lint_column, progress=progress)
    binary = fmt == "xlsx"

    def run():
        if output:
            target = AtomicOutput(output, None if binary else out_encoding, binary=binary, inputs=[file]).check()
            with target as stream:
                summary = triage(file, stream, width=160, **options)
            summary.output = output
            return summary
        return _triage_to_stdout(lambda stream: triage(file, stream, **options), binary, out_encoding)
    _finish_triage(run, progress, quiet)


def _finish_triage(run, progress, quiet):
    """``run()`` (the triage; returns its summary), then the progress bar closed, the summary table and the exit
    status; --strict's stop is exit 1 with its FILE:ROW: message."""
    from faultdx.triage import StrictStop
    try:
        summary = run()
    except StrictStop as exc:
        if progress:
            progress.close()
        click.echo(f"faultdx: {safe_text(exc, 400)}", err=True)
        sys.exit(1)
    if progress:
        progress.close()
    if not quiet:
        click.echo(summary.table(), err=True)
    sys.exit(1 if summary.by_status.get("error") else 0)


def _triage_to_stdout(run, binary, out_encoding):
    """``run(stream)`` with standard output as the stream; returns its summary."""
    if binary:
        stream = io.BytesIO() if not _stdout_seekable() else sys.stdout.buffer
        summary = run(stream)
        if stream is not sys.stdout.buffer:
            sys.stdout.buffer.write(stream.getvalue())
        sys.stdout.buffer.flush()
        return summary
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding=out_encoding, errors="replace", newline="",
                              write_through=False)
    try:
        summary = run(stream)  # a table as wide as the terminal ($COLUMNS, else 160)
        stream.flush()
    finally:
        stream.detach()
    sys.stdout.flush()
    return summary


def _dask_inputs(files: tuple, address: str | None) -> tuple[tuple, str | None]:
    """--dask takes an optional address: what follows it is an address if it looks like one (tcp://…, host:port),
    else the first input file."""
    if address is None or address == "local" or "://" in address or re.fullmatch(r"[\w.-]+:\d+", address):
        return files, address
    return (address, *files), "local"


OUTPUT_EXTENSIONS = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv", "table": ".txt", "xlsx": ".xlsx"}


def _triage_dask(config, files, address, output, output_dir, fmt, out_encoding, summary_only, quiet, jobs, blocksize,
                 options):
    """triage --dask: the same records on a Dask cluster (faultdx.distributed); output as without --dask."""
    if address == "local":  # the workers' fork server imports while this process imports Dask
        from faultdx import _forkserver
        _forkserver.start()
    from faultdx import distributed as cluster
    if cluster.missing():
        fail(cluster.INSTALL_HINT)
    if "-" in files:
        fail("--dask: 工作进程读不到标准输入;请给出它们能读到的文件路径")
    if output and output_dir:
        fail("-o 和 --output-dir 只能用一个")
    try:
        size = cluster.parse_size(blocksize) if blocksize else None
    except ValueError as exc:
        fail(f"--blocksize {blocksize!r}: {exc}")
    binary = fmt == "xlsx"
    if binary and not (output or output_dir or summary_only) and sys.stdout.isatty():
        fail("xlsx 是二进制文件,不能显示在终端上;请用 -o 结果.xlsx")
    progress = None if quiet or summary_only else Progress() if sys.stderr.isatty() else ProgressLines()
    options.update(config=config, fmt=fmt, blocksize=size, progress=progress)
    from faultdx.output import AtomicOutput
    with cluster.connect(None if address == "local" else address, jobs) as client:
        if not quiet:
            link = cluster.dashboard(client)
            click.echo(f"Dask: {cluster.worker_count(client)} 个工作进程" + (f",控制面板 {link}" if link else ""),
                       err=True)

        def run():
            if output_dir:
                with contextlib.ExitStack() as stack:
                    opened = cluster.OutputFiles(stack, output_dir, OUTPUT_EXTENSIONS[fmt],
                                                 None if binary else out_encoding, binary)
                    summary = cluster.triage_files(client, files, opened, width=160, **options)
                summary.output = output_dir
                return summary
            if output:
                with AtomicOutput(output, None if binary else out_encoding, binary=binary, inputs=files) as stream:
                    summary = cluster.triage_files(client, files, stream, width=160, **options)
                summary.output = output
                return summary
            return _triage_to_stdout(lambda stream: cluster.triage_files(client, files, stream, **options), binary,
                                     out_encoding)
        if summary_only:
            _summary_only(lambda: cluster.triage_files(client, files, None, **options), files, fmt, output,
                          out_encoding)
        _finish_triage(run, progress, quiet)


def _stdout_seekable() -> bool:
    try:
        return sys.stdout.buffer.seekable()
    except (AttributeError, ValueError):
        return False


def _summary_only(run, inputs, fmt, output, out_encoding):
    """--summary-only: ``run()``'s summary as JSON (--format json, -o x.json) or as the text table, to -o or
    stdout."""
    summary = run()
    text = json_text(summary.to_dict(), indent=2) if fmt == "json" else summary.table()
    if output:
        from faultdx.output import AtomicOutput
        with AtomicOutput(output, out_encoding, inputs=inputs) as stream:
            stream.write(text + "\n")
        click.echo(f"汇总已写入: {output}", err=True)
    else:
        click.echo(text)
    sys.exit(1 if summary.by_status.get("error") else 0)


if __name__ == "__main__":
    main()
