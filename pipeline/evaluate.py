"""Score output tables against gold JSON files (one per article, as in shared/dev/gold).

Facts match on (article, body, region_code), officials on (article, normalised name), dates on
(article, calendar day; one row per distinct day on both sides). Each table gets precision, recall
and F1; matched rows also get the accuracy of their fields (members, event, event_date, role, org_type, ...).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.names import name_key
from pipeline.write import read_table

FIELDS = {
    "facts": ("event", "members", "units", "per_unit", "event_date", "election"),
    "officials": ("role", "org_type", "region_code"),
    "dates": ("role",),
}


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(v: Any) -> str:
    """Values compared as text: None, NaN and '' are all 'unknown'; 30.0 == 30."""
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Gold files by article id."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[str(data.get("id") or path.stem)] = data
    if not gold:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    return gold


def _key(table: str, row: dict) -> tuple:
    if table == "facts":
        return (_norm(row.get("body")), _norm(row.get("region_code")))
    if table == "officials":
        return (name_key(_norm(row.get("name"))),)
    return (_norm(row.get("date")),)


def _score_table(table: str, gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> Score:
    score = Score()
    for aid in gold.keys() | pred.keys():
        g_rows = gold.get(aid, [])
        p_rows = pred.get(aid, [])
        if table == "dates":  # one row per distinct day, on both sides (a gold file may list a day twice)
            p_rows = list({_key(table, r): r for r in reversed(p_rows)}.values())
            g_rows = list({_key(table, r): r for r in reversed(g_rows)}.values())
        score.gold += len(g_rows)
        score.pred += len(p_rows)
        unmatched = list(p_rows)
        for g in g_rows:
            k = _key(table, g)
            hit = next((p for p in unmatched if _key(table, p) == k), None)
            if hit is None:
                score.errors.append(f"{aid} {table} missed: {k}")
                continue
            unmatched.remove(hit)
            score.matched += 1
            for f in FIELDS[table]:
                if f not in g:
                    continue
                ok = _norm(g.get(f)) == _norm(hit.get(f))
                score.fields[f][0] += ok
                score.fields[f][1] += 1
                if not ok:
                    score.errors.append(f"{aid} {table} {k} {f}: gold {g.get(f)!r}, got {hit.get(f)!r}")
        for p in unmatched:
            score.errors.append(f"{aid} {table} extra: {_key(table, p)}")
    return score


def evaluate(out_dir: str | Path, gold_dir: str | Path) -> dict[str, Score]:
    """Scores of the tables in `out_dir` against the gold in `gold_dir`, per table."""
    gold = load_gold(gold_dir)
    scores = {}
    for table in ("facts", "officials", "dates"):
        df = read_table(out_dir, table)
        pred: dict[str, list[dict]] = defaultdict(list)
        for row in df.to_dict("records"):
            if str(row["article_id"]) in gold:
                pred[str(row["article_id"])].append(row)
        g = {aid: list(data.get(table) or []) for aid, data in gold.items()}
        scores[table] = _score_table(table, g, pred)
    return scores


def format_scores(scores: dict[str, Score], details: bool = False) -> str:
    """A plain-text report of the scores."""
    lines = [f"{'table':<10} {'gold':>5} {'pred':>5} {'match':>5} {'prec':>6} {'recall':>6} {'F1':>6}"]
    for name, s in scores.items():
        lines.append(f"{name:<10} {s.gold:>5} {s.pred:>5} {s.matched:>5} {s.precision:>6.3f} "
                     f"{s.recall:>6.3f} {s.f1:>6.3f}")
    lines.append("field accuracy on matched rows:")
    for name, s in scores.items():
        parts = [f"{f} {ok / n:.2f} ({ok}/{n})" for f, (ok, n) in s.fields.items() if n]
        if parts:
            lines.append(f"  {name}: " + ", ".join(parts))
    if details:
        lines.append("differences:")
        lines.extend("  " + e for s in scores.values() for e in s.errors)
    return "\n".join(lines)


def scores_json(scores: dict[str, Score]) -> dict[str, Any]:
    """Scores as plain data."""
    return {
        name: {
            "gold": s.gold, "pred": s.pred, "matched": s.matched,
            "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "fields": {f: round(ok / n, 4) for f, (ok, n) in s.fields.items() if n},
            "errors": s.errors,
        }
        for name, s in scores.items()
    }


__all__ = ["evaluate", "format_scores", "load_gold", "scores_json", "Score"]
