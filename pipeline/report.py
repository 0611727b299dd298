"""A static HTML report of the output tables: one self-contained file that opens from disk.

Sections: totals by province and body, a timeline of events, a (map-free) region table with
Kemendagri codes, the people directory, every fact with its evidence sentence and source link, and
the articles. Charts are drawn with matplotlib and inlined as SVG; the file loads nothing from the
network (its Content-Security-Policy forbids it) and needs no server. All text from the tables is
escaped; links are only made for http(s) URLs. A few lines of inline JavaScript (allowed by hash)
filter and sort the long tables; without JavaScript everything is still shown.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from pipeline.export import atomic_path, load_tables

log = logging.getLogger(__name__)

MAX_FACTS = 5000  # facts listed with their evidence; the rest are counted, and queryable
EVENT_ORDER = ("pelantikan", "rekrutmen", "bimtek", "konsolidasi", "pakta_integritas", "pemberhentian",
               "other")
EVENT_LABELS = {
    "pelantikan": "swearing-in", "rekrutmen": "recruitment", "bimtek": "training",
    "konsolidasi": "coordination", "pakta_integritas": "integrity pact", "pemberhentian": "dismissal",
    "other": "other",
}

_CSS = """
:root { --ink:#1d2733; --muted:#5b6775; --line:#d8dee6; --bg:#f6f8fa; --accent:#b3261e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink);
       margin: 0; background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
.meta, .note { color: var(--muted); font-size: 13px; }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 20px;
      z-index: 2; }
nav a { margin-right: 16px; color: var(--ink); font-weight: 600; text-decoration: none; }
nav a:hover { color: var(--accent); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px;
        min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); position: sticky; top: 37px; cursor: pointer; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; font-size: 10px; }
th[aria-sort="descending"]::after { content: " \\25BC"; font-size: 10px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #fbfbfc; }
code { font-size: 12.5px; background: var(--bg); padding: 0 3px; border-radius: 3px; }
blockquote { margin: 4px 0; padding: 2px 10px; border-left: 3px solid var(--accent); background: #fdf7f6; }
details summary { cursor: pointer; color: var(--muted); }
.filter { margin: 4px 0; padding: 6px 8px; width: min(420px, 100%); border: 1px solid var(--line);
          border-radius: 4px; font: inherit; }
.tag { display: inline-block; padding: 0 6px; border-radius: 9px; background: var(--bg);
       border: 1px solid var(--line); font-size: 12px; }
.status-ok { color: #1b6e2a; } .status-bad { color: var(--accent); }
footer { color: var(--muted); font-size: 12px; padding: 32px 20px; }
@media print { nav { display: none; } th { position: static; } }
"""

_JS = """
(function () {
  function cellValue(td) {
    var v = td.getAttribute('data-sort');
    return v !== null ? v : td.textContent.trim();
  }
  document.querySelectorAll('input.filter[data-table]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-table'));
    var count = document.getElementById(box.getAttribute('data-table') + '-shown');
    box.addEventListener('input', function () {
      var q = box.value.toLowerCase(), shown = 0;
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        var hit = tr.textContent.toLowerCase().indexOf(q) !== -1;
        tr.hidden = !hit;
        if (hit) { shown++; }
      });
      if (count) { count.textContent = String(shown); }
    });
  });
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var numeric = th.classList.contains('num');
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        table.querySelectorAll('thead th').forEach(function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[col]), y = cellValue(b.cells[col]);
          if (numeric) {
            x = x === '' ? -Infinity : parseFloat(x); y = y === '' ? -Infinity : parseFloat(y);
            return (x - y) * dir;
          }
          return x.localeCompare(y) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
}());
"""


def esc(value: object) -> str:
    """Escaped text of a cell ('' for missing values)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None (no javascript:, data: or file: links)."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def _int(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == "":
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _num(value: object) -> str:
    n = _int(value)
    return "" if n is None else f"{n:,}"


def _anchor(prefix: str, key: object) -> str:
    """An id attribute value safe for any key."""
    return prefix + "-" + base64.urlsafe_b64encode(str(key).encode("utf-8")).decode("ascii").rstrip("=")


# --- numbers -------------------------------------------------------------------------------------

