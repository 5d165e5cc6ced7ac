"""The frozen program's entry point: the `antq` command (no arguments opens the window)."""
from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
