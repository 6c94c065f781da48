"""``perfgen serve``: the draft as a page in the browser, rendered again whenever an input changes.

Each refresh is ``render --draft`` to HTML (docs/architecture.md), in memory: the page is the
printed report's layout with the findings panel (:mod:`perfgen.writers.html`). A server bound to
127.0.0.1 serves two things only — the page at ``/`` and, at ``/events``, a stream of
server-sent events that tells the page a new version is ready; the page then fetches itself and
swaps its content in place, keeping the reader's scroll position. ``watchfiles`` (the ``serve``
extra) watches the YAML, the 自评表 workbook, the shared settings file and the template
folder, the ones the YAML names included. A file that cannot be read shows its message where the
report was, and the next good save brings the report back. Nothing is written to disk.

The HTTP server is the standard library's: a preview for one person on their own machine needs
no more, and it keeps the extra to one package.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfgen.errors import OutputError, PerfgenError

READ_TIMEOUT_SECONDS = 10
"""A client that sends nothing (or stops reading) for this long is disconnected."""

MAX_CONNECTIONS = 16
"""Connections served at once (each open page holds one for its event stream); more are closed
at once, so slow or idle clients cannot hold the server's threads."""

HEARTBEAT_SECONDS = 15
"""A comment line keeps an idle event stream open through proxies and browser timeouts."""

STEP_MS = 50
"""watchfiles yields a change once no other change came within this time (an editor's save
is often a write and a rename)."""

SCRIPT = """<script>
(() => {
  const events = new EventSource("/events");
  events.onmessage = async () => {
    const response = await fetch("/", {cache: "no-store"});
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    document.title = fresh.title;
    document.querySelector("style").textContent = fresh.querySelector("style").textContent;
    document.body.innerHTML = fresh.body.innerHTML;
    document.body.dataset.version = fresh.body.dataset.version || "";
    if (document.querySelector(".problem")) window.scrollTo(0, 0);
  };
})();
</script>
"""
"""The page's live update: on each event, fetch the page and swap in its content."""


