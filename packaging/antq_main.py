"""The frozen program's entry point: the `antq` command (no arguments opens the window)."""
import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    # A large import prepares its parts in a second process (desktop/services/exchange/worker.py):
    # frozen, that process is this program started again, and this lets it become the worker.
    multiprocessing.freeze_support()
    raise SystemExit(main())
