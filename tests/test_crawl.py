"""`pemilu-facts crawl` against a local test site (tests/fixtures/site) served on 127.0.0.1.

The site has invented Indonesian election news in the layouts of real outlets (menus, "Baca juga"
inline and in blocks, share widgets, tags, comments, bylines, dates), an RSS feed, a sitemap and a
robots.txt, plus misbehaving URLs: a 404, a 500 then success, a 429 with Retry-After, a slow page,
a redirect loop, a PDF, an oversized page, wrong charsets, an English page, a syndicated copy.
"""

from __future__ import annotations

import csv
import gzip
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from pipeline.acquire import page as pagemod
from pipeline.acquire.crawl import CrawlConfig, crawl, crawl_to_jsonl
from pipeline.acquire.fetch import Fetcher, FetchError, retry_after_seconds
from pipeline.acquire.pubdate import dateline_date, publication_date
from pipeline.acquire.urls import AddressPolicy, normalize_url, url_rejection
from pipeline.cli import main

SITE = Path(__file__).parent / "fixtures" / "site"
SLOW_SECONDS = 2.5

PAGE1 = "/berita/kpu-kota-serang-lantik-75-anggota-ppk.html"
COPY = "/mitra/kpu-serang-lantik-ppk-pilkada.html"
BAWASLU = "/berita/bawaslu-lebak-buka-rekrutmen-panwascam.html"
PANDEGLANG = "/read/2024/05/16/kpu-pandeglang-umumkan-2520-anggota-pps-terpilih.html"
SUKAMAJU = "/daerah/pps-desa-sukamaju-gelar-rapat-konsolidasi.html"
LATIN1 = "/berita/ppk-kasemen-ikuti-bimtek-latin1.html"
LATIN1_HEADER = "/berita/kppsln-kuala-lumpur-dilantik-latin1-header.html"
FLAKY = "/dinamis/kpu-cilegon-gelar-bimtek-kpps.html"
RATE_LIMITED = "/dinamis/ppk-walantaka-ikuti-rapat-konsolidasi.html"
ENGLISH = "/en/news/serang-election-body-swears-in-district-committees.html"
SPORTS = "/olahraga/persiraja-tekuk-tamu-dua-gol.html"
PRIVATE = "/private/draf-internal.html"
MISSING = "/berita/kpu-kota-serang-tetapkan-dps.html"
SLOW = "/lambat/pleno-rekapitulasi.html"
LOOP = "/putar/a.html"
PDF = "/unduh/laporan-dana-kampanye"
LARGE = "/besar/arsip-lengkap.html"

ARTICLE_PATHS = {PAGE1, COPY, BAWASLU, PANDEGLANG, SUKAMAJU, LATIN1, LATIN1_HEADER, FLAKY, RATE_LIMITED}
#: Titles of linked articles ("Baca juga", related blocks, sidebars) that must never reach the text.
LINKED_TITLES = [
    "KPU Banten Tetapkan Jadwal Pelantikan PPS Serentak",
    "Bawaslu Serang Awasi Rekrutmen Pantarlih di Enam Kecamatan",
    "KPU Lebak Siapkan Gudang Logistik di Setiap Kecamatan",
    "Ratusan Warga Daftar PPS di Rangkasbitung dalam Sehari",
    "DKPP Berhentikan Anggota KPU Kabupaten Tetangga",
    "KPU Pandeglang Perpanjang Masa Pendaftaran PPS di 12 Desa",
    "Bawaslu Temukan Calon Anggota PPS Terdaftar di Sipol Partai",
    "PPK Cibungbulang Lantik 39 Anggota PPS se-Kecamatan",
    "Pj Wali Kota Serang Minta ASN Jaga Netralitas Selama Pilkada",
    "KPPS se-Kota Cilegon Dilantik Serentak di Kantor Kelurahan",
    "PPS Walantaka Rampungkan Verifikasi Faktual Dukungan Calon Perseorangan",
    "KPU Lebak Umumkan Hasil Seleksi PPS untuk 340 Desa",
    "Harga Cabai di Pasar Rau Naik",
]
FURNITURE = ["baca juga", "pewarta:", "editor:", "copyright", "advertisement", "scroll to continue",
             "simak video", "bagikan", "komentar", "beranda"]


