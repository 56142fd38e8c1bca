"""Allow ``python -m protocolgen``."""

from __future__ import annotations

from protocolgen.cli import main

if __name__ == "__main__":
    main()
