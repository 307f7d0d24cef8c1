/*! TAO Guide widget: ask about Bittensor, or search the FAQ, on any page.
 *
 * <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
 *
 * Options (data-* attributes on the script tag; all optional):
 *   data-api        where TAO Guide runs (default: where this script was loaded from)
 *   data-mode       "button" (floating button and panel, default), "faq" (inline FAQ search),
 *                   "chat" (inline chat, used by the /embed/ iframe page)
 *   data-theme      "auto" (follow the visitor's system, default), "light" or "dark"
 *   data-accent     a CSS colour for buttons and links, e.g. "#0f766e"
 *   data-title      panel title (default "Ask about Bittensor")
 *   data-position   "bottom-right" (default) or "bottom-left"
 *   data-starters   starter questions separated by "|"
 *   data-target     CSS selector of the element an inline mode renders into (default: after the tag)
 *   data-timeout    seconds to wait for an answer before offering a retry (default 20)
 * Any element with data-taoguide="faq" or data-taoguide="chat" on the page also becomes an inline widget;
 * data-taoguide="launcher" (e.g. in the site's header) holds the Ask button instead of the bottom corner, so it
 * never covers the page; data-taoguide="faq-filter" on a page of FAQ sections filters those sections in place.
 *
 * Another site works with the server's defaults (/api/ask and /api/faq answer any origin). When the server's
 * owner has restricted them (TAOGUIDE_CORS_ORIGINS), the panel says this site is not allowed yet and how its
 * owner adds it, instead of blaming the visitor's connection.
 *
 * Safety: everything the server sends is inserted as text, never as HTML; links are made only
 * from citation URLs on TAO Guide's own origin. Plain JavaScript, no dependencies, no build step.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var registry = (window.__taoguide = window.__taoguide || { floating: null });

  function attr(name, fallback) {
    var v = script.getAttribute("data-" + name);
    return v === null || v.trim() === "" ? fallback : v.trim();
  }

  var apiBase = attr("api", script.src.replace(/\/widget\.js([?#].*)?$/, "")).replace(/\/+$/, "");
  var origin = new URL(apiBase + "/", location.href).origin;
  var accent = attr("accent", "");
  var config = {
    mode: attr("mode", "button"),
    theme: /^(light|dark|auto)$/.test(attr("theme", "")) ? attr("theme", "") : "auto",
    accent: accent && window.CSS && CSS.supports("color", accent) ? accent : "",
    title: attr("title", "Ask about Bittensor"),
    position: attr("position", "bottom-right") === "bottom-left" ? "left" : "right",
    starters: attr("starters", "What is TAO used for?|How does staking work?|What is a subnet?")
      .split("|").map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 5),
    target: attr("target", ""),
  };
  var TIMEOUT_MS = Math.min(Math.max(parseFloat(attr("timeout", "20")) || 20, 1), 120) * 1000;
  var MAX_CHARS = 1000;

  var CSS_TEXT = [
    ":host{all:initial;--bg:#fff;--fg:#1b1f24;--muted:#59626e;--border:#d5dae0;--soft:#f2f4f6;--accent:#00796b;",
    "--on-accent:#fff;color:var(--fg)}",
    ":host([data-theme=dark]){--bg:#1d2026;--fg:#e9ebee;--muted:#a7b0bb;--border:#3a414b;--soft:#272b32;--accent:#4db6ac;--on-accent:#0b1715}",
    "@media (prefers-color-scheme:dark){:host([data-theme=auto]){--bg:#1d2026;--fg:#e9ebee;--muted:#a7b0bb;--border:#3a414b;--soft:#272b32;--accent:#4db6ac;--on-accent:#0b1715}}",
    "*{box-sizing:border-box}[hidden]{display:none!important}",
    // on the containers, not :host: a host page rule on every element (* {font: …}) would win over :host
    ".panel,.launcher,.faq,.filter{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;text-align:left}",
    "button,input,textarea{font:inherit;color:inherit}",
    ":focus-visible{outline:3px solid var(--accent);outline-offset:2px}",
    ".launcher{position:fixed;bottom:20px;z-index:2147483000;border:0;border-radius:999px;padding:12px 18px;",
    "background:var(--accent);color:var(--on-accent);font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".right{right:20px}.left{left:20px}",
    // in a slot of the host page (its header): in the flow, styled by the host through --taoguide-launcher-* variables
    ".launcher.docked{position:static;box-shadow:none;padding:5px 12px;margin:0 4px;font-size:.8rem;white-space:nowrap;",
    "background:var(--taoguide-launcher-bg,var(--accent));color:var(--taoguide-launcher-fg,var(--on-accent));",
    "border:1px solid var(--taoguide-launcher-border,transparent)}",
    "@media (max-width:600px){.launcher.docked .long{display:none}}",
    ".panel{display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border:1px solid var(--border);border-radius:12px;overflow:hidden}",
    ".floating{position:fixed;bottom:80px;z-index:2147483001;width:min(400px,calc(100vw - 24px));",
    "height:min(600px,calc(100vh - 100px));box-shadow:0 10px 30px rgba(0,0,0,.3)}",
    ".floating.right{right:12px}.floating.left{left:12px}",
    ".floating.docked{top:56px;bottom:auto;right:12px;height:min(600px,calc(100vh - 68px))}",
    "@media (max-width:480px){.floating{bottom:72px;left:8px;right:8px;width:auto;height:calc(100vh - 84px)}",
    ".floating.docked{top:56px;bottom:auto;height:calc(100vh - 64px)}}",
    ".inline{width:100%;height:100%;min-height:320px}",
    ".faq{border:1px solid var(--border);border-radius:12px;padding:12px;background:var(--bg)}",
    "header{display:flex;align-items:center;gap:8px;padding:10px 12px;border-bottom:1px solid var(--border);background:var(--soft)}",
    "h2{font-size:1.05em;margin:0;flex:1}",
    ".close{border:0;background:none;font-size:1.4em;line-height:1;cursor:pointer;padding:2px 8px;border-radius:6px}",
    ".reset{border:0;background:none;cursor:pointer;color:var(--muted);font-size:.85em;padding:4px 8px;border-radius:6px}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;position:relative}",
    ".msg{max-width:100%;overflow-wrap:anywhere;white-space:pre-line}",
    ".user{align-self:flex-end;background:var(--accent);color:var(--on-accent);padding:6px 10px;border-radius:12px 12px 2px 12px}",
    ".bot{background:var(--soft);padding:8px 10px;border-radius:12px 12px 12px 2px}",
    ".bot p{margin:0 0 6px}.muted{color:var(--muted);font-size:.9em}",
    "a{color:var(--accent)}sup a{text-decoration:none;font-weight:600}",
    "ol{margin:4px 0 6px;padding-left:20px}",
    ".chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}",
    ".chip{border:1px solid var(--accent);background:transparent;color:var(--accent);border-radius:999px;padding:3px 10px;cursor:pointer;font-size:.9em}",
    ".rate{display:flex;gap:6px;align-items:center;margin-top:6px}",
    ".thumb{border:1px solid var(--border);background:var(--bg);border-radius:8px;padding:2px 8px;cursor:pointer}",
    ".thumb[aria-pressed=true]{border-color:var(--accent);background:var(--accent);color:var(--on-accent)}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid var(--border)}",
    "input[type=text],input[type=search]{flex:1;min-width:0;padding:8px 10px;border:1px solid var(--border);border-radius:8px;background:var(--bg)}",
    ".send,.retry{border:0;border-radius:8px;padding:8px 12px;background:var(--accent);color:var(--on-accent);cursor:pointer;font-weight:600}",
    ".error{color:#b3261e}:host([data-theme=dark]) .error{color:#f2b8b5}",
    ".filter{margin:0 0 1em}.filter input{width:100%}",
    "details{border-bottom:1px solid var(--border);padding:6px 0}summary{cursor:pointer;font-weight:600}",
    ".answer{white-space:pre-line;margin:6px 0}.count{margin:6px 0}.faq input[type=search]{width:100%;margin-top:6px}",
    "code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);border:1px solid var(--border);border-radius:4px;padding:0 3px}",
  ].join("");

  // ---- small DOM helpers: text only, never HTML ----------------------------------------------
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k === "class") node.className = props[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), props[k]);
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  // Page text marks commands as `code`: show those as code, still as text nodes.
  function prose(text) {
    var frag = document.createDocumentFragment();
    String(text).split(/`([^`\n]+)`/).forEach(function (part, i) {
      if (part) frag.appendChild(i % 2 ? el("code", { text: part }) : document.createTextNode(part));
    });
    return frag;
  }

  // A link only to a section of our own site; anything else stays plain text.
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var u = new URL(url.charAt(0) === "/" && url.charAt(1) !== "/" ? apiBase + url : url, apiBase + "/");
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === origin ? u.href : null;
    } catch (e) { return null; }
  }

  function link(url, text) {
    var href = safeHref(url);
    return href ? el("a", { href: href, target: "_top", rel: "noopener", text: text }) : document.createTextNode(text);
  }

  // ---- the API -------------------------------------------------------------------------------
  var crossOrigin = origin !== location.origin;
  var feedbackOn = true;  // another site learns from each answer whether its votes are accepted

  function call(path, body) {
    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctrl) ctrl.abort(); }, TIMEOUT_MS);
    var init = body ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {};
    if (ctrl) init.signal = ctrl.signal;
    return fetch(apiBase + path, init).then(function (res) {
      var votes = res.headers.get("X-TAOGuide-Feedback");
      if (crossOrigin && votes) feedbackOn = votes === "on";
      return res.json().catch(function () { return null; }).then(function (data) {
        if (res.ok && data) return data;
        var err = new Error(data && data.error && data.error.message ? data.error.message :
          "TAO Guide answered with an error (" + res.status + "). Try again in a moment.");
        err.retry = res.status >= 500 || res.status === 429;
        throw err;
      });
    }, function () {
      if (ctrl && ctrl.signal.aborted) return failure("TAO Guide took too long to answer. Try again.", true);
      return blocked(path).then(function (isBlocked) {
        if (!isBlocked) return failure("Could not reach TAO Guide. Check your connection, then try again.", true);
        if (window.console) console.warn("TAO Guide widget: " + apiBase + " does not allow " + location.origin +
          " to call " + path.split("?")[0] + ". Add " + location.origin + " to the server's TAOGUIDE_CORS_ORIGINS setting.");
        return failure(NOT_ALLOWED, false);
      });
    }).finally(function () { clearTimeout(timer); });
  }

  var NOT_ALLOWED = "This site has not been allowed to use TAO Guide yet. Its owner can add " + location.origin +
    " to the TAOGUIDE_CORS_ORIGINS setting of the TAO Guide server at " + apiBase + ".";

  function failure(message, retry) {
    var err = new Error(message);
    err.retry = retry;
    throw err;
  }

  // A failed fetch is either the network (the server cannot be reached at all) or the browser refusing a
  // cross-origin answer. An opaque no-cors request reaches the server without CORS; if it arrives, the same
  // kind of request as the failed one (with a preflight) tells whether this origin is refused.
  function blocked(path) {
    if (!crossOrigin) return Promise.resolve(false);
    return fetch(apiBase + "/api/health", { mode: "no-cors", cache: "no-store" }).then(function () {
      var probe = /^\/api\/feedback/.test(path) ? "/api/feedback" : "/api/faq?limit=1&q=";
      return fetch(apiBase + probe, { cache: "no-store", headers: { "Content-Type": "application/json" } })
        .then(function () { return false; }, function () { return true; });
    }, function () { return false; });
  }

  // ---- a rendered Answer ---------------------------------------------------------------------
  function renderAnswer(answer, onFollowup) {
    var box = el("div", { class: "msg bot" });
    var p = el("p");
    (answer.passages && answer.passages.length ? answer.passages : [{ text: answer.text, citation: null }]).forEach(function (part, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(prose(part.text));
      var c = part.citation !== null && part.citation !== undefined ? answer.citations[part.citation] : null;
      if (c) p.appendChild(el("sup", {}, [" ", link(c.link || c.url, "[" + (part.citation + 1) + "]")]));
    });
    box.appendChild(p);
    if (answer.live && answer.live.label) box.appendChild(el("p", { class: "muted", text: "Chain data " + answer.live.label + "." }));
    if (answer.citations && answer.citations.length) {
      box.appendChild(el("p", { class: "muted", text: answer.kind === "refusal" ? "Closest pages" : "Sources" }));
      box.appendChild(el("ol", {}, answer.citations.map(function (c) {
        return el("li", {}, [link(c.link || c.url, c.title + " › " + c.section)]);
      })));
    }
    if (onFollowup && answer.followups && answer.followups.length) {
      box.appendChild(el("div", { class: "chips", role: "group", "aria-label": "Suggested questions" },
        answer.followups.map(function (q) { return el("button", { type: "button", class: "chip", text: q, onclick: function () { onFollowup(q); } }); })));
    }
    if (answer.id && feedbackOn) box.appendChild(rating(answer.id));
    return box;
  }

  function rating(answerId) {
    var status = el("span", { class: "muted", role: "status" });
    var up = el("button", { type: "button", class: "thumb", "aria-pressed": "false", text: "Helpful" });
    var down = el("button", { type: "button", class: "thumb", "aria-pressed": "false", text: "Not helpful" });
    var row = el("div", { class: "rate", role: "group", "aria-label": "Was this answer helpful?" }, [up, down, status]);
    function send(vote, comment) {
      status.textContent = "Sending…";
      return call("/api/feedback", { answer_id: answerId, vote: vote, comment: comment || null }).then(function () {
        up.setAttribute("aria-pressed", String(vote === "up"));
        down.setAttribute("aria-pressed", String(vote === "down"));
        status.textContent = "Thanks for the feedback.";
      }, function (err) { status.textContent = err.message; });
    }
    up.addEventListener("click", function () { send("up"); });
    down.addEventListener("click", function () {
      send("down").then(function () {
        if (row.querySelector("input")) return;
        var input = el("input", { type: "text", maxlength: "1000", "aria-label": "What was wrong or missing? (optional)",
          placeholder: "What was wrong or missing? (optional)" });
        var form = el("form", { class: "comment", onsubmit: function (e) {
          e.preventDefault();
          if (input.value.trim()) send("down", input.value.trim()).then(function () { form.remove(); });
        } }, [input, el("button", { type: "submit", class: "send", text: "Send" })]);
        row.after(form);
      });
    });
    return row;
  }

  // ---- chat (floating panel or inline) -------------------------------------------------------
  // The conversation lasts for the browser tab (sessionStorage), so it survives page loads on sites
  // without instant navigation; answers are stored as the server's JSON and rendered as text again.
  var STORE_KEY = "taoguide-chat:" + apiBase;
  var MAX_TURNS = 10;

  function loadTurns() {
    try { return JSON.parse(sessionStorage.getItem(STORE_KEY) || "[]").slice(-MAX_TURNS); } catch (e) { return []; }
  }

  function saveTurns(turns) {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(turns.slice(-MAX_TURNS))); } catch (e) { /* private mode: keep it in memory */ }
  }

  function chat(root, floating, onClose) {
    var titleId = "tg-title-" + Math.random().toString(36).slice(2);
    var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
    var input = el("input", { type: "text", maxlength: String(MAX_CHARS), autocomplete: "off",
      "aria-label": "Your question about Bittensor", placeholder: "Ask a question about Bittensor…" });
    var turns = loadTurns();
    var busy = false;

    function history() {
      return turns.slice(-2).reduce(function (out, t) {
        return out.concat([{ role: "user", content: t.q }, { role: "assistant", content: String(t.a.text) }]);
      }, []);
    }

    function ask(question) {
      question = question.trim();
      if (!question || busy) { if (!question) input.focus(); return; }
      busy = true;
      log.appendChild(el("div", { class: "msg user", text: question }));
      var waiting = el("div", { class: "msg bot muted", role: "status", text: "Looking in the guide…" });
      log.appendChild(waiting);
      log.scrollTop = log.scrollHeight;
      var slow = setTimeout(function () { waiting.textContent = "Still working… the server is slow right now."; }, 4000);
      var shown = waiting;
      call("/api/ask", { question: question, history: history(), client: "widget" }).then(function (answer) {
        shown = renderAnswer(answer, ask);
        waiting.replaceWith(shown);
        turns.push({ q: question, a: answer });
        saveTurns(turns);
      }, function (err) {
        var box = el("div", { class: "msg bot" }, [el("p", { class: "error", role: "alert", text: err.message })]);
        if (err.retry) box.appendChild(el("button", { type: "button", class: "retry", text: "Retry", onclick: function () {
          box.remove(); log.lastChild && log.lastChild.classList.contains("user") && log.lastChild.remove(); ask(question);
        } }));
        shown = box;
        waiting.replaceWith(box);
      }).finally(function () { clearTimeout(slow); busy = false; showStart(shown); });
    }

    // To the end, unless that hides the new message's beginning: a long answer is read from its first line.
    function showStart(message) {
      log.scrollTop = log.scrollHeight;
      var asked = message.previousSibling;  // with the question above it, when that still leaves room to read
      var start = asked && asked.classList.contains("user") && asked.offsetHeight < log.clientHeight / 4 ? asked : message;
      var above = start.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
      if (above < 0) log.scrollTop += above;
    }

    function greet() {
      log.textContent = "";
      log.appendChild(el("div", { class: "msg bot" }, [
        el("p", { text: "Hi! Ask me about Bittensor: TAO, subnets, staking, validators, fees. I answer from the TAO Guide pages and link the exact section." }),
        el("div", { class: "chips", role: "group", "aria-label": "Starter questions" }, config.starters.map(function (q) {
          return el("button", { type: "button", class: "chip", text: q, onclick: function () { ask(q); } });
        })),
      ]));
    }

    var form = el("form", { onsubmit: function (e) { e.preventDefault(); var q = input.value; input.value = ""; ask(q); } },
      [input, el("button", { type: "submit", class: "send", text: "Ask" })]);
    greet();
    turns.forEach(function (t) {
      log.appendChild(el("div", { class: "msg user", text: t.q }));
      log.appendChild(renderAnswer(t.a, ask));
    });
    var reset = el("button", { type: "button", class: "reset", text: "New chat", "aria-label": "Start a new conversation",
      onclick: function () { turns = []; saveTurns(turns); greet(); input.focus(); } });
    var header = el("header", {}, [el("h2", { id: titleId, text: config.title }), reset,
      floating ? el("button", { type: "button", class: "close", "aria-label": "Close", text: "×", onclick: onClose }) : null]);
    var panel = el("div", { class: "panel " + (floating ? "floating " + config.position : "inline"),
      role: floating ? "dialog" : "region", "aria-labelledby": titleId }, [header, log, form]);
    if (floating) panel.setAttribute("aria-modal", "true");
    root.appendChild(panel);
    requestAnimationFrame(function () { log.scrollTop = log.scrollHeight; });
    return { panel: panel, input: input, ask: ask };
  }

  function trapFocus(shadow, panel, close) {
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); return; }
      if (e.key !== "Tab") return;
      var items = Array.prototype.filter.call(panel.querySelectorAll("button,input,a[href],textarea,[tabindex]"),
        function (n) { return !n.disabled && n.offsetParent !== null; });
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1], active = shadow.activeElement;
      if (e.shiftKey && (active === first || !panel.contains(active))) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    });
  }

  // ---- FAQ search: one search box for both FAQ views --------------------------------------------
  // The filtering is the server's (/api/faq, the same ranking the bot uses); this only debounces the box,
  // keeps the latest reply and says how many entries match.
  function faqSearch(onEntries, onError, onEmpty) {
    var input = el("input", { type: "search", maxlength: "200", "aria-label": "Search the FAQ", placeholder: "Search the FAQ…" });
    var count = el("p", { class: "muted count", role: "status", "aria-live": "polite" });
    var timer = null, seq = 0;

    function load(query) {
      var mine = ++seq;
      count.textContent = "Searching…";
      call("/api/faq?limit=" + (query ? 20 : 200) + "&q=" + encodeURIComponent(query)).then(function (data) {
        if (mine !== seq) return;
        var entries = data.entries || [];
        count.textContent = entries.length ? entries.length + (entries.length === 1 ? " question" : " questions") +
          (query ? " match “" + query + "”." : ".") : "No FAQ entry matches “" + query + "”.";
        onEntries(entries, query);
      }, function (err) {
        if (mine !== seq) return;
        count.textContent = "";
        onError(err, function () { load(query); });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (!query && onEmpty) { seq++; count.textContent = ""; onEmpty(); return; }
      timer = setTimeout(function () { load(query); }, 200);
    });
    return { input: input, count: count, load: load };
  }

  function errorBox(where, err, retry) {
    where.textContent = "";
    where.appendChild(el("p", { class: "error", role: "alert", text: err.message }));
    if (err.retry) where.appendChild(el("button", { type: "button", class: "retry", text: "Retry", onclick: retry }));
  }

  // FAQ mode: the entries drawn by the widget, each expandable, with "ask the assistant" for the query.
  function faq(root) {
    var list = el("div", { class: "faq-list" });
    var askBox = el("div");

    function show(entries, query) {
      list.textContent = "";
      entries.forEach(function (e) {
        list.appendChild(el("details", {}, [el("summary", { text: e.question }), el("div", { class: "answer" }, [prose(e.answer)]),
          link(e.url, "Read on the site")]));
      });
      askBox.textContent = "";
      if (query) askBox.appendChild(el("button", { type: "button", class: "chip", text: "Ask the assistant: “" + query + "”",
        onclick: function () { askInline(query); } }));
    }

    function askInline(question) {
      askBox.textContent = "";
      askBox.appendChild(el("p", { class: "muted", role: "status", text: "Looking in the guide…" }));
      call("/api/ask", { question: question, client: "widget" }).then(function (answer) {
        askBox.textContent = ""; askBox.appendChild(renderAnswer(answer, null));
      }, function (err) { askBox.textContent = ""; askBox.appendChild(el("p", { class: "error", role: "alert", text: err.message })); });
    }

    var search = faqSearch(show, function (err, retry) { errorBox(list, err, retry); });
    var title = config.title === "Ask about Bittensor" ? "Bittensor FAQ" : config.title;
    root.appendChild(el("section", { class: "faq", "aria-label": title }, [el("h2", { text: title }), search.input,
      search.count, list, askBox]));
    search.load("");
  }

  // The FAQ page's own sections (### question, then its answer up to the next heading), shown or hidden in
  // place by the same search: the page keeps its headings, anchors and links.
  function faqFilter(node) {
    var h = host("faq");
    h.el.style.display = "block";
    node.appendChild(h.el);
    var page = node.closest("article") || node.parentNode;
    var items = [], category = null;
    Array.prototype.forEach.call(page.children, function (child) {
      if (child.tagName === "H2") { category = { heading: child, items: [] }; return; }
      if (child.tagName === "H3" && child.id) {
        items.push({ anchor: child.id, nodes: [child], category: category });
        if (category) category.items.push(items[items.length - 1]);
      } else if (items.length && child !== node && !/^H[1-2]$/.test(child.tagName)) {
        items[items.length - 1].nodes.push(child);
      }
    });
    var note = el("div");

    function apply(keep) {
      var categories = [];
      items.forEach(function (item) {
        var show = !keep || keep[item.anchor];
        item.nodes.forEach(function (n) { n.style.display = show ? "" : "none"; });
        if (item.category && categories.indexOf(item.category) < 0) categories.push(item.category);
      });
      categories.forEach(function (c) {
        c.heading.style.display = !keep || c.items.some(function (i) { return keep[i.anchor]; }) ? "" : "none";
      });
    }

    var search = faqSearch(function (entries) {
      note.textContent = "";
      var keep = {};
      entries.forEach(function (e) { keep[decodeURIComponent(String(e.url).split("#")[1] || "").split(":~:")[0]] = true; });
      apply(keep);
    }, function (err, retry) { apply(null); errorBox(note, err, retry); }, function () { note.textContent = ""; apply(null); });
    search.input.setAttribute("placeholder", "Filter the questions on this page…");
    h.shadow.appendChild(el("section", { class: "filter", "aria-label": "Filter the FAQ" }, [search.input, search.count, note]));
  }

  // ---- mounting --------------------------------------------------------------------------------
  function host(mode) {
    var h = document.createElement("taoguide-widget");
    h.setAttribute("data-theme", config.theme);
    h.setAttribute("data-mode", mode);
    var shadow = h.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent = CSS_TEXT;
    if (config.accent) {  // on the element itself: outranks the themes' own accents in :host rules
      h.style.setProperty("--accent", config.accent);
      h.style.setProperty("--on-accent", "#fff");
    }
    shadow.appendChild(style);
    return { el: h, shadow: shadow };
  }

  function mountInline(mode, where) {
    var h = host(mode);
    if (where) where.appendChild(h.el); else script.after(h.el);
    if (mode === "faq") faq(h.shadow); else chat(h.shadow, false);
  }

  function mountFloating() {
    if (registry.floating && document.body.contains(registry.floating)) return;
    var slot = document.querySelector('[data-taoguide="launcher"]');
    var h = host("button");
    var words = config.title.split(" ");  // docked on a narrow screen, only the first word shows: "Ask"
    var launcher = el("button", { type: "button", class: "launcher " + (slot ? "docked" : config.position),
      "aria-haspopup": "dialog", "aria-expanded": "false" },
      slot && words.length > 1 ? [words[0], el("span", { class: "long", text: " " + words.slice(1).join(" ") })] : [config.title]);
    var view = null;
    function close() {
      view.panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }
    launcher.addEventListener("click", function () {
      if (!view) {
        view = chat(h.shadow, true, close);
        if (slot) view.panel.classList.add("docked");
        trapFocus(h.shadow, view.panel, close);
      }
      else if (!view.panel.hidden) { close(); return; }
      view.panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      view.input.focus();
    });
    h.shadow.appendChild(launcher);
    (slot || document.body).appendChild(h.el);
    registry.floating = h.el;
  }

  function mountPlaceholders() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-taoguide]:not([data-taoguide-mounted])"), function (node) {
      var kind = node.getAttribute("data-taoguide");
      if (kind === "launcher") return;
      node.setAttribute("data-taoguide-mounted", "");
      if (kind === "faq-filter") faqFilter(node); else mountInline(kind === "chat" ? "chat" : "faq", node);
    });
  }

  function mountAll() {
    if (config.mode === "button") mountFloating();
    mountPlaceholders();
  }

  function start() {
    if (config.mode === "faq" || config.mode === "chat") {
      mountInline(config.mode, config.target ? document.querySelector(config.target) : null);
      mountPlaceholders();
    } else {
      mountAll();
    }
    // mkdocs-material's instant navigation swaps the page without reloading scripts
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