@dataclass
class Preview:
    """The draft page of one input, rebuilt when its inputs change.

    Attributes:
        source: The input YAML file.
        templates: A template folder overriding the bundled templates.
        scores: A 自评表 workbook given on the command line.
        settings: A shared settings file given on the command line.
        page: The current page (UTF-8 HTML).
        version: How many times the page was built; the event stream sends it.
    """

    source: Path
    templates: Path | None = None
    scores: Path | None = None
    settings: Path | None = None
    page: bytes = b""
    version: int = 0
    _named: tuple[Path | None, Path | None] = (None, None)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def refresh(self) -> PerfgenError | None:
        """Build the page again and tell the open pages.

        Returns:
            Why the report could not be built (the page then shows it), else ``None``.
        """
        page, failure = self._build()
        with self._changed:
            self.page = page
            self.version += 1
            self._changed.notify_all()
        return failure

    def _build(self) -> tuple[bytes, PerfgenError | None]:
        from html import escape

        from perfgen.pipeline import Renderer, examine, named_inputs
        from perfgen.writers import DocumentInfo, html

        failure = None
        try:
            examined = examine(self.source, scores=self.scores, settings=self.settings)
            self._named = named_inputs(examined.input, self.source)
            page = Renderer(examined, self.templates, draft=True, head=SCRIPT).bytes("html")
        except PerfgenError as exc:
            failure = exc
            info = DocumentInfo(title=f"无法生成预览：{self.source.name}", notes=())
            body = f'<pre class="problem">{escape(exc.for_user())}</pre>\n'
            panel = (
                '<aside id="findings"><h2>草稿 · 无法生成预览</h2>'
                "<p>请按报告位置显示的信息改正并保存，预览会自动恢复。</p></aside>\n"
            )
            page = html.page(info, body, head=SCRIPT, panel=panel).encode("utf-8")
        marked = f'<body data-version="{self.version + 1}">'.encode()
        return page.replace(b"<body>", marked, 1), failure

    def wait(self, seen: int, timeout: float) -> int:
        """The version after ``seen``, or ``seen`` again when none came within ``timeout``."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def watched(self) -> tuple[set[Path], Path | None]:
        """The files the page is made from, and the template folder (all resolved)."""
        named_scores, named_settings = self._named
        files = {self.source, self.scores or named_scores, self.settings or named_settings}
        folder = self.templates.resolve() if self.templates else None
        return {f.resolve() for f in files if f is not None}, folder

    def folders(self) -> set[Path]:
        """The folders to watch: each watched file's, and the template folder's tree."""
        files, templates = self.watched()
        found = {f.parent for f in files}
        if templates is not None and templates.is_dir():
            found |= {templates, *(d for d in templates.rglob("*") if d.is_dir())}
        return {d for d in found if d.is_dir()}

    def concerns(self, changed: Path) -> bool:
        """Whether a change to ``changed`` changes the page."""
        files, templates = self.watched()
        changed = changed.resolve()
        if changed in files:
            return True
        return templates is not None and changed.suffix == ".jinja" and templates in changed.parents


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the page at ``/`` and its event stream at ``/events``; nothing else."""

    preview: Preview
    stopping: threading.Event
    server_version = "perfgen"
    timeout = READ_TIMEOUT_SECONDS

    def do_GET(self) -> None:
        if not self._local():
            self.send_error(403, "Forbidden")
        elif self.path == "/":
            self._page()
        elif self.path == "/events":
            self._events()
        else:
            self.send_error(404, "Not Found")

    def _local(self) -> bool:
        """Only pages of this server may ask: one Host header, exactly ``127.0.0.1:PORT`` or
        ``localhost:PORT`` with this server's port (any other is a DNS rebinding attack)."""
        hosts = self.headers.get_all("Host") or []
        port = self.server.server_address[1]  # type: ignore[index]
        return len(hosts) == 1 and hosts[0].lower() in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _page(self) -> None:
        with self.preview._changed:
            page = self.preview.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(page)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.preview.version
        try:
            while not self.stopping.is_set():
                version = self.preview.wait(seen, HEARTBEAT_SECONDS)
                line = f"data: {version}\n\n" if version != seen else ": 保持连接\n\n"
                self.wfile.write(line.encode("utf-8"))
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the findings, not each request."""


class _Server(http.server.ThreadingHTTPServer):
    """The standard threading server, serving at most :data:`MAX_CONNECTIONS` at once."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, or close it when all are taken."""
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """The standard thread's work; then the connection's slot is free again."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def start(preview: Preview, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving ``preview`` on 127.0.0.1 in a background thread.

    Args:
        preview: The page to serve.
        port: The port; 0 for a free one.

    Returns:
        The server (``shutdown()`` stops it) and the page's address.

    Raises:
        OutputError: the port is taken or cannot be used.
    """
    stopping = threading.Event()
    handler = type("Handler", (_Handler,), {"preview": preview, "stopping": stopping})
    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError as exc:
        raise OutputError(f"无法在 127.0.0.1:{port} 上启动预览：{exc.strerror or exc}") from None
    server.daemon_threads = True
    original = server.shutdown

    def shutdown() -> None:
        stopping.set()
        with preview._changed:
            preview._changed.notify_all()
        original()

    server.shutdown = shutdown  # type: ignore[method-assign]
    threading.Thread(target=server.serve_forever, name="perfgen-serve", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def changes(preview: Preview, stop: threading.Event | None = None) -> Iterator[set[Path]]:
    """Each group of changes to the preview's inputs, as they come (until ``stop``).

    The watched folders are looked at again after each change, so a workbook or settings file
    the YAML names from now on is watched too.

    Raises:
        OutputError: watchfiles is not installed (the ``serve`` extra); raised at once, before
            anything is served.
    """
    try:
        import watchfiles
    except ImportError:
        raise OutputError(
            '预览需要 watchfiles：请在 perfgen 的目录中运行 pip install ".[serve]"'
        ) from None

    def watch() -> Iterator[set[Path]]:
        while stop is None or not stop.is_set():
            folders = preview.folders()
            for batch in watchfiles.watch(
                *folders, recursive=False, step=STEP_MS, stop_event=stop, raise_interrupt=True
            ):
                relevant = {Path(p) for _, p in batch if preview.concerns(Path(p))}
                if relevant:
                    yield relevant
                if preview.folders() != folders:
                    break
            else:
                return

    return watch()
