"""The middle layer of a package: a gzip-compressed tar stream of named parts, written and read
member by member (never extracted to disk). Reading refuses anything but plain files with the
names a package may hold: no `../`, no absolute path, no link, no device entry or Windows device
name, no entry twice, nothing oversized — each with its own message."""
from __future__ import annotations

import gzip
import io
import re
import tarfile
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from desktop.services.exchange.errors import PackageRefused

MAX_MEMBER = 64 * 1024 * 1024  # one part: a few thousand records are a few MB
MAX_TOTAL = 8 * 1024 * 1024 * 1024  # what a package may expand to
MAX_MEMBERS = 200_000
ALLOWED = re.compile(
    r"^(manifest\.json|manifest\.sig"
    r"|parts/(sessions|models|sources|cases|commendations|recipients|approvals)-\d{5}\.jsonl"
    r"|reference/(topics|units|templates|keys)\.jsonl)$"
)
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


class ArchiveWriter:
    """Adds whole members to a compressed tar stream written to `stream`."""

    def __init__(self, stream: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=stream, mode="wb", compresslevel=6, mtime=0)
        self._tar = tarfile.open(fileobj=self._gzip, mode="w|", format=tarfile.USTAR_FORMAT)  # noqa: SIM115

    def add(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(data))

    def close(self) -> None:
        self._tar.close()
        self._gzip.close()


class _Bounded(io.RawIOBase):
    """Counts what the decompressor yields; refuses a package that expands beyond MAX_TOTAL."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        self.total += len(data)
        if self.total > MAX_TOTAL:
            raise PackageRefused("too_big")
        buffer[: len(data)] = data
        return len(data)


def check_member(member: tarfile.TarInfo) -> None:
    """Refuses a member a package never holds, saying what is wrong with it."""
    name = member.name.replace("\\", "/")
    parts = [p for p in name.split("/") if p]
    if member.issym() or member.islnk():
        raise PackageRefused("entry_link", name=name)
    if member.ischr() or member.isblk() or member.isfifo():
        raise PackageRefused("entry_device", name=name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise PackageRefused("entry_absolute", name=name)
    if ".." in parts:
        raise PackageRefused("entry_parent", name=name)
    if any(p.split(".")[0].upper().rstrip(" ") in WINDOWS_DEVICES for p in parts):
        raise PackageRefused("entry_device_name", name=name)
    if not member.isfile() or not ALLOWED.match(name):
        raise PackageRefused("entry_unexpected", name=name)
    if member.size > MAX_MEMBER:
        raise PackageRefused("too_big")


def read_members(stream: BinaryIO) -> Iterator[tuple[str, bytes]]:
    """(name, content) of each member in order, after checking it; PackageRefused on a damaged
    or cut stream, including after the last member."""
    bounded = _Bounded(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[arg-type]
    try:
        seen: set[str] = set()
        with tarfile.open(fileobj=io.BufferedReader(bounded), mode="r|") as tar:
            for member in tar:
                check_member(member)
                if member.name in seen:
                    raise PackageRefused("entry_twice", name=member.name)
                seen.add(member.name)
                if len(seen) > MAX_MEMBERS:
                    raise PackageRefused("too_big")
                handle = tar.extractfile(member)
                assert handle is not None
                data = handle.read()
                if len(data) != member.size:
                    raise PackageRefused("damaged")
                yield member.name, data
        # The tar's end is not the file's: read on to the end so a cut or changed tail is found.
        while bounded.read(1 << 16):
            pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError):
        raise PackageRefused("damaged") from None