class _Site:
    """Request log shared by the handler threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[float, str, str]] = []  # (time, path, user agent)
        self.stop = threading.Event()
        self.base = ""

    def record(self, path: str, agent: str) -> int:
        with self.lock:
            self.requests.append((time.monotonic(), path, agent))
            return sum(1 for _, p, _ in self.requests if p == path)

    def paths(self, since: int = 0) -> list[str]:
        with self.lock:
            return [p for _, p, _ in self.requests[since:]]


def _handler(site: _Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None, length: bool = True) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if length:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = urlsplit(self.path).path
            n = site.record(path, self.headers.get("User-Agent", ""))
            if path.startswith("/lambat/"):
                site.stop.wait(SLOW_SECONDS)
                return self._send(200, (SITE / "dinamis" / "kpu-cilegon-gelar-bimtek-kpps.html").read_bytes())
            if path == "/putar/a.html":
                return self._send(302, headers={"Location": "/putar/b.html"})
            if path == "/putar/b.html":
                return self._send(302, headers={"Location": f"{site.base}/putar/a.html"})
            if path == "/ke-privat":
                port = urlsplit(site.base).port
                return self._send(302, headers={"Location": f"http://127.0.0.2:{port}{PAGE1}"})
            if path == PDF:
                return self._send(200, (SITE / "dokumen" / "laporan-dana-kampanye.pdf").read_bytes(),
                                  ctype="application/pdf")
            if path == FLAKY and n == 1:
                return self._send(500, b"<h1>Internal Server Error</h1>")
            if path == RATE_LIMITED and n == 1:
                return self._send(429, b"slow down", headers={"Retry-After": "1"})
            if path == LARGE:  # no Content-Length: the crawler must stop reading by itself
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(b"<html><body>")
                    chunk = b"<p>Arsip berita pemilu.</p>" * 4000
                    for _ in range(20):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return None
            file = (SITE / path.lstrip("/")).resolve()
            if not file.is_file() or SITE.resolve() not in file.parents:
                return self._send(404, b"<h1>404 Halaman tidak ditemukan</h1>")
            body = file.read_bytes()
            ctype = "text/html; charset=utf-8"
            if file.suffix == ".xml" or file.name == "robots.txt":
                body = body.replace(b"{{BASE}}", site.base.encode())
                ctype = {"rss.xml": "application/rss+xml; charset=utf-8", "robots.txt": "text/plain"}.get(
                    file.name, "application/xml")
            elif path == LATIN1_HEADER:
                ctype = "text/html; charset=iso-8859-1"  # but the bytes are UTF-8
            return self._send(200, body, ctype=ctype)

    return Handler


@pytest.fixture(scope="module")
def site():
    state = _Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    server.shutdown()
    server.server_close()


CRAWL_OPTS = ["--allow-private", "--delay", "0.01", "--timeout", "1", "--retries", "1", "--backoff", "0.05",
              "--max-bytes", "1000000", "--filter", "election", "--no-progress"]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    urls = out.parent / "urls.txt"
    urls.write_text(f"# sumber uji\n{site.base}/rss.xml\n\n{site.base}/sitemap.xml\n", encoding="utf-8")
    start = len(site.requests)
    t0 = time.monotonic()
    code = main(["crawl", str(urls), "--out", str(out), *CRAWL_OPTS])
    elapsed = time.monotonic() - t0
    articles = _rows(out / "articles.jsonl")
    log = _rows(out / "crawl_log.jsonl")
    return {"out": out, "urls": urls, "code": code, "articles": articles, "log": log,
            "requests": site.paths(start), "elapsed": elapsed, "base": site.base}


def _by_path(rows: list[dict], key: str = "url") -> dict[str, dict]:
    return {urlsplit(r[key]).path: r for r in rows}


def _outcome(crawled: dict, path: str) -> dict:
    hits = [r for r in crawled["log"] if urlsplit(r["url"]).path == path]
    assert hits, f"no log line for {path}"
    return hits[-1]


# -- the main crawl ------------------------------------------------------------------------------------


def test_articles_are_written_with_metadata(crawled):
    arts = _by_path(crawled["articles"])
    assert set(arts) == ARTICLE_PATHS
    assert len(crawled["articles"]) == len(ARTICLE_PATHS)  # each page once (feed and sitemap overlap)
    assert len({a["id"] for a in crawled["articles"]}) == len(ARTICLE_PATHS)
    for a in crawled["articles"]:
        for key in ("id", "url", "title", "published", "outlet", "author", "text", "duplicate_of"):
            assert key in a, key
        assert len(a["text"]) > 300
    p1 = arts[PAGE1]
    assert p1["title"] == "KPU Kota Serang lantik 75 anggota PPK untuk Pilkada 2024"
    assert p1["published"] == "2024-05-16"
    assert p1["outlet"] == "Kabar Banten Raya"
    assert p1["author"] == "Rina Maharani"
    assert "melantik sebanyak 75 anggota Panitia Pemilihan Kecamatan" in p1["text"]
    assert "Pelantikan tersebut juga dihadiri" in p1["text"]
    assert arts[BAWASLU]["published"] == "2024-05-15"
    assert arts[PANDEGLANG]["published"] == "2024-05-16"
    assert arts[SUKAMAJU]["published"] == "2024-05-17"  # no date meta: from the page's dateline
    assert arts[LATIN1_HEADER]["published"] == "2024-01-20"


def test_tracking_parameters_and_fragments_are_normalised_away(crawled):
    urls = [a["url"] for a in crawled["articles"]]
    assert not any("utm_" in u or "#" in u for u in urls)
    assert crawled["requests"].count(BAWASLU) == 1
    assert crawled["requests"].count(PAGE1) == 1  # in the feed and (with #komentar) in the sitemap


def test_no_page_furniture_or_baca_juga_in_the_text(crawled):
    for a in crawled["articles"]:
        low = a["text"].lower()
        for title in LINKED_TITLES:
            assert title.lower() not in low, (a["url"], title)
        for marker in FURNITURE:
            assert marker not in low, (a["url"], marker)
        assert "semoga ppk yang dilantik benar-benar netral" not in low  # a reader's comment


def test_charset_mismatches_are_decoded_right(crawled):
    arts = _by_path(crawled["articles"])
    latin = arts[LATIN1]  # declared UTF-8, sent as Latin-1
    assert "André Kurniawan" in latin["text"]
    assert "\ufffd" not in latin["text"]
    assert latin["encoding"] == "cp1252" and "not UTF-8" in latin["encoding_note"]
    utf = arts[LATIN1_HEADER]  # declared ISO-8859-1, sent as UTF-8
    assert "“Pemilih kita di Malaysia" in utf["text"]
    assert "â€" not in utf["text"] and "Ã" not in utf["text"]
    assert utf["encoding"] == "utf-8" and "UTF-8" in utf["encoding_note"]


def test_syndicated_copy_is_marked_duplicate_of_the_first(crawled):
    arts = _by_path(crawled["articles"])
    assert arts[COPY]["duplicate_of"] == arts[PAGE1]["id"]
    others = [a for p, a in arts.items() if p != COPY]
    assert all(a["duplicate_of"] == "" for a in others)
    line = _outcome(crawled, COPY)
    assert line["status"] == "duplicate" and line["duplicate_of"] == arts[PAGE1]["id"]


def test_failures_are_logged_per_url_with_a_reason(crawled):
    expect = {
        MISSING: ("failed", "HTTP 404"),
        SLOW: ("failed", "timeout"),
        LOOP: ("failed", "redirect loop"),
        PDF: ("failed", "not a web page (Content-Type application/pdf)"),
        LARGE: ("failed", "page too large"),
        PRIVATE: ("skipped", "disallowed by robots.txt"),
        ENGLISH: ("filtered", "not Indonesian"),
        SPORTS: ("filtered", "not about elections"),
    }
    for path, (status, reason) in expect.items():
        line = _outcome(crawled, path)
        assert line["status"] == status, (path, line)
        assert reason in line["reason"], (path, line)
    assert _outcome(crawled, MISSING)["http_status"] == 404
    assert _outcome(crawled, SLOW)["transient"] is True
    assert not _outcome(crawled, MISSING).get("transient")
    assert crawled["code"] == 1  # some URLs failed
    for path in ARTICLE_PATHS - {COPY}:
        assert _outcome(crawled, path)["status"] == "ok"


def test_retries_500_and_honours_retry_after(site, crawled):
    reqs = crawled["requests"]
    assert reqs.count(FLAKY) == 2  # 500, then the page
    assert reqs.count(SLOW) == 2  # timeout, one retry, timeout
    times = [t for t, p, _ in site.requests if p == RATE_LIMITED][:2]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # Retry-After: 1


def test_polite_requests(site, crawled):
    reqs = crawled["requests"]
    assert reqs[0] == "/robots.txt" and reqs.count("/robots.txt") == 1
    assert PRIVATE not in reqs
    agents = {a for _, p, a in site.requests}
    assert all(a.startswith("pemilu-facts/") for a in agents)
    assert crawled["elapsed"] < 25


def test_raw_pages_are_cached_compressed(crawled):
    for a in crawled["articles"]:
        cached = crawled["out"] / a["cache"]
        assert cached.suffixes[-2:] == [".html", ".gz"]
        raw = gzip.decompress(cached.read_bytes())
        assert raw == (SITE / urlsplit(a["url"]).path.lstrip("/")).read_bytes()  # the bytes as served


def test_second_run_fetches_nothing_new(site, crawled):
    start = len(site.requests)
    before = (crawled["out"] / "articles.jsonl").read_text(encoding="utf-8")
    code = main(["crawl", str(crawled["urls"]), "--out", str(crawled["out"]), *CRAWL_OPTS])
    again = site.paths(start)
    # only robots.txt, the feed and the sitemap, and the page that failed for a passing reason
    assert set(again) == {"/robots.txt", "/rss.xml", "/sitemap.xml", SLOW}
    assert (crawled["out"] / "articles.jsonl").read_text(encoding="utf-8") == before
    assert code == 1  # the slow page still fails


def test_extract_reads_the_crawl_output(crawled, tmp_path):
    out = tmp_path / "tables"
    main(["extract", str(crawled["out"] / "articles.jsonl"), "--out", str(out), "--ner", "none",
          "--no-progress", "--workers", "0"])
    with (out / "articles.csv").open(encoding="utf-8-sig") as fh:
        rows = {urlsplit(r["url"]).path: r for r in csv.DictReader(fh)}
    assert set(rows) == ARTICLE_PATHS
    for path, row in rows.items():
        if path != COPY:
            assert row["status"] == "ok", (path, row)
    # the runner applies pipeline.dedup: the syndicated copy is listed, its facts are not kept twice
    assert rows[COPY]["status"] == "duplicate"
    assert rows[COPY]["duplicate_of"] == rows[PAGE1]["article_id"]
    facts = out / "facts.csv"
    if facts.exists():
        with facts.open(encoding="utf-8-sig") as fh:
            facts_rows = list(csv.DictReader(fh))
        assert not any(f["article_id"] == rows[COPY]["article_id"] for f in facts_rows)
        for fact in facts_rows:
            evidence = fact.get("evidence", "").lower()
            assert not any(t.lower() in evidence for t in LINKED_TITLES), fact
            assert "baca juga" not in evidence


# -- more crawls ---------------------------------------------------------------------------------------


def test_private_addresses_are_refused_by_default(site, tmp_path):
    start = len(site.requests)
    code = main(["crawl", f"{site.base}{PAGE1}", "--out", str(tmp_path), "--delay", "0", "--no-progress"])
    assert code == 1
    assert site.paths(start) == []  # not even robots.txt
    (line,) = _rows(tmp_path / "crawl_log.jsonl")
    assert line["status"] == "failed"
    assert "127.0.0.1 is a loopback address" in line["reason"] and "--allow-private" in line["reason"]
    assert _rows(tmp_path / "articles.jsonl") == []
    # allowed on a later run: the refusal was not a failure for good
    code = main(["crawl", f"{site.base}{PAGE1}", "--out", str(tmp_path), "--delay", "0", "--no-progress",
                 "--allow-private"])
    assert code == 0 and len(_rows(tmp_path / "articles.jsonl")) == 1


def test_redirect_to_a_private_address_is_refused(site, tmp_path):
    config = CrawlConfig(delay=0, timeout=1, retries=0, allow_networks=("127.0.0.1/32",), progress=False)
    summary = crawl([f"{site.base}/ke-privat"], tmp_path, config)
    (line,) = _rows(tmp_path / "crawl_log.jsonl")
    assert summary.failed == 1 and line["status"] == "failed"
    assert "127.0.0.2 is a loopback address" in line["reason"]
    assert "after redirect" in line["reason"]


def test_address_is_checked_again_on_the_connected_socket(site):
    # DNS says "public", the connection lands on 127.0.0.1: refused after connecting (DNS rebinding)
    policy = AddressPolicy(resolver=lambda host, port: ["93.184.216.34"])
    fetcher = Fetcher(user_agent="pemilu-facts/test", policy=policy, delay=0, timeout=1, retries=0,
                      obey_robots=False)
    start = len(site.requests)
    with pytest.raises(FetchError, match="127.0.0.1 is a loopback address"):
        fetcher.fetch(f"{site.base}{PAGE1}")
    assert site.paths(start) == []


def test_connection_errors_have_a_reason():
    fetcher = Fetcher(user_agent="pemilu-facts/test", policy=AddressPolicy(allow_private=True), delay=0,
                      timeout=1, retries=0, obey_robots=False)
    with pytest.raises(FetchError, match="connection failed: .*Connection refused") as info:
        fetcher.fetch("http://127.0.0.1:9/berita/a.html")
    assert info.value.transient


def test_crawl_to_jsonl_for_run(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}{BAWASLU}\n", encoding="utf-8")
    summary = crawl_to_jsonl([urls], tmp_path / "crawl", allow_private=True, delay=0, timeout=1, progress=False)
    path = Path(summary.articles_path)
    assert path == tmp_path / "crawl" / "articles.jsonl" and summary.failed == 0
    (row,) = _rows(path)
    assert row["title"].startswith("Bawaslu Lebak Buka Rekrutmen Panwascam")


def test_without_filter_other_languages_are_kept(site, tmp_path):
    config = CrawlConfig(delay=0, timeout=1, retries=0, allow_private=True, progress=False)
    summary = crawl([f"{site.base}{ENGLISH}", f"{site.base}{SPORTS}"], tmp_path, config)
    arts = _by_path(_rows(tmp_path / "articles.jsonl"))
    assert set(arts) == {ENGLISH, SPORTS}
    assert arts[ENGLISH]["language"] == "other" and arts[SPORTS]["language"] == "id"
    assert summary.counts["ok"] == 2 and summary.failed == 0


def test_max_pages_stops_and_the_next_run_continues(site, tmp_path):
    urls = [f"{site.base}{p}" for p in (PAGE1, BAWASLU, PANDEGLANG)]
    config = CrawlConfig(delay=0, timeout=1, retries=0, allow_private=True, progress=False, max_pages=2)
    first = crawl(urls, tmp_path, config)
    assert first.counts["ok"] == 2 and first.counts["pending"] == 1
    second = crawl(urls, tmp_path, config)
    assert second.counts["ok"] == 1 and second.counts["already"] == 2
    assert len(_rows(tmp_path / "articles.jsonl")) == 3


# -- helpers ---------------------------------------------------------------------------------------------


def test_normalize_url():
    assert normalize_url(" HTTP://Example.COM:80/a?utm_source=x&id=3#top ") == "http://example.com/a?id=3"
    assert normalize_url("ftp://example.com/a") is None
    assert normalize_url("berita/a.html") is None
    assert url_rejection("https://example.com/dokumen/a.pdf")
    assert url_rejection("https://example.com/tag/pemilu", discovered=True)
    assert url_rejection("https://example.com/berita/kpu-lantik-ppk", discovered=True) is None


def test_address_policy():
    policy = AddressPolicy()
    private = ("127.0.0.1", "10.0.0.5", "192.168.1.1", "169.254.169.254", "::1", "::ffff:127.0.0.1",
               "fc00::1")
    for ip in private:
        assert policy.refusal(ip), ip
    assert policy.refusal("8.8.8.8") is None
    assert AddressPolicy(allow_private=True).refusal("10.0.0.5") is None
    assert AddressPolicy(allowed_networks=["10.0.0.0/8"]).refusal("10.0.0.5") is None
    fake = AddressPolicy(resolver=lambda host, port: ["93.184.216.34", "10.1.1.1"])
    assert "news.example (10.1.1.1) is a private address" in fake.check_host("news.example", 443)


def test_retry_after_parsing():
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    future = time.time() + 60
    value = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(future))
    assert 55 <= retry_after_seconds(value) <= 61


def test_decode_page():
    text = "Kata André: “ya”."
    assert decode_page_roundtrip(text.encode("cp1252"), "text/html; charset=utf-8") == (text, "cp1252")
    assert decode_page_roundtrip(text.encode("utf-8"), "text/html; charset=iso-8859-1") == (text, "utf-8")
    html = '<meta charset="windows-1252"><p>André</p>'.encode("cp1252")
    assert decode_page_roundtrip(html, "") == (html.decode("cp1252"), "cp1252")


def decode_page_roundtrip(body: bytes, ctype: str) -> tuple[str, str]:
    text, enc, _ = pagemod.decode_page(body, ctype)
    return text, enc


def test_page_kinds_and_dateline():
    assert pagemod.page_kind('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>') == "feed"
    assert pagemod.page_kind('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert pagemod.page_kind('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">') == "sitemap"
    assert pagemod.page_kind("<!DOCTYPE html><html><body><p>x</p>") == "html"
    assert pagemod.page_kind("%PDF-1.4 ...", "application/octet-stream") == "other"
    assert dateline_date("<span>Kamis, 16 Mei 2024 10:05 WIB</span>") == "2024-05-16"
    assert dateline_date("Jumat, 17 Mei 2024 | 08:15 WIB") == "2024-05-17"
    assert dateline_date("Kompas.com - 16/05/2024, 09:30 WIB") == "2024-05-16"


def test_publication_date_prefers_metadata_then_the_timestamp_line():
    # no metadata: the timestamp line with its time wins over the top bar's today's date and a related list
    page = ("<html><body><div class='topbar'>Kamis, 26 Januari 2023</div><h1>PPS Dilantik</h1>"
            "<span class='waktu'>Rabu, 25 Januari 2023 | 09:12 WIB</span><p>Teks berita.</p>"
            "<ul class='terkait'><li><a>KPU Umumkan Hasil Tes</a> <small>17 Januari 2023</small></li></ul>"
            "</body></html>")
    assert publication_date(page, "", found="2023-01-17") == ("2023-01-25", "dateline")
    # metadata first, in either attribute order, or JSON-LD
    meta = '<meta content="2024-05-16T10:05:00+07:00" property="article:published_time">'
    assert publication_date(f"<html><head>{meta}</head>{page[6:]}") == ("2024-05-16", "metadata")
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-06-03T08:00:00+07:00"}'
    assert publication_date(f"<html><head>{ld}</script></head><body>x</body></html>") == ("2024-06-03", "metadata")
    # an untimed byline date, but not one of the article's own text (the voting day)
    page = "<html><body><span>Senin, 18 November 2024</span><p>Pemungutan suara digelar Rabu, 27 November 2024.</p>"
    assert publication_date(page, text="Pemungutan suara digelar Rabu, 27 November 2024.")[0] == "2024-11-18"
    page = "<html><body><p>Pemungutan suara digelar Rabu, 27 November 2024.</p></body></html>"
    assert publication_date(page, text="Pemungutan suara digelar Rabu, 27 November 2024.")[1] != "dateline"


def test_feed_and_sitemap_links():
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pemilu</title>
  <link href="https://berita.example/"/><link rel="self" href="https://berita.example/atom.xml"/>
  <entry><title>KPU lantik PPK</title><link href="https://berita.example/2024/05/kpu-lantik-ppk?utm_medium=rss"/></entry>
  <entry><title>Bawaslu</title><link href="/2024/05/bawaslu-buka-rekrutmen"/></entry>
</feed>"""
    assert pagemod.feed_links(atom, "https://berita.example/atom.xml") == [
        "https://berita.example/2024/05/kpu-lantik-ppk", "https://berita.example/2024/05/bawaslu-buka-rekrutmen"]
    index = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://berita.example/sitemap-news.xml</loc></sitemap>
  <sitemap><loc>https://berita.example/sitemap-2024-05.xml</loc></sitemap>
