"""ANTQ Ledger: the desktop application (Qt interface in `desktop.ui`) and the headless services
it drives (`desktop.services`, no Qt)."""

__version__ = "0.1.0"
