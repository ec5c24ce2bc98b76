"""The names of the input and output formats and of the decoding-error modes: the command line's choices,
known without importing the readers (``faultdx.tickets``) and writers (``faultdx.output``) that a diagnosis
never uses."""

INPUT_FORMATS = ("csv", "xlsx", "jsonl")                             # faultdx.tickets.FORMATS
ENCODING_ERRORS = ("strict", "replace")                              # faultdx.tickets.ENCODING_ERRORS
OUTPUT_FORMATS = ("jsonl", "json", "csv", "tsv", "table", "xlsx")    # the keys of faultdx.output.WRITERS, in order
