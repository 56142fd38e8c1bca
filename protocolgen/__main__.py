"""``python -m protocolgen``, and the ``protocolgen`` console script (:func:`run`)."""

from __future__ import annotations

import sys


def run() -> None:
    """Import the command line, then run it.

    Importing it takes a noticeable moment (0.1-0.3 s on a busy machine); a Ctrl-C then ends
    like one during a run (see :func:`protocolgen.cli.exit_on_interrupt`), not with a
    traceback of the imports.
    """
    try:
        from protocolgen.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)  # cli.EXIT_INTERRUPTED, which could not be imported
    main()


if __name__ == "__main__":
    run()
