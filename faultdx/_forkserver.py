"""How the workers of a LocalCluster that faultdx starts are started (``faultdx.distributed``): forked from a fork
server that imported distributed and faultdx and built the lexicon, the password pattern and the rule network
once (``faultdx._prebuild``), as ``--jobs`` forks its workers from the command.  Dask's default spawns each worker
as a new interpreter that imports and builds all that itself before its first partition (~0.35 s of CPU per
worker, in the same seconds as the scheduler's start on a machine whose every core is a worker).

The fork server is a new single-threaded process (this one runs Dask's event loop in a thread, which a fork of it
would not survive safely); ``start()`` starts it before this process imports distributed, so that the two import
at the same time.  Not where the platform has no fork server (Windows), nor when
DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD chooses the method.  This module imports neither Dask nor faultdx.
"""
from __future__ import annotations

import importlib.util
import multiprocessing
import os

PRELOAD = ["distributed", "faultdx._prebuild"]


def wanted() -> bool:
    return "DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD" not in os.environ and \
        "forkserver" in multiprocessing.get_all_start_methods() and importlib.util.find_spec("distributed") is not None


def start() -> None:
    """Start this process's fork server now, if it is to be used and is not running (it is one per process, and
    stops with it; a second cluster's workers are forked from the same).  Python's fork server starts as
    ``python -c`` and imports its preload before it takes this process's sys.path (3.11 never takes it), so it
    starts with PYTHONSAFEPATH: else the current directory would come first, and a ``faultdx`` folder there
    (a source checkout) would be what the workers run."""
    if not wanted():
        return
    from multiprocessing import forkserver
    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    # what the fork server is started with: no current directory first, and where this faultdx is (faultdx._prebuild
    # checks that it found the same one)
    given = {"PYTHONSAFEPATH": "1", "FAULTDX_FORKSERVER_PACKAGE": os.path.dirname(os.path.abspath(__file__))}
    old = {name: os.environ.get(name) for name in given}
    os.environ.update(given)
    try:
        forkserver.ensure_running()
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def dask_config() -> dict:
    """The Dask configuration that has a LocalCluster fork its workers from the fork server (started here if it
    is not yet).  Dask's own preload for a fork server imports pandas, NumPy and lz4 into this process first
    (~0.4 s), which triage does not need: its flag says the preload is set."""
    if not wanted():
        return {}
    start()
    import distributed.utils
    distributed.utils._forkserver_preload_set = True
    return {"distributed.worker.multiprocessing-method": "forkserver"}
