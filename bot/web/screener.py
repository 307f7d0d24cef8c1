"""The subnet screener at /subnets: every subnet of the current snapshot in one sortable,
filterable table, with its freshness and a CSV download. Rendered on the server (no
framework); a few lines of inline script sort and filter in the browser.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from bot.chain import NetworkSnapshot, subnet_rows as rows

COLUMNS = [  # (key, header, format)
    ("netuid", "Netuid", "int"),
    ("name", "Name", "text"),
    ("symbol", "Symbol", "text"),
    ("price_tao_per_alpha", "Price (TAO/α)", "price"),
    ("tao_in", "TAO in pool", "amount"),
    ("market_cap_tao", "Market cap (TAO)", "amount"),
    ("emission_tao_per_day", "Emission (TAO/day)", "emission"),
    ("burn_tao", "Registration burn (TAO)", "price"),
    ("owner_coldkey", "Owner (coldkey)", "text"),
]


def to_csv(snapshot: NetworkSnapshot, label: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    out.write(f"# TAO Guide subnet screener, {label}\n")
    keys = list(rows(snapshot)[0]) if snapshot.subnets else [k for k, _, _ in COLUMNS]
    writer.writerow(keys)
    for row in rows(snapshot):
        writer.writerow(["" if row[k] is None else row[k] for k in keys])
    return out.getvalue()


def _cell(value: Any, kind: str) -> tuple[str, str]:
    """(display text, sort value)."""
    if value is None:
        return "unknown", ""
    if kind == "int":
        return str(value), str(value)
    if kind == "price":
        return f"{value:,.4f}", repr(value)
    if kind == "amount":
        return f"{value:,.0f}", repr(value)
    if kind == "emission":
        return f"{value:,.2f}", repr(value)
    return str(value), str(value).lower()


def render(snapshot: NetworkSnapshot, label: str, state: str) -> str:
    head = "".join(f'<th data-kind="{kind}" tabindex="0" aria-sort="none">{html.escape(title)}</th>'
                   for _, title, kind in COLUMNS)
    body = []
    for row in rows(snapshot):
        cells = []
        for key, _, kind in COLUMNS:
            text, sort = _cell(row[key], kind)
            cls = ' class="num"' if kind != "text" else ""
            cells.append(f'<td{cls} data-sort="{html.escape(sort)}">{html.escape(text)}</td>')
        body.append(f'<tr data-name="{html.escape((row["name"] or "").lower())}">{"".join(cells)}</tr>')
    return _PAGE.format(label=html.escape(label), state=html.escape(state), count=snapshot.subnet_count,
                        head=head, body="\n".join(body))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Subnet screener · TAO Guide</title>
<style>
body{{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}}
header{{background:#009485;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center}}
header a{{color:#fff;text-decoration:none;font-weight:600}} main{{padding:16px 24px}}
.fresh{{padding:8px 12px;border-radius:6px;display:inline-block;margin:4px 0 12px}}
.fresh.live{{background:#e3f6ec}} .fresh.stale{{background:#fff4d6}} .fresh.bundled{{background:#eceff4}}
input{{font:inherit;padding:6px 10px;width:280px;max-width:100%}} table{{border-collapse:collapse;width:100%;margin-top:12px;background:#fff}}
th,td{{padding:6px 10px;border-bottom:1px solid #e5e5e5;text-align:left;white-space:nowrap}}
th{{cursor:pointer;position:sticky;top:0;background:#f0f4f4;user-select:none}} th[aria-sort=ascending]::after{{content:" ▲"}}
th[aria-sort=descending]::after{{content:" ▼"}} td.num{{text-align:right;font-variant-numeric:tabular-nums}}
td:last-child{{font-family:monospace;font-size:12px}} .wrap{{overflow-x:auto}}
</style></head><body>
<header><a href="/">TAO Guide</a><a href="/chat/">Ask</a><span>Subnet screener</span></header>
<main>
<h1>Subnet screener</h1>
<p class="fresh {state}">{count} subnets, {label}.</p>
<p>Prices are TAO per alpha from each subnet's pool; market cap is price × alpha outstanding (derived);
emission is the TAO injected into the pool per day. Values marked unknown are not in this snapshot.
<a href="/subnets.csv" download>Download CSV</a> · <a href="/api/subnets">JSON</a></p>
<label>Filter by name <input id="filter" type="search" placeholder="e.g. chutes" autocomplete="off"></label>
<div class="wrap"><table id="subnets"><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table></div>
</main>
<script>
const table=document.getElementById("subnets"), rows=[...table.tBodies[0].rows];
document.getElementById("filter").addEventListener("input",e=>{{const q=e.target.value.trim().toLowerCase();
  rows.forEach(r=>{{r.hidden=q&&!r.dataset.name.includes(q)&&!r.cells[0].textContent.startsWith(q)}})}});
[...table.tHead.rows[0].cells].forEach((th,i)=>{{const sort=()=>{{
  const asc=th.getAttribute("aria-sort")!=="ascending", text=th.dataset.kind==="text";
  [...table.tHead.rows[0].cells].forEach(c=>c.setAttribute("aria-sort","none"));
  th.setAttribute("aria-sort",asc?"ascending":"descending");
  const key=r=>r.cells[i].dataset.sort, blank=r=>key(r)==="";
  rows.sort((a,b)=>blank(a)-blank(b)||(text?key(a).localeCompare(key(b)):parseFloat(key(a))-parseFloat(key(b)))*(asc?1:-1));
  rows.forEach(r=>table.tBodies[0].appendChild(r))}};
  th.addEventListener("click",sort);th.addEventListener("keydown",e=>{{if(e.key==="Enter")sort()}})}});
</script></body></html>
"""
