"""Files that appear whole or not at all: written under a hidden temporary name beside the
target, flushed to the device, then renamed over it. A USB stick pulled out half-way, a full
disk or an error while drawing never leaves a half file under the real name."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to write; on leaving the block it becomes `path` (on an exception it is
    removed and `path` is left as it was)."""
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".part", delete=False)  # noqa: SIM115
    temporary = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