def sworn_in(facts: pd.DataFrame) -> pd.DataFrame:
    """Swearing-in events counted once: per (province, body, region, election) the largest count."""
    cols = ["province", "body", "region", "region_code", "election"]
    pel = facts[facts["event"] == "pelantikan"].copy()
    if pel.empty:
        return pd.DataFrame(columns=[*cols, "members", "articles"])
    pel["members"] = pd.to_numeric(pel["members"], errors="coerce")
    return (pel.groupby(cols, dropna=False)
            .agg(members=("members", "max"), articles=("article_id", "nunique"))
            .reset_index())


def totals(facts: pd.DataFrame) -> pd.DataFrame:
    """Per province and body: facts, articles, regions and members sworn in (each event once)."""
    if facts.empty:
        return pd.DataFrame(columns=["province", "body", "facts", "articles", "regions", "sworn_in"])
    f = facts.copy()
    f["province"] = f["province"].replace("", "(no province)")
    base = (f.groupby(["province", "body"])
            .agg(facts=("article_id", "size"), articles=("article_id", "nunique"),
                 regions=("region", lambda s: s[s != ""].nunique()))
            .reset_index())
    sw = sworn_in(f)
    if len(sw):
        per = sw.groupby(["province", "body"])["members"].sum(min_count=1).rename("sworn_in").reset_index()
        base = base.merge(per, on=["province", "body"], how="left")
    else:
        base["sworn_in"] = pd.NA
    return base.sort_values(["province", "body"]).reset_index(drop=True)


def fact_dates(facts: pd.DataFrame, articles: pd.DataFrame | None) -> pd.Series:
    """The event date of each fact, or its article's publication date when unresolved."""
    published = {}
    if articles is not None and len(articles):
        published = dict(zip(articles["article_id"], articles["published"], strict=True))
    ev = facts["event_date"].fillna("").astype(str)
    pub = facts["article_id"].map(lambda a: str(published.get(a, "") or ""))
    return ev.where(ev != "", pub)


# --- charts --------------------------------------------------------------------------------------

def _mpl_text(text: object) -> str:
    return str(text).replace("$", r"\$")  # no mathtext from data


def _svg(fig: object, name: str, label: str) -> str:
    import matplotlib

    buf = io.StringIO()
    rc = {"svg.fonttype": "none", "svg.hashsalt": f"pemilu-{name}"}
    if "svg.id" in matplotlib.rcParams:  # matplotlib >= 3.8
        rc["svg.id"] = f"chart-{name}"
    with matplotlib.rc_context(rc):
        fig.savefig(buf, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return svg.replace("<svg ", f'<svg class="chart" role="img" aria-label="{esc(label)}" ', 1)


def _figure(width: float, height: float) -> object:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    fig.patch.set_alpha(0)
    return fig


_PALETTE = ["#1f5f99", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057", "#c97b84",
            "#7a9e7e", "#b56576", "#457b9d", "#e76f51", "#6d597a", "#a3a380"]


def chart_sworn_in(tot: pd.DataFrame) -> str | None:
    """Horizontal stacked bars: members sworn in per province, by body (None when no counts)."""
    data = tot.dropna(subset=["sworn_in"])
    data = data[data["sworn_in"] > 0] if len(data) else data
    if data.empty:
        return None
    pivot = data.pivot_table(index="province", columns="body", values="sworn_in", aggfunc="sum", fill_value=0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values().index]
    fig = _figure(9, max(2.2, 0.42 * len(pivot) + 1.2))
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    left = [0.0] * len(pivot)
    labels = [_mpl_text(p) for p in pivot.index]
    for i, body in enumerate(pivot.columns):
        vals = [float(v) for v in pivot[body]]
        ax.barh(labels, vals, left=left, label=_mpl_text(body), color=_PALETTE[i % len(_PALETTE)])
        left = [a + b for a, b in zip(left, vals, strict=True)]
    for y, total in enumerate(left):
        ax.text(total, y, f" {int(total):,}", va="center", fontsize=9)
    ax.set_xlabel("members sworn in (each swearing-in counted once)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.04, 1.0), title="body",
              title_fontsize=9)
    ax.set_xlim(0, max(left) * 1.14 or 1)
    return _svg(fig, "sworn-in", "Members sworn in per province and body")


def chart_timeline(facts: pd.DataFrame, dates: pd.Series) -> str | None:
    """Stacked bars: facts per week (or month for long spans), by event type (None when undated)."""
    d = pd.to_datetime(dates, errors="coerce", format="%Y-%m-%d")
    f = facts.assign(_date=d).dropna(subset=["_date"])
    if f.empty:
        return None
    span = (f["_date"].max() - f["_date"].min()).days
    freq, unit = ("W-MON", "week") if span <= 190 else ("MS", "month")
    f = f.assign(_period=f["_date"].dt.to_period("W" if unit == "week" else "M").dt.start_time)
    counts = f.groupby(["_period", "event"]).size().unstack(fill_value=0)
    full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq if unit == "month" else "7D")
    counts = counts.reindex(full, fill_value=0)
    events = [e for e in EVENT_ORDER if e in counts.columns]
    events += [e for e in counts.columns if e not in EVENT_ORDER]
    fig = _figure(9, 3.2)
    ax = fig.add_subplot()  # type: ignore[attr-defined]
    bottom = [0] * len(counts)
    width = 5.5 if unit == "week" else 24
    for i, ev in enumerate(events):
        vals = [int(v) for v in counts[ev]]
        ax.bar(counts.index, vals, bottom=bottom, width=width, align="edge",
               label=_mpl_text(EVENT_LABELS.get(ev, ev)), color=_PALETTE[i % len(_PALETTE)])
        bottom = [a + b for a, b in zip(bottom, vals, strict=True)]
    ax.set_ylabel(f"facts per {unit}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=9, ncols=min(4, len(events)), loc="upper left",
              bbox_to_anchor=(0, 1.22))
    fig.autofmt_xdate()  # type: ignore[attr-defined]
    return _svg(fig, "timeline", f"Facts per {unit} by event type")


