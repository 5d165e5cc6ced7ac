"""Headless services the window and the command line both drive. No Qt import here."""
