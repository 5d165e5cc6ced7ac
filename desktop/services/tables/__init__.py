"""Spreadsheet import and export (CSV as Excel writes it, and .xlsx), one format both ways."""
