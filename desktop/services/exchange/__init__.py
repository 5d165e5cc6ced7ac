"""The USB exchange: keys, packages, export and import (no Qt)."""
