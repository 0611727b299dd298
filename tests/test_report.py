"""`pemilu-facts report`: the static HTML report, checked as text and in a real headless browser.

The browser test drives Debian's chromium over the DevTools protocol (a tiny websocket client
below, standard library only): the page must load from disk without console errors, exceptions,
CSP violations or network requests; the charts must render with a nonzero size; filtering and
sorting must work; a screenshot is written (REPORT_SCREENSHOT=path keeps a copy).
It is skipped, saying why, only when no chromium is installed (apt-get install -y chromium).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.report import build_report, safe_url
from pipeline.write import write_tables

FIXTURE = Path(__file__).parent / "fixtures" / "tables" / "sample.json"


def sample() -> dict[str, list[dict]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    write_tables(out, sample())
    path = build_report(out)
    assert path == out / "report" / "index.html"
    return path


# --- the page as text ------------------------------------------------------------------------------

def test_report_sections_and_numbers(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    for section in ("totals", "timeline", "regions", "people", "facts", "articles"):
        assert f'<section id="{section}">' in page
    assert page.count('<svg class="chart"') == 2
    # Banten: 30 (Kota Serang, reported twice, counted once) + 40 + 145
    banten = re.search(r"<tr><td>Banten</td><td>PPK</td>(.*?)</tr>", page)
    assert banten and banten.group(1).endswith('<td class=num data-sort="215">215</td>')
    assert "<code>36.73</code>" in page and "Papua Pegunungan" in page
    # people directory: one row for the three forms of Habibi, with the merge evidence
    rows = re.findall(r'<tr id="person-[^"]+"><td><b>([^<]+)</b>', page)
    assert len(rows) == 11 and rows.count("Muhammad Habibi Zaenal Arifin") == 1
    assert "short_form" in page and "same_key_unknown_fields" in page
    # facts link to their evidence sentence and source URL
    assert "KPU Kota Cilegon, Banten, melantik 40 anggota PPK" in page
    assert 'href="https://www.antaranews.com/berita/a03"' in page


def test_report_escapes_text_and_refuses_unsafe_links(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;minta&lt;/b&gt;" in page and "<b>minta</b>" not in page
    assert 'href="javascript:' not in page.lower()
    assert safe_url("javascript:alert(1)") is None and safe_url("file:///etc/passwd") is None
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"


def test_report_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<link" not in page and " src=" not in page  # no stylesheet, script or image to fetch
    assert "cdn" not in page.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp.group(1)  # the one inline script is allowed by its hash


def test_report_of_empty_tables(tmp_path: Path) -> None:
    write_tables(tmp_path / "t", {})
    path = build_report(tmp_path / "t", tmp_path / "r")
    page = path.read_text(encoding="utf-8")
    assert path == tmp_path / "r" / "index.html"
    assert "<svg" not in page and "No swearing-in with a member count yet" in page


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tables(tmp_path / "t", sample())
    assert main(["report", "--out", str(tmp_path / "t"), "--report-dir", str(tmp_path / "r"),
                 "--max-facts", "3"]) == 0
    assert "file://" in capsys.readouterr().out
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "Showing the first 3 of 8 facts" in page
    assert (tmp_path / "t" / "people.parquet").exists()  # built on the way
    assert main(["report", "--out", str(tmp_path / "missing")]) == 2
    assert "no tables folder" in capsys.readouterr().err


# --- the page in a browser -------------------------------------------------------------------------

def find_chromium() -> str | None:
    env = os.environ.get("CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class WebSocket:
    """A minimal websocket client (RFC 6455, text frames) for the DevTools protocol on 127.0.0.1."""

    def __init__(self, url: str, timeout: float = 20.0) -> None:
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        assert m, url
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        assert host in ("127.0.0.1", "localhost"), host
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            head += chunk
        assert head.startswith(b"HTTP/1.1 101"), head[:200]

    def _read(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("websocket closed")
            buf += chunk
        return buf

    def send(self, text: str) -> None:
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else b""
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode == 0x9:  # ping
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                continue
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if b0 & 0x80:
                    return b"".join(parts).decode()

    def close(self) -> None:
        self.sock.close()


class DevTools:
    """Commands and events of one page over the DevTools protocol."""

    def __init__(self, ws_url: str) -> None:
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for ev in self.events:
            if ev["method"] == method:
                return ev
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method:
                    return msg
        raise TimeoutError(method)

    def js(self, expression: str) -> Any:
        res = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(res["exceptionDetails"])
        return res["result"].get("value")


@pytest.fixture(scope="module")
def browser() -> Iterator[DevTools]:
    exe = find_chromium()
    if not exe:
        pytest.skip("no chromium to run the report in (apt-get install -y chromium, or set CHROMIUM=path)")
    profile = tempfile.mkdtemp(prefix="pemilu-chromium-")
    proc = subprocess.Popen(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
         "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tools = None
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            if proc.poll() is not None:
                raise RuntimeError(f"chromium exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t.get("type") == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        yield tools
    finally:
        if tools:
            tools.ws.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
        shutil.rmtree(profile, ignore_errors=True)


def load(browser: DevTools, page: Path) -> None:
    """Open a file in the page and wait for its load event (events start afresh)."""
    browser.events.clear()
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable")
    browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1,
                 mobile=False)
    browser.events.clear()
    browser.call("Page.navigate", url=page.resolve().as_uri())
    browser.wait_for("Page.loadEventFired")


def problems(events: list[dict[str, Any]]) -> list[str]:
    """Console errors and warnings, uncaught exceptions, log errors (CSP, failed loads), requests."""
    found = []
    for ev in events:
        p = ev.get("params", {})
        if ev["method"] == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            found.append(f"{d.get('text')} {d.get('exception', {}).get('description', '')}")
        elif ev["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            found.append(" ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
        elif ev["method"] == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
            found.append(p["entry"].get("text"))
        elif ev["method"] == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith(("file://", "data:", "about:")):
                found.append(f"network request: {url}")
    return found


def test_report_in_a_headless_browser(report: Path, browser: DevTools, tmp_path: Path) -> None:
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable")
    load(browser, report)
    assert browser.js("document.readyState") == "complete"
    assert browser.js("document.title") == "pemilu-facts report"

    # charts: inline SVG elements with a real size and drawn content
    charts = browser.js("""Array.from(document.querySelectorAll('svg.chart')).map(function (s) {
        var r = s.getBoundingClientRect();
        return {label: s.getAttribute('aria-label'), w: r.width, h: r.height,
                shapes: s.querySelectorAll('path, rect, use').length,
                texts: s.querySelectorAll('text').length};
    })""")
    assert len(charts) == 2, charts
    for c in charts:
        assert c["w"] > 300 and c["h"] > 100 and c["shapes"] > 5 and c["texts"] > 3, c
    bar_labels = browser.js("Array.from(document.querySelectorAll('#totals svg text'))"
                            ".map(function (t) { return t.textContent; }).join('|')")
    assert "Banten" in bar_labels and "Papua Pegunungan" in bar_labels

    # the filter narrows the people table and updates its count
    n_people = browser.js("document.querySelectorAll('#people-table tbody tr').length")
    assert n_people == 11
    shown = browser.js("""(function () {
        var box = document.querySelector('input[data-table="people-table"]');
        box.value = 'fauzi'; box.dispatchEvent(new Event('input'));
        return [document.querySelectorAll('#people-table tbody tr:not([hidden])').length,
                document.getElementById('people-table-shown').textContent];
    })()""")
    assert shown == [3, "3"]

    # sorting by a numeric column puts the largest first on the second click
    order = browser.js("""(function () {
        var th = document.querySelectorAll('#totals-table thead th')[5];
        th.click(); th.click();
        return Array.from(document.querySelectorAll('#totals-table tbody tr'))
            .map(function (r) { return r.cells[5].textContent; });
    })()""")
    assert order == ["215", "200", "", ""], order

    # the escaped script in an evidence sentence stays text
    assert browser.js("document.querySelectorAll('script').length") == 1
    assert "<script>alert(1)</script>" in browser.js("document.getElementById('facts').textContent")

    # a screenshot of the whole page
    height = browser.js("document.documentElement.scrollHeight")
    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 6000), "scale": 1})
    png = base64.b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    (tmp_path / "report.png").write_bytes(png)
    if os.environ.get("REPORT_SCREENSHOT"):
        Path(os.environ["REPORT_SCREENSHOT"]).write_bytes(png)

    assert problems(browser.events) == []  # no console errors, exceptions, CSP violations, requests


def test_the_browser_check_catches_errors(browser: DevTools, tmp_path: Path) -> None:
    """The harness itself: a broken page must show up as problems (so the check above can fail)."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy' "
                   "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
                   "<img src='http://192.0.2.1/x.png'><script>console.error('boom'); nope();</script>"
                   "</body></html>", encoding="utf-8")
    load(browser, bad)
    found = " | ".join(problems(browser.events))
    assert "boom" in found and "nope" in found and "Content Security Policy" in found
