"""A package as parts and a signed manifest: writing one (parts as they come, then the manifest
that lists each part's hash and count, signed with the sender's Ed25519 key) and reading one
(each part hashed as it streams by; the manifest's signature and every hash, count and header
field checked at the end, before the caller commits anything).

    header (clear)  →  container (encrypted)  →  gzip tar: parts/…jsonl…, manifest.json, manifest.sig
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from desktop.services.exchange.archive import ArchiveWriter, read_members
from desktop.services.exchange.container import ContainerReader, ContainerWriter, read_header
from desktop.services.exchange.errors import PackageRefused

SIGNATURE_CONTEXT = b"antq manifest v1\n"
PART_RECORDS = 2000  # records per part: what is held in memory at once, either side
MAX_MANIFEST = 16 * 1024 * 1024
# Header fields the signed manifest must repeat exactly.
BOUND_FIELDS = ("kind", "installation", "sequence", "signer", "recipient", "unit", "scheme")


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def encode_part(items: list[dict[str, Any]]) -> bytes:
    """A part's lines: each item as compact JSON, UTF-8 unescaped, as `json.dumps(item,
    ensure_ascii=False, separators=(",", ":"))` writes it; by orjson, 8× faster."""
    return b"".join(orjson.dumps(item) + b"\n" for item in items)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PackageWriter:
    """Writes one package to `out`: `add_part` for each part, then `finish`."""

    def __init__(self, out: BinaryIO, header: dict[str, Any], recipient: X25519PublicKey | None) -> None:
        self.header = header
        self._container = ContainerWriter(out, header, recipient)
        self._archive = ArchiveWriter(self._container)  # type: ignore[arg-type]
        self._parts: list[dict[str, Any]] = []
        self._numbers: dict[str, int] = {}

    def add_part(self, kind: str, items: list[dict[str, Any]], *, reference: bool = False) -> None:
        # Items keep the key order they were built in (deterministic); only the signed manifest
        # needs canonical sorting.
        data = encode_part(items)
        if reference:
            name = f"reference/{kind}.jsonl"
        else:
            self._numbers[kind] = self._numbers.get(kind, 0) + 1
            name = f"parts/{kind}-{self._numbers[kind]:05d}.jsonl"
        self._archive.add(name, data)
        self._parts.append({"name": name, "kind": kind, "records": len(items), "sha256": digest(data)})

    def finish(self, fields: dict[str, Any], signing: Ed25519PrivateKey) -> tuple[dict[str, Any], str]:
        """Adds the signed manifest and closes the stream; returns the manifest and its digest."""
        counts: dict[str, int] = {}
        for part in self._parts:
            counts[part["kind"]] = counts.get(part["kind"], 0) + part["records"]
        manifest = dict(fields, parts=self._parts, counts=counts,
                        **{k: self.header[k] for k in BOUND_FIELDS if k in self.header})
        encoded = canonical(manifest)
        self._archive.add("manifest.json", encoded)
        self._archive.add("manifest.sig", signing.sign(SIGNATURE_CONTEXT + encoded))
        self._archive.close()
        self._container.close()
        return manifest, digest(encoded)


@dataclass
class Part:
    """A part as it was read: its lines are parsed when asked for (a worker process may parse
    them instead)."""

    kind: str
    name: str
    data: bytes
    reference: bool = False

    @functools.cached_property
    def items(self) -> list[dict[str, Any]]:
        return _parse_lines(self.data)


@dataclass
class PackageReader:
    """Reads one package from `source`. `header` is available at once (so the caller can refuse
    an unknown signer or another province's package before decrypting); `parts()` streams the
    parts and, once they are all read, checks the manifest, whose values are then in
    `manifest` and `manifest_digest`."""

    source: BinaryIO
    header: dict[str, Any] = field(init=False)
    manifest: dict[str, Any] = field(init=False, default_factory=dict)
    manifest_digest: str = field(init=False, default="")
    _header_bytes: bytes = field(init=False, default=b"")

    def __post_init__(self) -> None:
        self.header, self._header_bytes = read_header(self.source)

    def parts(self, private_key: X25519PrivateKey | None, signer: Ed25519PublicKey) -> Iterator[Part]:
        seen: list[dict[str, Any]] = []
        manifest_bytes: bytes | None = None
        signature: bytes | None = None
        body = ContainerReader(self.source, self.header, self._header_bytes, private_key)
        for name, data in read_members(body):  # type: ignore[arg-type]
            if name == "manifest.json":
                if manifest_bytes is not None or len(data) > MAX_MANIFEST:
                    raise PackageRefused("damaged")
                manifest_bytes = data
                continue
            if name == "manifest.sig":
                if manifest_bytes is None:
                    raise PackageRefused("damaged")
                signature = data
                continue
            if manifest_bytes is not None:
                raise PackageRefused("damaged")  # nothing may follow the manifest
            kind = name.split("/")[1].split("-")[0].removesuffix(".jsonl")
            seen.append({"name": name, "kind": kind, "records": count_lines(data), "sha256": digest(data)})
            yield Part(kind, name, data, reference=name.startswith("reference/"))
        if manifest_bytes is None or signature is None:
            raise PackageRefused("truncated")
        try:
            signer.verify(signature, SIGNATURE_CONTEXT + manifest_bytes)
        except InvalidSignature:
            raise PackageRefused("bad_signature") from None
        manifest = _parse_object(manifest_bytes)
        if manifest.get("parts") != seen:
            raise PackageRefused("parts_mismatch")
        if any(manifest.get(k) != self.header.get(k) for k in BOUND_FIELDS):
            raise PackageRefused("header_mismatch")
        self.manifest = manifest
        self.manifest_digest = digest(manifest_bytes)


def _parse_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused("malformed") from None
    if not isinstance(value, dict):
        raise PackageRefused("malformed")
    return value


# orjson reads an integer past 64 bits as a float where `json` keeps it whole: a part with a run
# of 19 digits anywhere (any digit made 0 by this table) is read by `json` alone.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19


def count_lines(data: bytes) -> int:
    """How many items `_parse_lines` reads from a part (a last line may lack its newline)."""
    return data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)


def _parse_lines(data: bytes) -> list[dict[str, Any]]:
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    # orjson (3× faster) gives what `json` gives for every line it accepts but those numbers; on
    # anything it refuses (NaN, a lone surrogate, bad UTF-8, …) `json` decides, as before.
    if _LONG_NUMBER not in data.translate(_DIGITS_AS_ZERO):
        try:
            items = list(map(orjson.loads, lines))
        except orjson.JSONDecodeError:
            pass
        else:
            if all(type(item) is dict for item in items):
                return items
    return [_parse_object(line) for line in lines]


def file_digest(path: Any, progress: Callable[[int], None] | None = None) -> str:
    """SHA-256 of a whole file, read in blocks."""
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            hasher.update(block)
            if progress:
                progress(len(block))
    return hasher.hexdigest()
