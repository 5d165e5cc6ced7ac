"""The record forms: one dialog for every kind of record (`RecordForm`), opened without blocking
by `open_record_form(parent, context, kind, record_id=None)`."""
from desktop.ui.forms.record_form import RecordForm, open_record_form

__all__ = ["RecordForm", "open_record_form"]
