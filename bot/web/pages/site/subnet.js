/* One subnet's page (/subnets/{netuid}/): its numbers from GET /api/subnets, its price and pool
   charts from GET /api/subnets/{netuid}/history, and, when the baskets page lists it, that
   page's own one-line description with its source link and the basket it sits in (read from
   the built page, never written here). The server checks the netuid and puts it in data-netuid. */
(function () {
  "use strict";
  const P = window.TaoGuidePages;
  if (!P) return;
  const {el, fmt} = P;
  const BASKETS_PAGE = "guides/subnet-baskets/";
  const WINDOWS = [["1d", "1 day"], ["7d", "7 days"], ["30d", "30 days"], ["all", "all"]];

  const FIELDS = [  // label, key, format; optional ones only when the snapshot has them
    ["Price (TAO per α)", "price_tao_per_alpha", "price"],
    ["Change, 1 hour", "change_1h", "change", "history"],
    ["Change, 24 hours", "change_24h", "change", "history"],
    ["Change, 7 days", "change_7d", "change", "history"],
    ["TAO in pool", "tao_in", "exact"],
    ["α in pool", "alpha_in", "exact"],
    ["α outstanding (held as stake)", "alpha_out", "exact"],
    ["Market cap (TAO)", "market_cap_tao", "exact"],
    ["Emission (TAO per day)", "emission_tao_per_day", "emission"],
    ["Share of all subnets' emission", "emission_share", "share", "optional"],
    ["Symbol", "symbol", "text", "optional"],
    ["Registration burn (TAO)", "burn_tao", "price", "optional"],
    ["Owner coldkey", "owner_coldkey", "text", "optional"],
    ["Tempo (blocks)", "tempo", "int", "optional"],
    ["Neurons", "neurons", "int", "optional"],
  ];

  /* The baskets page's line for this netuid: {basket, anchor, name, nodes, members}, or null. */
  function basketLine(doc, netuid, pageURL) {
    for (const strong of doc.querySelectorAll("article li > strong:first-child")) {
      const m = /^SN(\d+)\s+(.+)$/.exec(strong.textContent.trim());
      if (!m || Number(m[1]) !== netuid) continue;
      const li = strong.parentElement, list = li.parentElement;
      let heading = list.previousElementSibling;
      while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
      const nodes = [...li.childNodes].slice([...li.childNodes].indexOf(strong) + 1).map(n => document.importNode(n, true));
      if (nodes[0] && nodes[0].nodeType === Node.TEXT_NODE) nodes[0].textContent = nodes[0].textContent.replace(/^\s*:\s*/, "");
      const holder = el("span", {}, nodes);
      holder.querySelectorAll("a[href]").forEach(a => { a.href = new URL(a.getAttribute("href"), pageURL).href; });
      holder.querySelectorAll(".headerlink").forEach(a => a.remove());
      const members = [...list.querySelectorAll(":scope > li > strong:first-child")]
        .map(s => /^SN(\d+)\b/.exec(s.textContent.trim())).filter(Boolean).map(x => `SN${x[1]}`);
      return {name: m[2], holder, members, basket: heading ? heading.textContent.replace("¶", "").trim() : null,
              anchor: heading ? heading.id : null};
    }
    return null;
  }

  async function describe(netuid) {
    const pageURL = P.url(BASKETS_PAGE);
    const response = await fetch(pageURL);
    if (!response.ok) return undefined;  // no baskets page on this site: say nothing about it
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    return basketLine(doc, netuid, pageURL);
  }

  function numbers(row) {
    const items = [];
    for (const [label, key, kind, flag] of FIELDS) {
      const value = row[key];
      const blank = value === null || value === undefined || value === "";
      if (blank && flag === "optional") continue;
      items.push(el("dt", {}, label),
                 el("dd", {class: kind === "change" ? P.changeClass(value) : null},
                    blank ? (flag === "history" ? "blank until the server's history spans this window" : "not in this snapshot") : fmt[kind](value)));
    }
    if (row.thin_pool) items.push(el("dt", {}, "Pool depth"), el("dd", {class: "tg-thin"}, "thin pool: little TAO in it, so even a small stake moves its price"));
    return el("dl", {class: "tg-facts"}, items);
  }

  function charts(box, netuid, windowName) {
    box.replaceChildren(el("p", {class: "tg-note"}, "Loading the history…"));
    P.getJSON(`api/subnets/${netuid}/history?window=${windowName}`).then(body => {
      const points = body.points || [];
      const at = p => p.time ? new Date(p.time) : p.block;
      if (points.length < 2) {
        const one = points[0];
        box.replaceChildren(el("p", {class: "tg-empty"},
          one ? `The server has kept one snapshot of this subnet in this window so far (block ${fmt.int(one.block)}${one.time ? `, ${one.time.slice(0, 10)}` : ""}): ` +
                "the charts appear once it has at least two."
              : "The server has no snapshot of this subnet in this window yet: try a longer window."));
        return;
      }
      box.replaceChildren(
        el("figure", {}, P.lineChart(points.map(p => ({x: at(p), y: p.price})), "price in TAO per alpha", fmt.price),
           el("figcaption", {}, `Price (TAO per α), ${points.length} snapshots`)),
        el("figure", {}, P.lineChart(points.map(p => ({x: at(p), y: p.tao_in})), "TAO in the pool", fmt.tao),
           el("figcaption", {}, "TAO in the pool")));
    }, error => {
      box.replaceChildren(el("p", {class: "tg-empty"}, `No history is available from this server yet (${error.message})`));
    });
  }

  function mount() {
    const root = document.querySelector("[data-tg-subnet]");
    if (!root || root.dataset.tgMounted) return;
    root.dataset.tgMounted = "1";
    const netuid = P.netuidOf(root.dataset.netuid);
    if (netuid === null) {
      root.replaceChildren(el("p", {class: "tg-empty"}, "Open a subnet from ", el("a", {href: P.url("subnets/")}, "the screener"), "."));
      return;
    }
    Promise.all([P.getJSON("api/subnets"), describe(netuid).catch(() => undefined)]).then(([body, line]) => {
      const row = (body.subnets || []).find(r => r.netuid === netuid);
      if (!row) throw new Error(`SN${netuid} is not in the current snapshot.`);
      const title = `SN${netuid} ${row.name || ""}`.trim();
      const h1 = document.querySelector("article h1");
      if (h1) h1.textContent = title;
      const box = el("div", {class: "tg-charts"});
      const buttons = WINDOWS.map(([w, label]) => el("button", {type: "button", "aria-pressed": w === "7d" ? "true" : "false",
        onclick: ev => { buttons.forEach(b => b.setAttribute("aria-pressed", b === ev.currentTarget ? "true" : "false")); charts(box, netuid, w); }}, label));
      root.replaceChildren(...[  // replaceChildren writes a null as the text "null": leave the empty parts out
        P.banner(body.freshness),
        line ? el("div", {class: "tg-describe"},
          el("p", {}, el("a", {href: P.url(BASKETS_PAGE + (line.anchor ? `#${line.anchor}` : ""))}, "Our baskets page"), ": ", line.holder),
          row.name && P.fold(row.name) !== P.fold(line.name)
            ? el("p", {class: "tg-warn"}, `The baskets page names SN${netuid} “${line.name}” (as of March 2026), but the chain now calls it “${row.name}”: ` +
                                           "the description may be about an earlier project on this netuid.") : null,
          line.basket ? el("p", {}, "Basket: ", el("a", {href: P.url(`${BASKETS_PAGE}#${line.anchor}`)}, line.basket), " · ",
                           el("a", {href: P.url(`subnets/?q=${encodeURIComponent(line.members.join(","))}`)}, "its subnets in the screener")) : null)
             : line === null ? el("p", {class: "tg-note"}, "Our baskets page does not describe this subnet, so no description is shown here.") : null,
        numbers(row),
        el("h2", {id: "history"}, "Price and pool history"),
        el("div", {class: "tg-windows", role: "group", "aria-label": "history window"}, buttons),
        box].filter(part => part !== null && part !== undefined));
      charts(box, netuid, "7d");
    }).catch(error => {
      root.replaceChildren(el("p", {class: "tg-error", role: "alert"}, `This subnet could not be loaded: ${error.message} `,
                              el("a", {href: P.url("subnets/")}, "Back to the screener"), "."));
    });
  }

  P.onPage(mount);
})();
