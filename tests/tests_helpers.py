import io
import json

from faultdx.config import Config
from faultdx.triage import triage


def records_of(path, **options):
    out = io.StringIO()
    triage(str(path), out, config=Config(), **options)
    return [json.loads(line) for line in out.getvalue().split("\n")[:-1]]
