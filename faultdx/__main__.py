"""``python -m faultdx`` and the ``faultdx`` command: the command line of ``faultdx.cli``.

The entry point tunes the cyclic garbage collector for a short-lived command. Starting up (imports, the
rule network, the lexicon) allocates tens of thousands of objects that live until the process ends, so
collecting during it is wasted work: collection is off until the imports are done, and what exists then is
frozen (``gc.freeze``: later collections, as in a long triage, skip it). At exit everything is frozen again,
so the interpreter's final collection does not walk objects the operating system is about to reclaim (every
output file is closed explicitly before that; ``atexit`` handlers and the flush of stdout/stderr still run). Measured in ``benchmarks/startup_bench.py``.
"""
import atexit
import gc


def run() -> None:
    gc.disable()
    try:
        from faultdx.cli import main
    except KeyboardInterrupt:  # Ctrl-C in the first tens of milliseconds: nothing begun, no traceback
        import sys
        sys.stderr.write("已中断(Ctrl-C)\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()
        gc.enable()
    atexit.register(gc.freeze)
    main(prog_name="faultdx")


if __name__ == "__main__":
    run()
