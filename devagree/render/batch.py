"""Rendering many documents across the available cores, handed back in a fixed order.

A pool of worker processes renders chunks of documents. On Linux the workers are forked
after the template has been opened and checked and the rendering libraries imported, so a
worker starts with all of that done and reads nothing. Results come back as chunks finish;
``Renderer.render`` hands them on in the order the documents were given, so files are
written (and lines printed) in the same order however the work was shared, and the bytes
are those a single process makes. A document that cannot be rendered comes back with its
error and the others are still rendered.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING

from devagree.core.errors import DevagreeError
from devagree.core.model import Agreement
from devagree.core.strategy_model import Strategy
from devagree.render.docx import RenderOptions

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Renderable = Agreement | Strategy

MAX_CHUNK = 16
"""Documents a worker renders per task: enough to make the round trip cheap, few enough
that the progress bar moves and the last chunks finish together."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One document's .docx bytes, or why it could not be rendered."""

    index: int
    """Its place in the documents given."""
    data: bytes | None = None
    error: str = ""


def available_cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_document(document: Renderable, options: RenderOptions) -> bytes:
    """One agreement or strategy as .docx bytes."""
    from devagree.render.docx import render_docx
    from devagree.render.strategy_docx import render_strategy_docx

    if isinstance(document, Strategy):
        return render_strategy_docx(document, options)
    return render_docx(document, options)


def prepare(options: RenderOptions) -> None:
    """Open and check the template and load what rendering needs, once, before any work.

    A template that cannot be used raises its RenderError here, before anything is written.
    """
    from devagree.i18n import date_in, document_language
    from devagree.render.docx_template import open_template
    from devagree.render.strategy_docx import render_strategy_docx  # noqa: F401

    open_template(options.template)
    date_in(document_language(options.language), date(2000, 1, 1))


def _render_chunk(
    chunk: Sequence[tuple[int, Renderable]], options: RenderOptions
) -> list[Rendered]:
    done: list[Rendered] = []
    for index, document in chunk:
        try:
            done.append(Rendered(index, render_document(document, options)))
        except DevagreeError as err:
            done.append(Rendered(index, error=str(err)))
    return done


def _start_worker(language: str) -> None:
    """Messages in the command's language; Ctrl-C is the parent's to handle (it stops the
    pool, and a worker finishes the chunk it is on)."""
    from devagree.i18n import use_language

    use_language(language)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ready() -> None:
    """An empty task: submitting it starts the workers."""


class Renderer:
    """Renders documents in ``jobs`` processes (in this one when ``jobs`` is 1).

    Use it as a context manager: entering starts the workers, before any thread (such as
    a progress bar's) exists in this process, so forking them is safe.
    """

    def __init__(self, options: RenderOptions, jobs: int) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Renderer:
        prepare(self.options)
        if self.jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Forked workers inherit the opened template and the imported libraries;
            # elsewhere (macOS, Windows) they start afresh, which is slower but the same.
            fork = sys.platform.startswith("linux")
            context = multiprocessing.get_context("fork") if fork else None
            from devagree.i18n import current_language

            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(current_language(),),
            )
            self._pool.submit(_ready).result()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=kind is None, cancel_futures=True)
            self._pool = None

    def render(
        self, documents: Sequence[Renderable], progress: Callable[[int], None] | None = None
    ) -> Iterator[Rendered]:
        """Each document rendered, in the order given; ``progress(n)`` when n more are done."""
        numbered = list(enumerate(documents))
        if self._pool is None or len(numbered) < 2:
            for item in numbered:
                result = _render_chunk([item], self.options)[0]
                if progress is not None:
                    progress(1)
                yield result
            return
        yield from self._in_pool(self._pool, numbered, progress)

    def _in_pool(
        self,
        pool: ProcessPoolExecutor,
        numbered: list[tuple[int, Renderable]],
        progress: Callable[[int], None] | None,
    ) -> Iterator[Rendered]:
        from concurrent.futures import FIRST_COMPLETED, wait

        size = max(1, min(MAX_CHUNK, len(numbered) // (self.jobs * 4)))
        pending: set[Future[list[Rendered]]] = {
            pool.submit(_render_chunk, numbered[start : start + size], self.options)
            for start in range(0, len(numbered), size)
        }
        finished: dict[int, Rendered] = {}
        following = 0
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results = future.result()
                if progress is not None:
                    progress(len(results))
                finished.update((result.index, result) for result in results)
            while following in finished:
                yield finished.pop(following)
                following += 1