</sitemapindex>"""
    pages, nested = pagemod.sitemap_links(index, "https://berita.example/sitemap.xml")
    assert pages == [] and nested == ["https://berita.example/sitemap-news.xml",
                                      "https://berita.example/sitemap-2024-05.xml"]
    text = "https://berita.example/a\nhttps://berita.example/b\n"
    assert pagemod.page_kind(text, "text/plain") == "sitemap"
    assert pagemod.sitemap_links(text, "https://berita.example/sitemap.txt")[0] == [
        "https://berita.example/a", "https://berita.example/b"]


def test_election_filter():
    def art(text: str, language: str = "id") -> pagemod.PageArticle:
        return pagemod.PageArticle(title="", text=text, author="", published="", outlet="", language=language)

    assert pagemod.election_filter_reason(art("KPU Kota Serang melantik anggota PPK.")) is None
    assert pagemod.election_filter_reason(art("Bawaslu mengawasi tahapan.")) is None
    assert pagemod.election_filter_reason(art("Pemilihan pemain terbaik musim ini.")) is not None
    assert pagemod.election_filter_reason(art("Warga datang ke TPS pada hari pemilihan.")) is None
    assert "not Indonesian" in pagemod.election_filter_reason(art("KPU swore in PPK members.", "other"))


def test_second_crawl_statuses_are_counted(crawled):
    counts = Counter(r["status"] for r in crawled["log"])
    assert counts["source"] >= 2  # the feed and the sitemap


def test_run_with_urls_crawls_then_extracts(site, tmp_path):
    """`pemilu-facts run --urls FILE` on the local site: the crawl options reach the crawler."""
    from pipeline.cli import main

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}{BAWASLU}\n", encoding="utf-8")
    out = tmp_path / "out"
    refused = main(["run", "--urls", str(urls), "--out", str(tmp_path / "refused"), "--ner", "none",
                    "--no-progress", "--workers", "0", "--delay", "0", "--timeout", "1"])
    assert refused == 1  # the loopback address is refused: a failed URL, as `crawl` reports it
    assert not _rows(tmp_path / "refused" / "crawl" / "articles.jsonl")
    code = main(["run", "--urls", str(urls), "--out", str(out), "--ner", "none", "--no-progress",
                 "--workers", "0", "--allow-private", "--delay", "0", "--timeout", "1"])
    assert code == 0
    arts = pd.read_parquet(out / "articles.parquet")
    assert len(arts) == 1 and arts.status.iloc[0] == "ok"
    assert arts.url.iloc[0].endswith(BAWASLU)
    # a URL that fails (HTTP 404): what was fetched is still extracted, and the exit status says so
    urls.write_text(f"{site.base}{BAWASLU}\n{site.base}{MISSING}\n", encoding="utf-8")
    failed = main(["run", "--urls", str(urls), "--out", str(tmp_path / "partly"), "--ner", "none",
                   "--no-progress", "--workers", "0", "--allow-private", "--delay", "0", "--timeout", "1",
                   "--retries", "0"])
    assert failed == 1
    arts = pd.read_parquet(tmp_path / "partly" / "articles.parquet")
    assert len(arts) == 1 and arts.url.iloc[0].endswith(BAWASLU)
