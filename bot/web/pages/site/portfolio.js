/* The portfolio (/portfolio/): coldkeys kept in this browser's localStorage, each read from
   GET /api/portfolio/{coldkey}; per-wallet and combined totals, CSV of the positions, and for a
   tracked wallet (PUT/DELETE /api/tracked/{coldkey}) its value over time and 1 d / 7 d / 30 d change. */
(function () {
  "use strict";
  const P = window.TaoGuidePages;
  if (!P) return;
  const {el, fmt} = P;
  const KEY = "taoguide.portfolio.coldkeys";

  function saved() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]").filter(k => typeof k === "string"); } catch (e) { return []; }
  }
  function save(keys) { try { localStorage.setItem(KEY, JSON.stringify(keys)); } catch (e) { /* private mode: this visit only */ } }
  const short = k => `${k.slice(0, 6)}…${k.slice(-4)}`;
  const tao = v => P.isNum(v) ? `${fmt.tao(v)} TAO` : "";

  async function send(method, path) {
    const response = await fetch(P.url(path), {method, headers: {Accept: "application/json"}});
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.error && body.error.message) || `The server answered ${response.status}.`);
    return body;
  }

  function mount() {
    const root = document.querySelector("[data-tg-portfolio]");
    if (!root || root.dataset.tgMounted) return;
    root.dataset.tgMounted = "1";
    const state = {keys: saved(), reports: new Map()};
    const input = el("input", {type: "text", id: "tg-coldkey", autocomplete: "off", spellcheck: "false",
                               placeholder: "coldkey address, starts with 5", "aria-describedby": "tg-add-msg"});
    const message = el("p", {class: "tg-note", id: "tg-add-msg", role: "status"});
    const form = el("form", {class: "tg-tools tg-add"}, el("label", {for: "tg-coldkey"}, "Add a coldkey "), input,
                    el("button", {type: "submit", class: "tg-button"}, "Add"));
    const combined = el("div", {class: "tg-combined", "data-tg-combined": ""});
    const wallets = el("div", {class: "tg-wallets"});
    const csv = el("button", {type: "button", class: "tg-button", onclick: download, disabled: true}, "Download CSV");
    root.replaceChildren(form, message, el("div", {class: "tg-tools"}, csv), combined, wallets);

    form.addEventListener("submit", event => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) { message.textContent = "Enter a coldkey address: the SS58 string of about 48 characters that starts with 5."; return; }
      if (state.keys.includes(key)) { message.textContent = `${short(key)} is already on this page.`; return; }
      message.textContent = `Reading ${short(key)}…`;
      load(key, true);
    });

    function load(key, adding) {
      let box = wallets.querySelector(`[data-coldkey="${CSS.escape(key)}"]`);
      if (!box) { box = el("section", {class: "tg-wallet", "data-coldkey": key}); if (!adding) wallets.append(box); }
      box.replaceChildren(el("h2", {}, `Wallet ${short(key)}`), el("p", {class: "tg-note"}, "Reading from the chain…"));
      P.getJSON(`api/portfolio/${encodeURIComponent(key)}`).then(report => {
        if (adding) { state.keys.push(key); save(state.keys); wallets.append(box); input.value = ""; message.textContent = `Added ${short(key)}.`; }
        state.reports.set(key, report);
        renderWallet(box, key, report, null);
        totals();
      }, error => {
        if (adding && error.status !== 503) { message.textContent = error.message; box.remove(); return; }
        if (adding) { state.keys.push(key); save(state.keys); wallets.append(box); input.value = ""; message.textContent = ""; }
        state.reports.delete(key);
        renderWallet(box, key, null, error.message);
        totals();
      });
    }

    function renderWallet(box, key, report, error) {
      const remove = el("button", {type: "button", class: "tg-button tg-quiet", onclick: () => {
        state.keys = state.keys.filter(k => k !== key); save(state.keys); state.reports.delete(key); box.remove(); totals();
      }}, "Remove");
      const track = el("button", {type: "button", class: "tg-button", "data-tg-track": ""}, "Track");
      const history = el("div", {class: "tg-history"});
      const head = el("div", {class: "tg-wallet-head"}, el("h2", {title: key}, `Wallet ${short(key)}`),
                      el("span", {class: "tg-key", title: key}, key), track, remove);
      const parts = [head];
      if (error) parts.push(el("p", {class: "tg-error", role: "alert"}, error));
      if (report) parts.push(...walletBody(report));
      parts.push(history);
      box.replaceChildren(...parts);
      trackState(key, track, history, !report);
    }

    function trackState(key, button, history, showLast) {
      P.getJSON(`api/tracked/${encodeURIComponent(key)}`).then(body => {
        if (!body.available) { button.disabled = true; button.title = "This server does not track wallets"; }
        setTracked(body.tracked);
        if (body.tracked) renderHistory(history, body, showLast);
        else history.replaceChildren();
      }, () => { button.disabled = true; });
      function setTracked(on) {
        button.textContent = on ? "Untrack" : "Track";
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.onclick = () => send(on ? "DELETE" : "PUT", `api/tracked/${encodeURIComponent(key)}`).then(body => {
          setTracked(body.tracked);
          history.replaceChildren(el("p", {class: "tg-note"}, body.tracked ? `Tracking ${short(key)}. ${body.stored}` :
            `No longer tracking ${short(key)}; what the server stored for it is deleted.`));
        }, e => history.replaceChildren(el("p", {class: "tg-error", role: "alert"}, e.message)));
      }
    }

    function renderHistory(box, body, showLast) {
      const points = body.points || [];
      const chart = P.lineChart(points.map(p => ({x: new Date(p.time), y: p.total_tao})), "wallet value", v => `${fmt.tao(v)} TAO`);
      const rows = Object.entries(body.changes || {}).map(([name, c]) => el("tr", {},
        el("th", {scope: "row"}, name.replace("d", " d")),
        ...(c ? [c.alpha_gained_tao, c.price_tao, c.free_tao, c.total_tao].map(v => el("td", {class: `tg-num ${P.changeClass(v)}`}, signed(v)))
              : [el("td", {colspan: 4, class: "tg-note"}, "not enough stored history yet")])));
      const last = points[points.length - 1];
      box.replaceChildren(...[el("h3", {}, "Tracked: value over time"),
        showLast && last ? el("p", {class: "tg-warn"}, `Last stored: ${tao(last.total_tao)} at block ${fmt.int(last.block)} (${last.time.slice(0, 16).replace("T", " ")} UTC).`) : null,
        chart || el("p", {class: "tg-note"}, `${points.length} stored record${points.length === 1 ? "" : "s"}: the chart starts with the second.`),
        el("div", {class: "tg-scroll tg-scroll-short"}, el("table", {class: "tg-table"},
          el("thead", {}, el("tr", {}, ["Change", "Alpha gained", "Price", "Free balance", "Total"].map(t => el("th", {scope: "col"}, t)))),
          el("tbody", {}, rows))),
        el("p", {class: "tg-note"}, "Alpha gained is valued at today's price: it is mostly emissions, but stake you added or removed counts there too. Price is what the pools' price moves did to the alpha you already held. " + (body.stored || ""))]
        .filter(Boolean));
    }

    function walletBody(r) {
      const lines = r.positions.map(p => el("tr", {"data-netuid": p.netuid},
        el("td", {}, el("a", {href: P.url(`subnets/${p.netuid}/`)}, `SN${p.netuid}`), p.name ? ` ${p.name}` : ""),
        el("td", {title: p.hotkey}, el("a", {href: P.url(`validators/${p.hotkey}/`)}, p.validator || short(p.hotkey)),
           p.validator ? el("span", {class: "tg-key"}, ` ${short(p.hotkey)}`) : null),
        el("td", {class: "tg-num", title: fmt.exact(p.alpha)}, `${fmt.price(p.alpha)} ${p.netuid === 0 ? "TAO" : "α"}`),
        el("td", {class: "tg-num"}, fmt.price(p.price)),
        el("td", {class: "tg-num"}, P.isNum(p.tao_value) ? fmt.tao(p.tao_value) : "no price"),
        el("td", {class: "tg-num", title: p.estimate ? "estimate: this pool is not on the constant-product curve" : null},
           P.isNum(p.tao_after_sale) ? fmt.tao(p.tao_after_sale) + (p.estimate ? " ≈" : "") : ""),
        el("td", {class: "tg-num"}, fmt.share(p.share))));
      const foot = [["Free balance", r.free_tao, null], ["Stake", r.stake_tao_value, r.stake_after_sale],
                    ["Wallet total", r.total_tao_value, r.stake_after_sale + r.free_tao]].map(([label, v, after]) =>
        el("tr", {"data-total": label}, el("th", {scope: "row", colspan: 4}, label), el("td", {class: "tg-num"}, fmt.tao(v)),
           el("td", {class: "tg-num"}, after === null ? "" : fmt.tao(after)), el("td", {})));
      const table = el("table", {class: "tg-table"},
        el("thead", {}, el("tr", {}, ["Subnet", "Validator", "Alpha", "Price (TAO/α)", "Value (TAO)", "If sold now (TAO)", "Share"]
          .map((t, i) => el("th", {scope: "col", class: i > 1 ? "tg-num" : null}, t)))),
        el("tbody", {}, lines.length ? lines : [el("tr", {}, el("td", {colspan: 7}, "No stake positions."))]), el("tfoot", {}, foot));
      const out = [r.recorded
        ? el("p", {class: "tg-warn"}, `The chain can't be reached right now, so these are this tracked wallet's positions ` +
             `as last recorded, at ${r.recorded}; prices ${r.prices}. Try again later for a live read.`)
        : el("p", {class: "tg-note"}, `Read at block ${fmt.int(r.block)}; prices ${r.prices}.`),
                   el("div", {class: "tg-scroll tg-scroll-short", tabindex: "0"}, table)];
      if (r.left_out.length) out.push(el("p", {class: "tg-warn"}, `The totals leave out: ${r.left_out.join("; ")}.`));
      if (r.root_funds && r.root_funds.length) {
        out.push(el("p", {}, "Root Reborn fund shares: ", ...r.root_funds.map((f, i) => [i ? "; " : "",
          `${f.validator || short(f.hotkey)}: ${fmt.price(f.beta)} β, ${(f.fund_share * 100).toPrecision(3)}% of its fund, ${tao(f.owed_tao)} owed`]).flat(), ". ", r.root_funds_note));
      } else out.push(el("p", {class: "tg-note"}, r.root_funds_note));
      return out;
    }

    function totals() {
      const reports = state.keys.map(k => state.reports.get(k)).filter(Boolean);
      csv.disabled = reports.length === 0;
      const missing = state.keys.length - reports.length;
      if (!state.keys.length) {
        combined.replaceChildren(el("p", {class: "tg-empty"}, "No coldkeys yet. Add one above: only the public address is needed."));
        return;
      }
      const sum = f => reports.reduce((a, r) => a + f(r), 0);
      const free = sum(r => r.free_tao), stake = sum(r => r.stake_tao_value), after = sum(r => r.stake_after_sale);
      const leftOut = sum(r => r.left_out.length);
      combined.replaceChildren(...[el("h2", {}, `All wallets (${reports.length})`),
        el("dl", {class: "tg-facts"},
          el("dt", {}, "Free balance"), el("dd", {"data-tg-total": "free"}, tao(free)),
          el("dt", {}, "Stake value"), el("dd", {"data-tg-total": "stake"}, tao(stake)),
          el("dt", {}, "Stake if sold now"), el("dd", {"data-tg-total": "after"}, tao(after)),
          el("dt", {}, "Total"), el("dd", {"data-tg-total": "total"}, tao(free + stake))),
        missing ? el("p", {class: "tg-warn"}, `${missing} wallet${missing === 1 ? "" : "s"} could not be read and ${missing === 1 ? "is" : "are"} not in these totals.`) : null,
        leftOut ? el("p", {class: "tg-warn"}, `${leftOut} position${leftOut === 1 ? " has" : "s have"} no value and ${leftOut === 1 ? "is" : "are"} left out (see each wallet).`) : null]
        .filter(Boolean));  // replaceChildren would write a null as the text "null"
    }

    function download() {
      const cols = ["coldkey", "block", "netuid", "subnet", "hotkey", "validator", "alpha", "price_tao_per_alpha", "tao_value", "tao_if_sold_now", "share"];
      const quote = v => v === null || v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
      const lines = [cols.join(",")];
      for (const key of state.keys) {
        const r = state.reports.get(key);
        if (!r) continue;
        for (const p of r.positions) lines.push([key, r.block, p.netuid, p.name, p.hotkey, p.validator, p.alpha, p.price, p.tao_value, p.tao_after_sale, p.share].map(quote).join(","));
      }
      const link = el("a", {href: URL.createObjectURL(new Blob([lines.join("\n") + "\n"], {type: "text/csv"})), download: "portfolio.csv"});
      document.body.append(link); link.click(); link.remove();
    }

    state.keys.forEach(k => load(k, false));
    totals();
  }

  function signed(v) { return P.isNum(v) ? `${v > 0 ? "+" : v < 0 ? "−" : ""}${fmt.tao(Math.abs(v))}` : ""; }

  P.onPage(mount);
})();
