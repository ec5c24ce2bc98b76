"""Imported once by the fork server the workers of a LocalCluster that faultdx starts are forked from (see
``faultdx._forkserver``): it builds there what every worker needs before its first partition — the lexicon, the
password pattern, the rule network (``faultdx.triage._prepare_before_fork``) — so that each worker starts with it,
as a ``--jobs`` worker does.  Nothing else imports this module.

The fork server finds faultdx on its own path (the environment's), which is not always where the command found it
(a ``sys.path`` entry the caller added, ``python -m faultdx`` in a source checkout beside an installed copy): then
it forgets every faultdx module it imported, so that each worker imports the command's faultdx (its ``sys.path``
is the command's once it is forked), as a spawned worker would."""
import os
import sys

_COMMANDS = os.environ.get("FAULTDX_FORKSERVER_PACKAGE")
if _COMMANDS and os.path.realpath(_COMMANDS) != os.path.realpath(os.path.dirname(os.path.abspath(__file__))):
    for _name in [name for name in sys.modules if name.split(".")[0] == "faultdx" and name != __name__]:
        del sys.modules[_name]
    raise ImportError("not the command's faultdx")   # the fork server goes on without it (and forgets this one)
try:
    from faultdx.triage import _prepare_before_fork
    _prepare_before_fork()
except Exception:  # noqa: BLE001  a worker builds it itself at its first partition, and reports what goes wrong there
    pass
