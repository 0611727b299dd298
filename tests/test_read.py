"""Reading inputs: every format, and bad input as an article row with a clear error."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.acquire.read import read_articles


def test_formats_and_bad_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("KPU melantik PPK.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>KPU</p></body></html>", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"id": "c1", "text": "Teks", "published": "2024-05-16T08:00:00Z"}))
    (tmp_path / "d.jsonl").write_text('{"id": "d1", "text": "Satu"}\nnot json\n\n{"id": "d3"}\n', encoding="utf-8")
    (tmp_path / "e.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "f.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x,y", encoding="utf-8")
    arts = {a.id: a for a in read_articles([tmp_path])}
    assert set(arts) == {"a", "b", "c1", "d1", "d-2", "d3", "e", "f"}
    assert arts["a"].text == "KPU melantik PPK." and arts["a"].status == "ok"
    assert arts["b"].html and arts["b"].text is None
    assert arts["c1"].published == "2024-05-16"
    assert arts["d-2"].status == "error" and "line 2" in arts["d-2"].error
    assert arts["d3"].status == "error" and "'text' or 'html'" in arts["d3"].error
    assert arts["e"].status == "error" and "binary" in arts["e"].error
    assert arts["f"].status == "error" and "invalid JSON" in arts["f"].error


def test_missing_path_and_cp1252(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("Caf\u00e9 KPU".encode("cp1252"))
    arts = list(read_articles([tmp_path / "w.txt", tmp_path / "nope.txt"]))
    assert arts[0].text == "Caf\u00e9 KPU"
    assert arts[1].status == "error" and "no such file" in arts[1].error
