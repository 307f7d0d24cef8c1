/* TAO Guide pages: what the screener, the subnet pages and the live baskets share.
   Plain JavaScript, no dependencies, no build step. Every value from the server is inserted as
   text (never as HTML); charts are inline SVG drawn here. Loaded on every page of the site, so
   mkdocs-material's instant navigation finds it; each page script mounts on document$. */
(function () {
  "use strict";
  const own = document.currentScript && document.currentScript.src;
  // this file is <site>/assets/taoguide/numbers.js: the site's root (and the server's) is two folders up
  const ROOT = new URL("../../", own || location.href);
  const SVG = "http://www.w3.org/2000/svg";

  function url(path) { return new URL(path, ROOT); }

  /* Fetch JSON from this server; a failure throws an Error whose message is the API's own. */
  async function getJSON(path) {
    const response = await fetch(url(path), {headers: {Accept: "application/json"}});
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error && body.error.message;
      const error = new Error(message || `The server answered ${response.status}; reload the page to try again.`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  /* el("td", {class: "num"}, "1.2", child): strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /* Names compared without accents, case, punctuation or Greek look-alikes: "templar" finds "τemplar". */
  const GREEK = {"α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ι": "i", "κ": "k", "λ": "l", "μ": "m",
                 "ν": "n", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "u", "χ": "x", "ω": "w"};
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[α-ω]/g, ch => GREEK[ch] || ch).replace(/[^\p{L}\p{N}]/gu, "");
  }

  /* "64", "sn64", "SN 64", "netuid 64" → 64; anything else → null. */
  function netuidOf(text) {
    const m = /^\s*(?:sn|subnet|netuid)?\s*#?\s*(\d{1,5})\s*$/i.exec(String(text || ""));
    return m ? Number(m[1]) : null;
  }

  /* Does a row match the filter? Comma-separated terms: any one may match. */
  function matches(row, query) {
    const terms = String(query || "").split(",").map(t => t.trim()).filter(Boolean);
    if (!terms.length) return true;
    return terms.some(term => {
      const n = netuidOf(term);
      if (n !== null && row.netuid === n) return true;
      const folded = fold(term);
      return folded !== "" && n === null && fold(row.name).includes(folded);
    });
  }

  const isNum = v => typeof v === "number" && Number.isFinite(v);
  const sig = new Intl.NumberFormat("en-US", {maximumSignificantDigits: 4});
  const compact = new Intl.NumberFormat("en-US", {notation: "compact", maximumSignificantDigits: 3});
  const whole = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});
  const two = new Intl.NumberFormat("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const exact = new Intl.NumberFormat("en-US", {maximumFractionDigits: 9});

  const fmt = {
    price: v => isNum(v) ? sig.format(v) : "",
    amount: v => !isNum(v) ? "" : Math.abs(v) >= 1e5 ? compact.format(v) : whole.format(v),
    tao: v => !isNum(v) ? "" : Math.abs(v) >= 1e5 ? compact.format(v) : Math.abs(v) >= 100 ? whole.format(v) : sig.format(v),
    emission: v => !isNum(v) ? "" : Math.abs(v) >= 1e5 ? compact.format(v) : two.format(v),
    share: v => isNum(v) ? `${(v * 100).toFixed(2)}%` : "",
    change: v => !isNum(v) ? "" : `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v * 100).toFixed(1)}%`,
    percent: v => isNum(v) ? `${(Math.abs(v) < 5e-5 ? 0 : v * 100).toFixed(2)}%` : "",
    exact: v => isNum(v) ? exact.format(v) : "",
    int: v => isNum(v) ? String(v) : "",
    text: v => v === null || v === undefined ? "" : String(v),
  };

  function changeClass(v) { return !isNum(v) || v === 0 ? "" : v > 0 ? "tg-up" : "tg-down"; }

  /* A price sparkline: an inline SVG polyline over the prices, oldest first; nothing for fewer than two. */
  function sparkline(prices, width = 84, height = 22) {
    const values = (prices || []).filter(isNum);
    if (values.length < 2) return null;
    const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
    const pts = values.map((v, i) => `${(i / (values.length - 1) * (width - 2) + 1).toFixed(1)},` +
                                     `${(height - 1 - (v - lo) / span * (height - 2)).toFixed(1)}`);
    const first = values[0], last = values[values.length - 1];
    return el("svg:svg", {class: `tg-spark ${changeClass(last / first - 1)}`, width, height, viewBox: `0 0 ${width} ${height}`,
                          role: "img", "aria-label": `price over the last 7 days: ${sig.format(first)} to ${sig.format(last)} TAO`},
              el("svg:polyline", {points: pts.join(" "), fill: "none", stroke: "currentColor", "stroke-width": 1.5,
                                  "stroke-linejoin": "round"}));
  }

  /* A line chart of one series over time: points [{x: Date|number, y: number}], with its range labelled. */
  function lineChart(points, label, format) {
    const data = points.filter(p => isNum(p.y)).sort((a, b) => +a.x - +b.x);
    if (data.length < 2) return null;
    const W = 640, H = 200, L = 64, R = 12, T = 12, B = 28;
    const xs = data.map(p => +p.x), ys = data.map(p => p.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const sx = x => L + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - L - R);
    const sy = y => T + (1 - (y1 === y0 ? 0.5 : (y - y0) / (y1 - y0))) * (H - T - B);
    const line = data.map(p => `${sx(+p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
    const when = v => data[0].x instanceof Date ? new Date(v).toISOString().slice(0, 16).replace("T", " ") + " UTC"
                                                : `block ${whole.format(v)}`;
    return el("svg:svg", {class: "tg-chart", viewBox: `0 0 ${W} ${H}`, role: "img",
                          "aria-label": `${label}: from ${format(data[0].y)} to ${format(data[data.length - 1].y)}`},
      el("svg:line", {x1: L, y1: T, x2: L, y2: H - B, class: "tg-axis"}),
      el("svg:line", {x1: L, y1: H - B, x2: W - R, y2: H - B, class: "tg-axis"}),
      el("svg:text", {x: L - 6, y: T + 4, "text-anchor": "end"}, format(y1)),
      el("svg:text", {x: L - 6, y: H - B, "text-anchor": "end"}, format(y0)),
      el("svg:text", {x: L, y: H - 8}, when(x0)),
      el("svg:text", {x: W - R, y: H - 8, "text-anchor": "end"}, when(x1)),
      el("svg:polyline", {points: line, fill: "none", stroke: "currentColor", "stroke-width": 2, "stroke-linejoin": "round"}));
  }

  /* The freshness banner: the server's own sentence when it sends one, else its label. */
  function banner(freshness, count) {
    const f = freshness || {};
    let text = f.banner || (f.label ? `${count === undefined ? "" : `${count} subnets, `}${f.label}.` : "");
    text = text.charAt(0).toUpperCase() + text.slice(1);
    return el("p", {class: `tg-fresh tg-${f.state || "unknown"}`, role: "status"}, text);
  }

  /* Run a page's mount function on the first load and after every instant navigation. */
  function onPage(mount) {
    const run = () => { try { mount(); } catch (e) { console.error(e); } };
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  window.TaoGuidePages = {ROOT, url, getJSON, el, fold, netuidOf, matches, fmt, isNum, changeClass, sparkline,
                          lineChart, banner, onPage};
})();
