"""``python -m faultdx``: the same command line as ``faultdx``."""
from faultdx.cli import main

if __name__ == "__main__":
    main(prog_name="faultdx")
