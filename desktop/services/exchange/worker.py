"""A second process that prepares a package's parts (`prepare.prepare_part`: the lines parsed,
each record read and put through the validation layer, its row made ready for the driver) while
this process writes the parts before them. Writing (SQLite's own work) and preparing (Python's)
then take about the same time each, on two cores instead of one after the other.

The parts go in order through one pipe and come back in order through another. Each side writes
to its pipe from a thread of its own and the worker reads from a thread of its own, so neither
side waits on the other's pipe. The worker ends when its pipe is closed, also when this process
is killed.
"""
from __future__ import annotations

import gc
import marshal
import multiprocessing
import queue
import sys
import threading
import traceback
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any, Self

from desktop.i18n import set_language
from desktop.services.exchange.errors import PackageRefused
from desktop.services.exchange.package import _parse_lines
from desktop.services.exchange.prepare import PrepareContext, Prepared, prepare_part

# Parts handed over before the first of them is applied. The worker prepares sessions more slowly
# than this process writes them, and the other kinds faster: the more parts it may run ahead, the
# more of the time it gains on those it can spend on the sessions. Probe runs taken in turn
# (100 packages): 55.3 and 56.2 s with 6 parts against 57.3 and 61.8 s with 2.
AHEAD = 6


class WorkerFailed(RuntimeError):
    """The worker stopped or failed on a part: a fault of this program, not of the package."""


class PrepareWorker:
    """The worker process, started at once; `close` (or leaving the `with` block) ends it."""

    def __init__(self) -> None:
        spawn = multiprocessing.get_context("spawn")  # not fork: this process may run Qt's threads
        requests, self._requests = spawn.Pipe(duplex=False)
        self._results, results = spawn.Pipe(duplex=False)
        self._process = spawn.Process(target=serve, args=(requests, results), name="antq-prepare", daemon=True)
        self._process.start()
        requests.close()  # the worker's ends: only it holds them, so it sees this process end
        results.close()
        self.waiting = 0  # parts handed over whose result has not been taken
        # Sending a part blocks until the worker has read it, 64 KiB at a time, each time after its
        # reading thread has had the worker's interpreter for a moment: a thread of ours waits for
        # that, and the importer goes on writing (it had spent 1.7 s in `write` per 25 packages).
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="antq-prepare-sender", daemon=True)
        self._sender.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def use(self, context: PrepareContext) -> None:
        """What the next parts are prepared with (one sender's package)."""
        self._send(("context", context))

    def learn(self, organisations: list[tuple[int, str, str, int, int]]) -> None:
        """Organisations the merge created, so records naming them are prepared there too."""
        if organisations:
            self._send(("learn", organisations))

    def submit(self, kind: str, data: bytes) -> None:
        """A part to prepare."""
        self._send(("part", kind, data))
        self.waiting += 1

    def result(self) -> Prepared:
        """The next part's result, in the order the parts were submitted."""
        try:
            message = marshal.loads(self._results.recv_bytes())
        except (EOFError, OSError, ValueError) as error:
            raise WorkerFailed(f"the preparing process stopped: {error!r}") from None
        finally:
            self.waiting -= 1
        if message[0] == "refused":
            raise PackageRefused(message[1], **message[2])
        if message[0] == "error":
            raise WorkerFailed(message[1])
        return message[1]  # type: ignore[no-any-return]

    def discard(self) -> None:
        """Takes and drops every result still due (after a package was refused or cancelled)."""
        while self.waiting:
            try:
                self.result()
            except PackageRefused:
                continue
            except WorkerFailed:
                self.waiting = 0  # nothing more will come

    def close(self) -> None:
        self._outbox.put(None)
        self._sender.join()  # it closes the pipe
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._results.close()

    def _send(self, message: Any) -> None:
        # Pickled here, as it is now: the context's dicts change while the message waits its turn.
        self._outbox.put(ForkingPickler.dumps(message))

    def _send_all(self) -> None:
        try:
            while (message := self._outbox.get()) is not None:
                self._requests.send_bytes(message)
        except OSError:
            pass  # the worker has gone: `result` says so
        finally:
            self._requests.close()  # the worker then ends, and `result` says so


def serve(requests: Connection, results: Connection) -> None:
    """The worker's loop: prepares each part it is sent, in order, until its pipe closes."""
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def take() -> None:
        try:
            while True:
                inbox.put(requests.recv())
        except (EOFError, OSError):
            inbox.put(None)

    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def give() -> None:
        try:
            while (answer := outbox.get()) is not None:
                results.send_bytes(answer)
        except OSError:
            pass  # the importer has gone: the inbox ends too

    threading.Thread(target=take, name="antq-prepare-inbox", daemon=True).start()
    # Answers are sent by a thread of their own: the next part is prepared meanwhile, not once the
    # importer has taken the answer before it out of the pipe.
    giving = threading.Thread(target=give, name="antq-prepare-outbox", daemon=True)
    giving.start()
    # The pipe threads need the interpreter for a moment after each 64 KiB the pipe holds; by
    # default each would wait up to 5 ms each time for the preparing thread to let go of it, and the
    # importer, sending a part or waiting for an answer, with it.
    sys.setswitchinterval(0.0005)
    # As in the importer: a part makes millions of short-lived objects, all freed by counting
    # references; the collector runs now and then between parts instead of every 700 objects.
    gc.freeze()
    gc.disable()
    context: PrepareContext | None = None
    done = 0
    while (message := inbox.get()) is not None:
        if message[0] == "context":
            context = message[1]
            set_language(context.language)
            continue
        if message[0] == "learn":
            assert context is not None
            for entry in message[1]:
                context.learn(*entry)
            continue
        _, kind, data = message
        try:
            assert context is not None, "a part before its context"
            answer: tuple[Any, ...] = ("ok", prepare_part(kind, _parse_lines(data), context))
        except PackageRefused as refusal:
            answer = ("refused", refusal.code, refusal.values)
        except Exception:  # noqa: BLE001 - told to the importer, which stops with it
            answer = ("error", traceback.format_exc())
        outbox.put(marshal.dumps(answer))
        done += 1
        if done % 50 == 0:
            gc.collect()
    outbox.put(None)
    giving.join()
