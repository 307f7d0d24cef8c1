/* The subnet screener (/subnets/): one sortable, filterable table from GET /api/subnets.
   Columns the snapshot has no values for are left out, with one line saying which and why;
   price changes stay blank until the server's history spans their window. */
(function () {
  "use strict";
  const P = window.TaoGuidePages;
  if (!P) return;
  const {el, fmt} = P;

  const COLUMNS = [  // key, header, format, and for optional columns why they may be missing
    {key: "netuid", title: "Netuid", kind: "int", cls: "tg-c-netuid"},
    {key: "name", title: "Name", kind: "text", cls: "tg-c-name"},
    {key: "price_tao_per_alpha", title: "Price (TAO/α)", kind: "price"},
    {key: "change_1h", title: "1 h change", kind: "change", history: true, help: "price change over the last hour"},
    {key: "change_24h", title: "24 h change", kind: "change", history: true, help: "price change over the last 24 hours"},
    {key: "change_7d", title: "7 d change", kind: "change", history: true, help: "price change over the last 7 days"},
    {key: "tao_in", title: "TAO in pool", kind: "amount"},
    {key: "alpha_in", title: "α in pool", kind: "amount"},
    {key: "market_cap_tao", title: "Market cap (TAO)", kind: "amount"},
    {key: "emission_tao_per_day", title: "Emission (TAO/day)", kind: "emission"},
    {key: "emission_share", title: "Share of emission", kind: "share", noun: "share of emission", optional: "this server does not report it yet"},
    {key: "sparkline", title: "Price, 7 days", kind: "spark", noun: "7-day price sparkline", optional: "it needs at least two stored snapshots"},
    {key: "symbol", title: "Symbol", kind: "text", noun: "symbol", optional: "this snapshot does not record it"},
    {key: "burn_tao", title: "Registration burn (TAO)", kind: "price", noun: "registration burn", optional: "this snapshot does not record it"},
    {key: "owner_coldkey", title: "Owner (coldkey)", kind: "key", noun: "owner", optional: "this snapshot does not record it"},
  ];
  const NUMERIC = new Set(["int", "price", "change", "amount", "emission", "share"]);

  function hasValues(rows, col) {
    if (col.kind === "spark") return rows.some(r => Array.isArray(r.sparkline) && r.sparkline.length > 1);
    return rows.some(r => r[col.key] !== null && r[col.key] !== undefined && r[col.key] !== "");
  }

  function cell(row, col) {
    const value = row[col.key];
    const attrs = {class: [col.cls, NUMERIC.has(col.kind) ? "tg-num" : "", col.kind === "change" ? P.changeClass(value) : ""]
                   .filter(Boolean).join(" ") || null};
    if (col.key === "netuid") return el("td", attrs, String(row.netuid));
    if (col.key === "name") {
      const link = el("a", {href: P.url(`subnets/${row.netuid}/`)}, row.name || `SN${row.netuid}`);
      return el("td", attrs, link, row.root && P.fold(row.name) !== "root" ? el("span", {class: "tg-badge", title: "the root subnet (netuid 0): stake counted in TAO"}, "root") : null,
                row.thin_pool ? el("span", {class: "tg-badge tg-thin", title: "Thin pool: little TAO in this pool, so even a small stake moves its price"}, "thin pool") : null);
    }
    if (col.kind === "spark") return el("td", attrs, P.sparkline(row.sparkline));
    if (col.kind === "key") return el("td", {title: value || null, class: "tg-key"}, value ? `${value.slice(0, 6)}…${value.slice(-4)}` : "");
    const shown = fmt[col.kind](value);
    const full = P.isNum(value) && col.kind !== "change" && col.kind !== "share" && shown !== fmt.exact(value) ? fmt.exact(value) : null;
    return el("td", {...attrs, title: full}, shown);
  }

  function sortValue(row, col) {
    const v = row[col.key];
    if (col.kind === "text") return v === null || v === undefined ? null : P.fold(v);
    return P.isNum(v) ? v : null;
  }

  function mount() {
    const root = document.querySelector("[data-tg-screener]");
    if (!root || root.dataset.tgMounted) return;
    root.dataset.tgMounted = "1";
    P.getJSON("api/subnets").then(body => render(root, body), error => {
      root.replaceChildren(el("p", {class: "tg-error", role: "alert"},
        `The subnets could not be loaded: ${error.message} The numbers are also in `,
        el("a", {href: P.url("subnets.csv")}, "the CSV"), "."));
    });
  }

  function render(root, body) {
    const rows = (body.subnets || []).slice().sort((a, b) => (b.root === true) - (a.root === true) || a.netuid - b.netuid);
    const columns = COLUMNS.filter(c => !c.optional || hasValues(rows, c));
    const hidden = COLUMNS.filter(c => c.optional && !columns.includes(c));
    const params = new URLSearchParams(location.search);
    const state = {query: params.get("q") || "", basket: null, sort: null, dir: 1};

    const input = el("input", {type: "search", id: "tg-filter", value: state.query, autocomplete: "off",
                               placeholder: "name or netuid, e.g. templar, sn64", "aria-describedby": "tg-count"});
    const count = el("p", {class: "tg-count", id: "tg-count", "aria-live": "polite"});
    const basketNote = el("p", {class: "tg-basket-filter", hidden: true});
    const empty = el("p", {class: "tg-empty", hidden: true});
    const heads = columns.map(col => el("th", {scope: "col", class: [col.cls, NUMERIC.has(col.kind) ? "tg-num" : ""].join(" ").trim() || null,
                                               "aria-sort": "none", title: col.help || null},
      col.kind === "spark" ? col.title : el("button", {type: "button", onclick: () => sortBy(col)}, col.title)));
    const tbody = el("tbody");
    const entries = rows.map(row => ({row, tr: el("tr", {"data-netuid": row.netuid, class: row.root ? "tg-root" : null},
                                                  columns.map(col => cell(row, col)))}));
    const table = el("table", {class: "tg-table"}, el("thead", {}, el("tr", {}, heads)), tbody);

    const kept = body.history;
    const notes = [];
    if (hidden.length) notes.push(`Not shown: ${hidden.map(c => `${c.noun} (${c.optional})`).join("; ")}.`);
    notes.push("Price changes stay blank until the server's history spans their window" +
               (kept ? ` (it holds ${kept.records} record${kept.records === 1 ? "" : "s"}` +
                       `${kept.since ? ` since ${kept.since.slice(0, 10)}` : ""}, ${kept.source === "live" ? "read from the chain" : "from the bundled snapshot only"}).` : "."));
    const subnetCount = rows.filter(r => !r.root).length;

    root.replaceChildren(
      P.banner(body.freshness, subnetCount),
      el("div", {class: "tg-tools"},
        el("label", {for: "tg-filter"}, "Filter "), input, count,
        el("span", {class: "tg-links"}, el("a", {href: P.url("subnets.csv"), download: "subnets.csv"}, "Download CSV"), " · ",
           el("a", {href: P.url("api/subnets")}, "JSON"))),
      basketNote,
      el("div", {class: "tg-scroll", tabindex: "0", "aria-label": "subnets table, scrolls"}, table),
      empty,
      ...notes.map(text => el("p", {class: "tg-note"}, text)));

    function apply() {
      const shown = entries.filter(({row}) => (!state.basket || state.basket.netuids.includes(row.netuid)) && P.matches(row, state.query));
      tbody.replaceChildren(...shown.map(e => e.tr));
      const total = entries.length;
      count.textContent = shown.length === total ? `${total} subnets` : `${shown.length} of ${total} subnets`;
      empty.hidden = shown.length > 0;
      empty.textContent = shown.length ? "" : `No subnet matches “${state.query}”${state.basket ? ` in the ${state.basket.title}` : ""}. ` +
        "Try part of a name, such as chutes or templar, or a netuid, such as 64 or SN64.";
    }

    function sortBy(col) {
      const numeric = NUMERIC.has(col.kind);
      state.dir = state.sort === col ? -state.dir : (numeric ? -1 : 1);  // numbers: largest first on the first click
      state.sort = col;
      heads.forEach((th, i) => th.setAttribute("aria-sort", columns[i] === col ? (state.dir > 0 ? "ascending" : "descending") : "none"));
      entries.sort((a, b) => {
        if (a.row.root !== b.row.root) return a.row.root ? -1 : 1;  // root stays first: it is not a subnet pool like the others
        const x = sortValue(a.row, col), y = sortValue(b.row, col);
        if (x === null || y === null) return (x === null) - (y === null);  // blanks last, either way
        return (x < y ? -1 : x > y ? 1 : 0) * state.dir || a.row.netuid - b.row.netuid;
      });
      apply();
    }

    input.addEventListener("input", () => {
      state.query = input.value;
      const next = new URL(location.href);
      if (state.query) next.searchParams.set("q", state.query); else next.searchParams.delete("q");
      window.history.replaceState(window.history.state, "", next);
      apply();
    });

    const slug = params.get("basket");
    if (slug) {
      P.getJSON("api/baskets").then(data => {
        const basket = (data.baskets || []).find(b => b.slug === slug);
        if (!basket) throw new Error(`There is no basket “${slug}”.`);
        state.basket = basket;
        basketNote.hidden = false;
        basketNote.replaceChildren(`Showing the ${basket.title} (${basket.netuids.length} subnets) from `,
          el("a", {href: P.url(basket.url.replace(/^\//, ""))}, "the baskets page"), ". ",
          el("a", {href: P.url("subnets/")}, "Show every subnet"), ".");
        apply();
      }).catch(error => {
        basketNote.hidden = false;
        basketNote.textContent = `The basket could not be loaded (${error.message}); showing every subnet.`;
      });
    }
    apply();
  }

  P.onPage(mount);
})();
