"""Certificates of merit: drawing them as print-ready PDFs (no Qt)."""
