/* Live numbers on the baskets page (the page's text stays in content/): under each basket's list,
   its members' numbers and totals from GET /api/baskets, a link to the screener filtered to the
   basket, and a "stake across this basket" estimate from GET /api/baskets/{slug}/split. The page
   carries an empty marker (kb/sitehooks.py) that tells this script it is on the baskets page. */
(function () {
  "use strict";
  const P = window.TaoGuidePages;
  if (!P) return;
  const {el, fmt} = P;

  const MEMBER_COLUMNS = [
    ["Subnet", r => el("a", {href: P.url(`subnets/${r.netuid}/`)}, `SN${r.netuid} ${r.name || ""}`.trim()), "text"],
    ["Price (TAO/α)", r => fmt.price(r.price_tao_per_alpha)],
    ["24 h change", r => fmt.change(r.change_24h), "change", r => r.change_24h],
    ["7 d change", r => fmt.change(r.change_7d), "change", r => r.change_7d],
    ["TAO in pool", r => fmt.amount(r.tao_in)],
    ["Market cap (TAO)", r => fmt.amount(r.market_cap_tao)],
    ["Share of emission", r => fmt.share(r.emission_share)],
  ];

  function membersTable(basket) {
    const t = basket.totals || {};
    const both = (equal, cap) => !fmt.change(equal) && !fmt.change(cap)  // no history yet: one dash, as in the rows
      ? el("td", {class: "tg-num"}, "–")
      : el("td", {class: "tg-num tg-both"}, `${fmt.change(equal) || "–"} equal`, el("br"), `${fmt.change(cap) || "–"} by cap`);
    return el("table", {class: "tg-table tg-members"},
      el("thead", {}, el("tr", {}, MEMBER_COLUMNS.map(([title, , kind]) => el("th", {scope: "col", class: kind === "text" ? null : "tg-num"}, title)))),
      el("tbody", {}, (basket.members || []).map(r => el("tr", {"data-netuid": r.netuid},
        MEMBER_COLUMNS.map(([, show, kind, raw]) => el("td", {class: kind === "text" ? null : `tg-num ${raw ? P.changeClass(raw(r)) : ""}`.trim()},
          show(r),
          kind === "text" && r.thin_pool ? el("span", {class: "tg-badge tg-thin", title: "Thin pool: little TAO in this pool, so even a small stake moves its price"}, "thin pool") : null))))),
      el("tfoot", {}, el("tr", {},
        el("th", {scope: "row"}, `Total, ${(basket.members || []).length} subnets`),
        el("td", {class: "tg-num"}, ""),
        both(t.change_24h_equal, t.change_24h_cap), both(t.change_7d_equal, t.change_7d_cap),
        el("td", {class: "tg-num"}, fmt.amount(t.tao_in)),
        el("td", {class: "tg-num"}, fmt.amount(t.market_cap_tao)),
        el("td", {class: "tg-num"}, fmt.share(t.emission_share)))));
  }

  function calculator(basket) {
    const id = `tg-amount-${basket.slug}`;
    const amount = el("input", {id, type: "text", inputmode: "decimal", autocomplete: "off", placeholder: "e.g. 100", size: 10});
    const by = el("select", {"aria-label": "how to split"}, el("option", {value: "equal"}, "equally"), el("option", {value: "cap"}, "by market cap"));
    const out = el("div", {class: "tg-split", "aria-live": "polite"});
    const form = el("form", {class: "tg-calc", onsubmit: ev => { ev.preventDefault(); estimate(); }},
      el("label", {for: id}, "Stake across this basket: "), amount, " TAO, split ", by, " ",
      el("button", {type: "submit"}, "Estimate"));

    function estimate() {
      const text = amount.value.trim();
      if (!text) { out.replaceChildren(el("p", {class: "tg-error", role: "alert"}, "Type an amount of TAO first, e.g. 100.")); return; }
      out.replaceChildren(el("p", {class: "tg-note"}, "Estimating…"));
      P.getJSON(`api/baskets/${encodeURIComponent(basket.slug)}/split?amount=${encodeURIComponent(text)}&by=${by.value}`).then(body => {
        const members = body.members || body.split || [];
        const sum = key => members.reduce((s, m) => s + (P.isNum(m[key]) ? m[key] : 0), 0);
        const totals = body.totals || {};
        out.replaceChildren(
          el("p", {class: "tg-warn"}, "An estimate, not a quote: computed from the pools' reserves in the server's snapshot with the constant-product " +
             "formula the fees page describes; the chain's price when your stake executes will differ, and price protection may trim or reject it."),
          el("table", {class: "tg-table tg-splits"},
            el("thead", {}, el("tr", {}, ["Subnet", "TAO", "α received", "Swap fee (TAO)", "Slippage", "Note"].map((h, i) => el("th", {scope: "col", class: i && i < 5 ? "tg-num" : null}, h)))),
            el("tbody", {}, members.map(m => el("tr", {"data-netuid": m.netuid},
              el("td", {}, `SN${m.netuid}`), el("td", {class: "tg-num"}, fmt.tao(m.tao)), el("td", {class: "tg-num"}, fmt.tao(m.alpha_out)),
              el("td", {class: "tg-num"}, fmt.price(m.fee_tao)), el("td", {class: "tg-num"}, fmt.percent(m.slippage)),
              el("td", {class: "tg-wrap"}, [m.estimate ? "estimate" : "", m.note || ""].filter(Boolean).join(": "))))),
            el("tfoot", {}, el("tr", {}, el("th", {scope: "row"}, "Total"),
              el("td", {class: "tg-num"}, fmt.tao(P.isNum(totals.tao) ? totals.tao : sum("tao"))), el("td", {}, ""),
              el("td", {class: "tg-num"}, fmt.price(P.isNum(totals.fee_tao) ? totals.fee_tao : sum("fee_tao"))), el("td", {}, ""), el("td", {}, "")))));
      }, error => {
        out.replaceChildren(el("p", {class: "tg-error", role: "alert"}, error.message));
      });
    }
    return el("div", {}, form, out);
  }

  function mount() {
    const marker = document.querySelector("[data-tg-baskets]");
    if (!marker || marker.dataset.tgMounted) return;
    marker.dataset.tgMounted = "1";
    P.getJSON("api/baskets").then(body => {
      let first = true;  // the freshness line once, above the first basket's numbers
      for (const basket of body.baskets || []) {
        const anchor = (basket.url || "").split("#")[1];
        const heading = anchor && document.getElementById(anchor);
        if (!heading) continue;
        let list = heading.nextElementSibling;
        while (list && list.tagName !== "UL" && list.tagName !== "H2") list = list.nextElementSibling;
        const block = el("section", {class: "tg-basket-live", "data-basket": basket.slug, "aria-label": `${basket.title}: live numbers`},
          first ? P.banner(body.freshness) : null,
          el("div", {class: "tg-scroll tg-scroll-short"}, membersTable(basket)),
          el("p", {}, el("a", {href: P.url(`subnets/?basket=${encodeURIComponent(basket.slug)}`)}, `Open the ${basket.title} in the screener`)),
          calculator(basket));
        (list && list.tagName === "UL" ? list : heading).after(block);
        first = false;
      }
      // the blocks moved the page: bring a linked basket (#its-anchor) back into view
      const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }, error => {
      marker.hidden = false;
      marker.replaceChildren(el("p", {class: "tg-note"}, `Live basket numbers are not available from this server right now (${error.message}).`));
    });
  }

  P.onPage(mount);
})();