# --- HTML pieces ---------------------------------------------------------------------------------

def _table(table_id: str, headers: Sequence[tuple[str, bool]], rows: Iterable[str], caption: str = "",
           total_row: str = "") -> str:
    head = "".join(f'<th scope="col"{" class=num" if num else ""}>{esc(h)}</th>' for h, num in headers)
    body = "".join(rows)
    foot = f"<tfoot>{total_row}</tfoot>" if total_row else ""
    cap = f"<caption class=note>{caption}</caption>" if caption else ""
    return (f'<table id="{table_id}" class="sortable">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody>{foot}</table>")


def _filter(table_id: str, n: int, what: str) -> str:
    return (f'<input class="filter" type="search" data-table="{table_id}" placeholder="Filter {esc(what)}…" '
            f'aria-label="Filter {esc(what)}"> <span class="note"><span id="{table_id}-shown">{n}</span> '
            f"of {n} shown</span>")


def _td(value: object, num: bool = False, sort: object = None) -> str:
    attrs = " class=num" if num else ""
    if sort is not None:
        attrs += f' data-sort="{esc(sort)}"'
    return f"<td{attrs}>{esc(value) if not num else _num(value)}</td>"


def _source(article: dict | None, article_id: str) -> str:
    """A link to the source URL (when http/https) and to the article row of the report."""
    inner = f'<a href="#{_anchor("article", article_id)}"><code>{esc(article_id)}</code></a>'
    if not article:
        return inner
    url = safe_url(article.get("url"))
    label = esc(article.get("outlet") or article.get("title") or "source")
    if url:
        return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{label}</a> · {inner}'
    return f"{label} · {inner}"


def _section_totals(tot: pd.DataFrame, chart: str | None) -> str:
    rows = []
    for r in tot.itertuples(index=False):
        rows.append("<tr>" + _td(r.province) + _td(r.body) + _td(r.facts, True) + _td(r.articles, True)
                    + _td(r.regions, True) + _td(r.sworn_in, True, _int(r.sworn_in) or "") + "</tr>")
    total = ""
    if len(tot):
        total = ("<tr class=total><td>All provinces</td><td></td>" + _td(tot["facts"].sum(), True)
                 + _td("", True) + _td(tot["regions"].sum(), True)
                 + _td(pd.to_numeric(tot["sworn_in"], errors="coerce").sum(min_count=1), True) + "</tr>")
    fig = (f"<figure>{chart}<figcaption>Members sworn in per province, by body. A swearing-in reported by "
           "several articles is counted once (the largest stated count).</figcaption></figure>"
           if chart else "<p class=note>No swearing-in with a member count yet.</p>")
    return ('<section id="totals"><h2>Totals by province and body</h2>' + fig
            + _table("totals-table", [("Province", False), ("Body", False), ("Facts", True),
                                      ("Articles", True), ("Regions", True), ("Members sworn in", True)],
                     rows, total_row=total) + "</section>")


def _by_date(facts: pd.DataFrame, dates: pd.Series) -> pd.DataFrame:
    """Facts in date order, undated last, with the date in `sort_date`."""
    f = facts.assign(sort_date=dates, undated=dates == "")
    f = f.sort_values(["undated", "sort_date", "province", "region", "body"], kind="stable")
    return f.drop(columns="undated")


def _section_timeline(facts: pd.DataFrame, dates: pd.Series, chart: str | None,
                      articles: dict[str, dict]) -> str:
    f = _by_date(facts, dates)
    rows = []
    for r in f.itertuples(index=False):
        when = esc(r.sort_date)
        if r.sort_date and not r.event_date:
            when += (' <span class="tag" title="publication date: the event date is not stated">'
                     "published</span>")
        rows.append(f'<tr><td data-sort="{esc(r.sort_date)}">{when}</td>'
                    + _td(EVENT_LABELS.get(r.event, r.event)) + _td(r.body) + _td(r.region)
                    + _td(r.members, True, _int(r.members) or "")
                    + f"<td>{_source(articles.get(r.article_id), r.article_id)}</td></tr>")
    fig = (f"<figure>{chart}<figcaption>Facts over time by event type (event date, else the article's "
           "publication date).</figcaption></figure>" if chart else "<p class=note>No dated facts yet.</p>")
    return ('<section id="timeline"><h2>Timeline of events</h2>' + fig + _filter("timeline-table", len(rows),
                                                                                 "events")
            + _table("timeline-table", [("Date", False), ("Event", False), ("Body", False), ("Region", False),
                                        ("Members", True), ("Source", False)], rows) + "</section>")


def _section_regions(facts: pd.DataFrame) -> str:
    if facts.empty:
        return '<section id="regions"><h2>Regions</h2><p class=note>No facts yet.</p></section>'
    sw = sworn_in(facts)
    sworn = (sw.groupby(["region_code", "region"], dropna=False)["members"].sum(min_count=1)
             if len(sw) else None)
    g = facts.groupby(["region_code", "region"], dropna=False)
    rows = []
    for (code, region), part in sorted(g, key=lambda kv: (str(kv[0][0]) or "~", str(kv[0][1]))):
        members = sworn.get((code, region)) if sworn is not None else None
        level = next((x for x in part["region_level"] if x), "")
        province = next((x for x in part["province"] if x), "")
        rows.append("<tr>" + f"<td data-sort=\"{esc(code)}\"><code>{esc(code) or '—'}</code></td>"
                    + _td(region) + _td(level) + _td(province)
                    + _td(", ".join(sorted(set(part["body"]) - {""})))
                    + _td(", ".join(EVENT_LABELS.get(e, e) for e in EVENT_ORDER if e in set(part["event"])))
                    + _td(len(part), True) + _td(part["article_id"].nunique(), True)
                    + _td(members, True, _int(members) or "") + "</tr>")
    return ('<section id="regions"><h2>Regions</h2><p class=note>Kemendagri codes; a region with no code '
            "could not be placed (abroad, or not resolved).</p>"
            + _filter("regions-table", len(rows), "regions")
            + _table("regions-table", [("Code", False), ("Region", False), ("Level", False),
                                       ("Province", False), ("Bodies", False), ("Events", False),
                                       ("Facts", True), ("Articles", True), ("Members sworn in", True)],
                     rows) + "</section>")


def _section_people(people: pd.DataFrame | None, merges: pd.DataFrame | None) -> str:
    if people is None or people.empty:
        return '<section id="people"><h2>People</h2><p class=note>No officials yet.</p></section>'
    by_person: dict[str, list[dict]] = {}
    if merges is not None:
        for m in merges.to_dict("records"):
            by_person.setdefault(m["person_id"], []).append(m)
    rows = []
    for p in people.sort_values(["n_quotes", "n_articles", "name"], ascending=[False, False, True]).to_dict(
            "records"):
        org = " ".join(x for x in (p["org_type"], p["region"]) if x)
        arts = " ".join(f'<a href="#{_anchor("article", a)}"><code>{esc(a)}</code></a>'
                        for a in str(p["article_ids"]).split("; ") if a)
        evidence = "".join(
            f"<li><b>{esc(m['name'])}</b> ({esc(m['article_id'])}, {esc(m['role'])}): "
            f"<code>{esc(m['rule'])}</code> {esc(m['reason'])}</li>"
            for m in by_person.get(p["person_id"], []))
        kept = f"<p class=note>{esc(p['kept_apart'])}</p>" if p.get("kept_apart") else ""
        details = (f"<details><summary>{len(by_person.get(p['person_id'], []))} mention(s)</summary>"
                   f"<ul>{evidence}</ul>{kept}</details>")
        seen = " – ".join(dict.fromkeys(x for x in (p["first_seen"], p["last_seen"]) if x))
        rows.append(f'<tr id="{_anchor("person", p["person_id"])}"><td><b>{esc(p["name"])}</b><br>'
                    f'<span class="note">{esc(p["name_forms"])}</span></td>' + _td(p["role"]) + _td(org)
                    + f"<td><code>{esc(p['region_code'])}</code></td>" + _td(p["roles"]) + _td(seen)
                    + _td(p["n_articles"], True) + _td(p["n_quotes"], True)
                    + f"<td>{arts}{details}</td></tr>")
    return ('<section id="people"><h2>People</h2><p class=note>Officials merged across articles and name '
            "variants (see docs/querying.md for the rules); each row lists how its mentions were merged, "
            "and who was kept apart.</p>" + _filter("people-table", len(rows), "people")
            + _table("people-table", [("Name (forms seen)", False), ("Role", False), ("Organisation", False),
                                      ("Code", False), ("Roles over time", False), ("Seen", False),
                                      ("Articles", True), ("Quotes", True), ("Mentions and merges", False)],
                     rows) + "</section>")


def _section_facts(facts: pd.DataFrame, dates: pd.Series, articles: dict[str, dict], limit: int) -> str:
    f = _by_date(facts, dates)
    shown = f.head(limit)
    rows = []
    for r in shown.itertuples(index=False):
        place = esc(r.region) + (f" <code>{esc(r.region_code)}</code>" if r.region_code else "")
        count = _num(r.members)
        if _int(r.units) and _int(r.per_unit):
            count += f' <span class="note">({_num(r.units)} × {_num(r.per_unit)})</span>'
        rows.append(f"<tr><td data-sort=\"{esc(r.sort_date)}\">{esc(r.sort_date)}</td>"
                    + _td(EVENT_LABELS.get(r.event, r.event)) + _td(r.body) + f"<td>{place}</td>"
                    + f'<td class=num data-sort="{_int(r.members) or ""}">{count}</td>' + _td(r.election)
                    + f"<td><blockquote>{esc(r.evidence)}</blockquote></td>"
                    + f"<td>{_source(articles.get(r.article_id), r.article_id)}</td></tr>")
    more = (f"<p class=note>Showing the first {limit:,} of {len(f):,} facts; all are in the tables "
            "(<code>pemilu-facts query --example facts-with-evidence</code>).</p>" if len(f) > limit else "")
    return ('<section id="facts"><h2>Facts and their evidence</h2>' + more
            + _filter("facts-table", len(rows), "facts")
            + _table("facts-table", [("Date", False), ("Event", False), ("Body", False), ("Region", False),
                                     ("Members", True), ("Election", False), ("Evidence sentence", False),
                                     ("Source", False)], rows) + "</section>")


def _section_articles(arts: pd.DataFrame | None) -> str:
    if arts is None or arts.empty:
        return '<section id="articles"><h2>Articles</h2><p class=note>No articles table.</p></section>'
    rows = []
    for a in arts.to_dict("records"):
        url = safe_url(a.get("url"))
        title = esc(a.get("title") or "(no title)")
        link = (f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{title}</a>' if url
                else title + (f' <span class="note">{esc(a.get("url"))}</span>' if a.get("url") else ""))
        status = str(a.get("status") or "")
        cls = "status-ok" if status == "ok" else "status-bad"
        rows.append(f'<tr id="{_anchor("article", a["article_id"])}">'
                    f'<td><code>{esc(a["article_id"])}</code></td>' + _td(a.get("published"))
                    + _td(a.get("outlet")) + f"<td>{link}</td>"
                    + f'<td class="{cls}">{esc(status)}</td>' + _td(a.get("error")) + "</tr>")
    return ('<section id="articles"><h2>Articles</h2>' + _filter("articles-table", len(rows), "articles")
            + _table("articles-table", [("Id", False), ("Published", False), ("Outlet", False),
                                        ("Title", False), ("Status", False), ("Error", False)], rows)
            + "</section>")


def render_report(tables: dict[str, pd.DataFrame], source: str = "", max_facts: int = MAX_FACTS) -> str:
    """The report as one HTML document."""
    import matplotlib  # noqa: F401  (fail early with a clear ImportError)

    empty_facts = pd.DataFrame(columns=["article_id", "event", "body", "region", "region_level",
                                        "region_code", "province", "members", "units", "per_unit", "election",
                                        "event_date", "evidence"])
    facts = tables.get("facts", empty_facts).copy()
    for col in empty_facts.columns:
        if col not in facts.columns:
            facts[col] = ""
    for col in ("event", "body", "region", "region_code", "province", "event_date", "region_level"):
        facts[col] = facts[col].fillna("").astype(str)
    arts = tables.get("articles")
    people, merges = tables.get("people"), tables.get("people_merges")
    by_id = {a["article_id"]: a for a in arts.to_dict("records")} if arts is not None else {}
    dates = fact_dates(facts, arts)
    tot = totals(facts)
    n_ok = int((arts["status"] == "ok").sum()) if arts is not None else 0
    n_art = len(arts) if arts is not None else 0
    known = sorted(d for d in dates if d)
    cards = [
        (f"{n_art:,}", f"articles ({n_ok:,} ok)"), (f"{len(facts):,}", "facts"),
        (f"{len(tables.get('quotes', [])):,}", "quotes"),
        (f"{len(people) if people is not None else 0:,}", "people"),
        (f"{facts.loc[facts['province'] != '', 'province'].nunique():,}", "provinces"),
        (f"{_num(pd.to_numeric(tot['sworn_in'], errors='coerce').sum()) or 0}", "members sworn in"),
    ]
    period = f"{known[0]} – {known[-1]}" if known else "no dated facts"
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>pemilu-facts report</title>", f"<style>{_CSS}</style></head><body>",
        "<header><h1>Election facts report</h1>",
        f'<p class="meta">From <code>{esc(source)}</code> · events {esc(period)} · generated {generated} by '
        "pemilu-facts</p>",
        '<div class="cards">' + "".join(f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>'
                                       for v, k in cards) + "</div></header>",
        '<nav><a href="#totals">Totals</a><a href="#timeline">Timeline</a><a href="#regions">Regions</a>'
        '<a href="#people">People</a><a href="#facts">Facts</a><a href="#articles">Articles</a></nav><main>',
        _section_totals(tot, chart_sworn_in(tot)),
        _section_timeline(facts, dates, chart_timeline(facts, dates), by_id),
        _section_regions(facts),
        _section_people(people, merges),
        _section_facts(facts, dates, by_id, max_facts),
        _section_articles(arts),
        "</main><footer>Made with pemilu-facts. Every fact rests on the evidence sentence shown; check the "
        "source before publishing. Query the same tables with <code>pemilu-facts query</code>.</footer>",
        f"<script>{_JS}</script></body></html>\n",
    ]
    return "\n".join(parts)


def build_report(out_dir: str | Path, report_dir: str | Path | None = None,
                 max_facts: int = MAX_FACTS) -> Path:
    """Write the report of the tables in `out_dir` to REPORT_DIR/index.html (default DIR/report)."""
    tables = load_tables(out_dir)
    target = Path(report_dir) if report_dir else Path(out_dir) / "report"
    page = render_report(tables, source=str(Path(out_dir)), max_facts=max_facts)
    path = target / "index.html"
    with atomic_path(path, ".html.tmp") as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
