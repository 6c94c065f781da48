"""``perfgen serve``: the draft page, its server, and the page in a real browser.

The browser test starts the command as a user would, drives Debian's headless Chromium through
selenium, edits the YAML on disk and waits for the page to show the new figure and its finding.
The NPC sample's income is 2503.22 + 11.40 = 2514.62 万元 (checked by hand), so a total of
2516.62 is 2.00 万元 off: a sum-mismatch error.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfgen.cli import main
from perfgen.serve.preview import Preview, start

DATA = Path(__file__).parent.parent / "data"
SAMPLE = DATA / "nansha-npc-office-2023.yaml"


@pytest.fixture
def live(tmp_path: Path) -> Path:
    target = tmp_path / "unit.yaml"
    shutil.copyfile(SAMPLE, target)
    return target


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_a_yaml_that_cannot_be_read_shows_its_message_and_recovers(live: Path) -> None:
    preview = Preview(live)
    preview.refresh()
    assert "检查未发现问题" in preview.page.decode() and preview.version == 1
    good = live.read_text(encoding="utf-8")
    live.write_text("title: [unclosed\n", encoding="utf-8")
    failure = preview.refresh()
    assert failure is not None and "YAML 语法错误" in failure.for_user()
    page = preview.page.decode()
    assert "草稿 · 无法生成预览" in page
    assert f'<pre class="problem">{live}:2:1: YAML 语法错误' in page
    live.write_text(good.replace("total: 2514.62", "total: 2516.62", 1), encoding="utf-8")
    assert preview.refresh() is None
    page = preview.page.decode()
    assert "总收入2516.62万元" in page and "错误[sum-mismatch]" in page
    assert '<body data-version="3">' in page


def test_only_the_inputs_concern_the_preview(live: Path, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    (templates / "sentences").mkdir(parents=True)
    preview = Preview(live, templates=templates)
    preview.refresh()
    assert preview.concerns(live)
    assert preview.concerns(templates / "sentences" / "income.md.jinja")
    assert not preview.concerns(tmp_path / "notes.txt")
    assert not preview.concerns(tmp_path / "unit.docx")
    assert preview.folders() == {tmp_path, templates, templates / "sentences"}


def test_the_server_serves_the_page_and_its_events_only(live: Path) -> None:
    preview = Preview(live)
    preview.refresh()
    server, address = start(preview)
    try:
        assert address.startswith("http://127.0.0.1:")
        status, page = _get(address)
        assert status == 200 and "<title>广州市南沙区人民代表大会常务委员会办公室" in page
        assert _get(address + "unit.yaml")[0] == 404
        assert _get(address + "../unit.yaml")[0] == 404
        assert _get(address, host="attacker.example")[0] == 403
        lines: list[bytes] = []
        opened = threading.Event()

        def listen() -> None:
            with urllib.request.urlopen(address + "events", timeout=10) as stream:
                opened.set()
                lines.append(stream.readline())

        listener = threading.Thread(target=listen)
        listener.start()
        assert opened.wait(10)
        preview.refresh()
        listener.join(10)
        assert lines == [b"data: 2\n"]
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_the_extra_says_what_to_install(
    live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    result = CliRunner().invoke(main, ["serve", str(live), "--no-open"])
    assert result.exit_code == 1
    assert (
        result.output
        == '错误：预览需要 watchfiles：请在 perfgen 的目录中运行 pip install ".[serve]"\n'
    )


def test_serve_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "none.yaml"), "--no-open"])
    assert result.exit_code == 1 and "找不到文件" in result.output


def _browser():  # type: ignore[no-untyped-def]
    """Headless Chromium driven by selenium, or a skip naming what is missing."""
    pytest.importorskip("watchfiles", reason="需要 watchfiles（perfgen[serve]）")
    webdriver = pytest.importorskip("selenium.webdriver", reason="需要 selenium")
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver（.ci/run 会安装）")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1500,1000",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def _text(browser, element_id: str) -> str:  # type: ignore[no-untyped-def]
    script = f"return (document.getElementById('{element_id}') || {{}}).innerText || ''"
    return str(browser.execute_script(script))


def test_the_page_follows_the_yaml_in_a_real_browser(live: Path, tmp_path: Path) -> None:
    browser = _browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    command = [sys.executable, "-m", "perfgen", "serve", str(live), "--no-open"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        assert first.startswith("预览地址：http://127.0.0.1:") and first.endswith(
            "（按 Ctrl-C 停止）\n"
        )
        address = first.removeprefix("预览地址：").split("（")[0]
        browser.get(address)
        assert "检查未发现问题" in _text(browser, "findings")
        assert "总收入2514.62万元" in _text(browser, "report")

        text = live.read_text(encoding="utf-8")
        live.write_text(text.replace("total: 2514.62", "total: 2516.62", 1), encoding="utf-8")
        wait = WebDriverWait(browser, 10, poll_frequency=0.05)
        wait.until(lambda b: "总收入2516.62万元" in _text(b, "report"))
        wait.until(lambda b: "错误[sum-mismatch]" in _text(b, "findings"))
        assert "相差 2.00 万元" in _text(browser, "findings")

        browser.find_element(By.CSS_SELECTOR, "#findings li.error a").click()
        wait.until(lambda b: b.execute_script("return location.hash") != "")
        target = browser.execute_script("return document.querySelector(location.hash).innerText")
        assert target.startswith("2023年区人大常委会办公室总收入2516.62万元")
        top = browser.execute_script(
            "return document.querySelector(location.hash).getBoundingClientRect().top"
        )
        assert 0 <= top < 1000  # scrolled into view

        screenshot = tmp_path / "serve.png"
        assert browser.save_screenshot(str(screenshot))
        data = screenshot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
        assert int.from_bytes(data[16:20], "big") == 1500  # the window's width
    finally:
        browser.quit()
        server.send_signal(signal.SIGINT)
        _, rest = server.communicate(timeout=20)
    assert server.returncode == 0, rest
    assert rest.endswith("预览已停止\n")
    assert "已更新：unit.yaml" in rest
    assert sorted(os.listdir(tmp_path)) == ["serve.png", "unit.yaml"]  # serve wrote nothing


def test_the_host_must_be_this_server_exactly(live: Path) -> None:
    preview = Preview(live)
    preview.refresh()
    server, address = start(preview)
    port = server.server_address[1]
    try:
        for host in (
            "127.0.0.1:1@evil.com",
            "localhost:evil",
            f"127.0.0.1:{port}.evil.com",
            "127.0.0.1",
            f"127.0.0.1:{port + 1}",
            f"evil.com:{port}",
        ):
            assert _get(address, host=host)[0] == 403, host
        assert _get(address, host=f"localhost:{port}")[0] == 200
        assert _get(address, host=f"LOCALHOST:{port}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def _idle(port: int) -> socket.socket:
    """A connection that sends nothing."""
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def test_a_silent_client_is_disconnected(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfgen.serve import preview as module

    monkeypatch.setattr(module._Handler, "timeout", 0.2)
    preview = Preview(live)
    preview.refresh()
    server, _ = start(preview)
    try:
        with _idle(server.server_address[1]) as silent:
            assert silent.recv(100) == b""  # closed by the server, not by our 10 s timeout
    finally:
        server.shutdown()
        server.server_close()


def test_connections_beyond_the_cap_are_closed(live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfgen.serve import preview as module

    monkeypatch.setattr(module, "MAX_CONNECTIONS", 2)
    preview = Preview(live)
    preview.refresh()
    server, address = start(preview)
    port = server.server_address[1]
    try:
        held = [_idle(port), _idle(port)]
        with _idle(port) as third:
            assert third.recv(100) == b""  # closed at once: the held ones would time out later
        for connection in held:
            connection.close()
        for _ in range(100):  # the freed slots come back once their threads end
            try:
                if _get(address)[0] == 200:
                    break
            except (ConnectionError, urllib.error.URLError):
                threading.Event().wait(0.05)
        else:
            pytest.fail("the server did not serve again after the held connections closed")
    finally:
        server.shutdown()
        server.server_close()
