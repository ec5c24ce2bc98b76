"""Imported once by the fork server the workers of a LocalCluster that faultdx starts are forked from (see
``faultdx._forkserver``): it builds there what every worker needs before its first partition — the lexicon, the
password pattern, the rule network (``faultdx.triage._prepare_before_fork``) — so that each worker starts with it,
as a ``--jobs`` worker does.  Nothing else imports this module."""
try:
    from faultdx.triage import _prepare_before_fork
    _prepare_before_fork()
except Exception:  # noqa: BLE001  a worker builds it itself at its first partition, and reports what goes wrong there
    pass
