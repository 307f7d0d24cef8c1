/* The validator directory (/validators/), one validator's page (/validators/{hotkey}/) and the
   featured validator on the home page, from GET /api/validators[/{hotkey}|/featured]. Sorted only
   as the reader asks (the default order is by hotkey): nothing here ranks or recommends. */
(function () {
  "use strict";
  const P = window.TaoGuidePages;
  if (!P) return;
  const {el, fmt} = P;
  const short = k => `${k.slice(0, 6)}…${k.slice(-4)}`;

  const COLUMNS = [
    {key: "name", title: "Validator", kind: "text"},
    {key: "take", title: "Take", kind: "percent"},
    {key: "nominators", title: "Nominators", kind: "int"},
    {key: "total_stake_tao", title: "Total stake (TAO)", kind: "tao"},
    {key: "permits", title: "Subnets with a permit", kind: "int"},
    {key: "subnets", title: "Per subnet: validator trust · blocks since update", kind: "roles"},
  ];

  function roles(v) {
    const shown = v.subnets.filter(s => s.permit || P.isNum(s.validator_trust));
    return shown.map(s => `SN${s.netuid}${P.isNum(s.validator_trust) ? ` ${s.validator_trust.toFixed(2)}` : ""}` +
                          `${P.isNum(s.blocks_since_update) ? ` · ${fmt.int(s.blocks_since_update)}` : ""}`).join(", ");
  }

  function nameCell(v) {
    return el("td", {class: "tg-c-name", title: v.hotkey},
      el("a", {href: P.url(`validators/${v.hotkey}/`)}, v.name || short(v.hotkey)),
      v.name ? el("span", {class: "tg-key"}, ` ${short(v.hotkey)}`) : el("span", {class: "tg-note"}, " (no identity)"));
  }

  function directory() {
    const root = document.querySelector("[data-tg-validators]");
    if (!root || root.dataset.tgMounted) return;
    root.dataset.tgMounted = "1";
    P.getJSON("api/validators").then(body => render(root, body), error =>
      root.replaceChildren(el("p", {class: "tg-error", role: "alert"}, `The validators could not be loaded: ${error.message}`)));
  }

  function render(root, body) {
    const rows = body.validators || [];
    const parts = [P.banner(body.freshness)];
    if (body.featured) parts.push(featuredBlock(body.featured));
    if (!rows.length) {
      parts.push(el("p", {class: "tg-empty", "data-tg-none": ""}, body.note || "No validators in this snapshot."));
      root.replaceChildren(...parts);
      return;
    }
    const params = new URLSearchParams(location.search);
    const state = {query: params.get("q") || "", sort: null, dir: 1};
    const input = el("input", {type: "search", id: "tg-vfilter", value: state.query, autocomplete: "off",
                               placeholder: "name or hotkey", "aria-describedby": "tg-vcount"});
    const count = el("p", {class: "tg-count", id: "tg-vcount", "aria-live": "polite"});
    const empty = el("p", {class: "tg-empty", hidden: true});
    const heads = COLUMNS.map(col => el("th", {scope: "col", class: col.kind !== "text" && col.kind !== "roles" ? "tg-num" : null, "aria-sort": "none"},
      col.kind === "roles" ? col.title : el("button", {type: "button", onclick: () => sortBy(col)}, col.title)));
    const entries = rows.map(v => ({v, tr: el("tr", {"data-hotkey": v.hotkey},
      nameCell(v), el("td", {class: "tg-num"}, `${fmt.price(v.take_percent)}%`), el("td", {class: "tg-num"}, fmt.int(v.nominators)),
      el("td", {class: "tg-num", title: v.unvalued_netuids.length ? `leaves out ${v.unvalued_netuids.map(n => `SN${n}`).join(", ")} (no price)` : null},
         fmt.tao(v.total_stake_tao)),
      el("td", {class: "tg-num"}, fmt.int(v.permits)), el("td", {class: "tg-wrap"}, roles(v)))}));
    const tbody = el("tbody");
    parts.push(el("div", {class: "tg-tools"}, el("label", {for: "tg-vfilter"}, "Search "), input, count,
                  el("span", {class: "tg-links"}, el("a", {href: P.url("api/validators")}, "JSON"))),
               el("div", {class: "tg-scroll", tabindex: "0"}, el("table", {class: "tg-table"}, el("thead", {}, el("tr", {}, heads)), tbody)),
               empty);
    root.replaceChildren(...parts);

    function apply() {
      const q = P.fold(state.query), raw = state.query.trim();
      const shown = entries.filter(({v}) => !raw || v.hotkey.includes(raw) || (q && P.fold(v.name).includes(q)));
      tbody.replaceChildren(...shown.map(e => e.tr));
      count.textContent = shown.length === entries.length ? `${entries.length} validators` : `${shown.length} of ${entries.length} validators`;
      empty.hidden = shown.length > 0;
      empty.textContent = shown.length ? "" : `No validator matches “${state.query}”. Try part of an identity name or a hotkey.`;
    }
    function sortBy(col) {
      state.dir = state.sort === col ? -state.dir : (col.kind === "text" ? 1 : -1);
      state.sort = col;
      heads.forEach((th, i) => th.setAttribute("aria-sort", COLUMNS[i] === col ? (state.dir > 0 ? "ascending" : "descending") : "none"));
      const value = v => col.kind === "text" ? (v.name ? P.fold(v.name) : null) : v[col.key];
      entries.sort((a, b) => {
        const x = value(a.v), y = value(b.v);
        if (x === null || y === null) return (x === null) - (y === null);
        return (x < y ? -1 : x > y ? 1 : 0) * state.dir || (a.v.hotkey < b.v.hotkey ? -1 : 1);
      });
      apply();
    }
    input.addEventListener("input", () => { state.query = input.value; apply(); });
    apply();
  }

  function steps(list) {
    return el("ol", {class: "tg-steps"}, list.map(s => el("li", {}, el("strong", {}, `With ${s.with}: `),
      s.with === "btcli" ? el("code", {}, s.step) : s.step, " ", s.note)));
  }

  function facts(v) {
    return el("dl", {class: "tg-facts"},
      el("dt", {}, "Identity name"), el("dd", {}, v.name || "none published on chain"),
      el("dt", {}, "Hotkey"), el("dd", {class: "tg-key"}, v.hotkey),
      v.owner_coldkey ? [el("dt", {}, "Owner coldkey"), el("dd", {class: "tg-key"}, v.owner_coldkey)] : null,
      P.isNum(v.take_percent) ? [el("dt", {}, "Take"), el("dd", {}, `${fmt.price(v.take_percent)}%`)] : null,
      P.isNum(v.nominators) ? [el("dt", {}, "Nominators"), el("dd", {}, fmt.int(v.nominators))] : null,
      P.isNum(v.total_stake_tao) ? [el("dt", {}, "Total stake"), el("dd", {}, `${fmt.tao(v.total_stake_tao)} TAO`)] : null,
      P.isNum(v.permits) ? [el("dt", {}, "Subnets with a permit"), el("dd", {}, fmt.int(v.permits))] : null,
      v.identity && v.identity.url ? [el("dt", {}, "URL (its identity)"), el("dd", {}, v.identity.url)] : null,
      v.identity && v.identity.description ? [el("dt", {}, "Description (its identity)"), el("dd", {}, v.identity.description)] : null);
  }

  function featuredBlock(v) {
    return el("section", {class: "tg-featured-box", "data-tg-featured-box": ""},
      el("h2", {}, `This site's validator: ${v.name || short(v.hotkey)}`),
      v.in_snapshot === false ? el("p", {class: "tg-note"}, "The current snapshot does not include it yet; its numbers appear once the server reads the chain.") : facts(v),
      el("p", {}, el("a", {href: P.url(`validators/${v.hotkey}/`)}, "Its page, per subnet")),
      el("h3", {}, "How to stake to it"), steps(v.steps));
  }

  function one() {
    const root = document.querySelector("[data-tg-validator]");
    if (!root || root.dataset.tgMounted || !root.dataset.hotkey) return;
    root.dataset.tgMounted = "1";
    P.getJSON(`api/validators/${encodeURIComponent(root.dataset.hotkey)}`).then(body => {
      const v = body.validator;
      const title = document.querySelector("article h1");
      if (title && v.name) title.firstChild.textContent = v.name;
      const rows = v.subnets.map(s => el("tr", {},
        el("td", {}, el("a", {href: P.url(`subnets/${s.netuid}/`)}, `SN${s.netuid}`), s.name ? ` ${s.name}` : ""),
        el("td", {class: "tg-num"}, `${fmt.price(s.stake)} ${s.netuid === 0 ? "TAO" : "α"}`),
        el("td", {class: "tg-num"}, P.isNum(s.stake_tao) ? fmt.tao(s.stake_tao) : "no price"),
        el("td", {}, s.permit ? "yes" : "no"),
        el("td", {class: "tg-num"}, P.isNum(s.validator_trust) ? s.validator_trust.toFixed(3) : ""),
        el("td", {class: "tg-num"}, P.isNum(s.blocks_since_update) ? fmt.int(s.blocks_since_update) : "")));
      root.replaceChildren(P.banner(body.freshness), facts(v),
        el("div", {class: "tg-scroll tg-scroll-short", tabindex: "0"}, el("table", {class: "tg-table"},
          el("thead", {}, el("tr", {}, ["Subnet", "Stake", "Stake (TAO)", "Permit", "Validator trust", "Blocks since update"].map(t => el("th", {scope: "col"}, t)))),
          el("tbody", {}, rows))),
        el("p", {class: "tg-note"}, "Validator trust and blocks since the last weight update are blank where the snapshot does not have them."),
        el("h2", {}, "How to stake to it"), steps(body.steps));
    }, error => root.replaceChildren(el("p", {class: "tg-error", role: "alert"}, error.message)));
  }

  function home() {
    const root = document.querySelector("[data-tg-featured]");
    if (!root || root.dataset.tgMounted) return;
    root.dataset.tgMounted = "1";
    P.getJSON("api/validators/featured").then(body => {
      root.replaceChildren(featuredBlock(body.validator), P.banner(body.freshness));
      root.hidden = false;
    }, () => { root.hidden = true; });  // no featured validator: the home page stays neutral
  }

  P.onPage(directory);
  P.onPage(one);
  P.onPage(home);
})();
