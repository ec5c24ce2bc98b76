"""The command line's fixed choices: the input and output formats, the decoding-error modes and the audiences of
the forbidden-language check, known without importing the readers (``faultdx.tickets``), the writers
(``faultdx.output``) and the checker (``faultdx.lint``) that a diagnosis never uses."""

INPUT_FORMATS = ("csv", "xlsx", "jsonl")                             # faultdx.tickets.FORMATS
ENCODING_ERRORS = ("strict", "replace")                              # faultdx.tickets.ENCODING_ERRORS
OUTPUT_FORMATS = ("jsonl", "json", "csv", "tsv", "table", "xlsx")    # the keys of faultdx.output.WRITERS, in order
LINT_AUDIENCES = ("customer", "internal")                            # faultdx.lint.AUDIENCES
