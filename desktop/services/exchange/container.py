"""The outer layer of a package file: a short clear header, then the body encrypted to the
receiver in 64 KiB chunks (the STREAM construction: AES-256-GCM, a nonce made of the chunk's
number and a last-chunk flag, the header bound in as associated data), so that a package of any
size is written and read in constant memory and any flipped, missing or reordered byte, or a
file cut short, fails to open.

    magic (8) | header length (4, big-endian) | header (UTF-8 JSON) | chunks…

The key is fresh for every package: an X25519 exchange between a throw-away key and the
receiver's key, through HKDF-SHA256. Reference packages sent down to units are public data:
their body is not encrypted (cipher "none") and their integrity rests on the signed manifest.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.services.exchange.errors import PackageRefused

MAGIC = b"ANTQPKG1"
FORMAT = 1  # the newest package format this version reads and writes
CHUNK = 64 * 1024
TAG = 16
MAX_HEADER = 16 * 1024
CIPHER = "x25519-hkdf-sha256-aes256gcm-stream64k"
PLAIN = "none"


def _key(shared: bytes, salt: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    info = b"antq package v1|" + ephemeral + recipient
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(shared)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class ContainerWriter(io.RawIOBase):
    """A write-only stream: what is written goes out encrypted (or plain) after the header."""

    def __init__(self, out: BinaryIO, header: dict[str, Any], recipient: X25519PublicKey | None) -> None:
        super().__init__()
        self._out = out
        self._buffer = bytearray()
        self._counter = 0
        header = dict(header, format=FORMAT)
        if recipient is None:
            header["cipher"] = PLAIN
            self._aead = None
        else:
            ephemeral = X25519PrivateKey.generate()
            ephemeral_public = ephemeral.public_key().public_bytes_raw()
            salt = os.urandom(16)
            header.update(cipher=CIPHER, ephemeral=base64.b64encode(ephemeral_public).decode(),
                          salt=base64.b64encode(salt).decode())
            key = _key(ephemeral.exchange(recipient), salt, ephemeral_public, recipient.public_bytes_raw())
            self._aead = AESGCM(key)
        encoded = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
        prefix = MAGIC + len(encoded).to_bytes(4, "big") + encoded
        self._aad = hashlib.sha256(prefix).digest()
        out.write(prefix)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # type: ignore[override]
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one chunk back: the last one is flagged
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, chunk: bytes, last: bool) -> None:
        if self._aead is None:
            self._out.write(chunk)
        else:
            self._out.write(self._aead.encrypt(_nonce(self._counter, last), chunk, self._aad))
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


def read_header(source: BinaryIO) -> tuple[dict[str, Any], bytes]:
    """The header of a package (and its bytes, bound into every chunk); PackageRefused when the
    file is not a package, is cut short, or was made by a newer version."""
    magic = source.read(len(MAGIC))
    if magic != MAGIC:
        if magic[:7] == MAGIC[:7] and len(magic) == len(MAGIC) and magic[7:].isdigit():
            raise PackageRefused("newer_format")
        raise PackageRefused("not_a_package")
    size_bytes = source.read(4)
    if len(size_bytes) < 4:
        raise PackageRefused("truncated")
    size = int.from_bytes(size_bytes, "big")
    if size > MAX_HEADER:
        raise PackageRefused("header_too_big")
    encoded = source.read(size)
    if len(encoded) < size:
        raise PackageRefused("truncated")
    try:
        header = json.loads(encoded.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused("damaged") from None
    if not isinstance(header, dict):
        raise PackageRefused("damaged")
    version = header.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
        raise PackageRefused("newer_format")
    if version != FORMAT:
        raise PackageRefused("damaged")
    return header, MAGIC + size_bytes + encoded


class ContainerReader(io.RawIOBase):
    """A read-only stream of the body: decrypted chunk by chunk; a chunk that does not open, or
    an end without the last chunk, raises PackageRefused."""

    def __init__(self, source: BinaryIO, header: dict[str, Any], header_bytes: bytes,
                 private_key: X25519PrivateKey | None) -> None:
        super().__init__()
        self._source = source
        self._pending = b""
        self._counter = 0
        self._done = False
        cipher = header.get("cipher")
        if cipher == PLAIN:
            self._aead = None
        elif cipher == CIPHER:
            if private_key is None:
                raise PackageRefused("no_receiving_key")
            try:
                ephemeral = base64.b64decode(str(header.get("ephemeral")), validate=True)
                salt = base64.b64decode(str(header.get("salt")), validate=True)
                shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
            except ValueError:
                raise PackageRefused("damaged") from None
            recipient = private_key.public_key().public_bytes_raw()
            self._aead = AESGCM(_key(shared, salt, ephemeral, recipient))
        else:
            raise PackageRefused("damaged")
        self._aad = hashlib.sha256(header_bytes).digest()
        self._lookahead = source.read(1)

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes:
        size = CHUNK + (0 if self._aead is None else TAG)
        body = self._lookahead + self._source.read(size - len(self._lookahead))
        self._lookahead = self._source.read(1)
        last = not self._lookahead
        if self._aead is None:
            self._done = last
            return body
        try:
            plain = self._aead.decrypt(_nonce(self._counter, last), body, self._aad)
        except InvalidTag:
            raise PackageRefused("damaged") from None
        self._counter += 1
        self._done = last
        return plain

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            self._pending = self._next_chunk()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count
