// The prerendered page's own controls, until the app runs (and if it never comes): the "+" menu, the drawer, theme, font size and print. Trunk inlines it into index.html's
// head (no request before the first paint, docs/adr/0009), after the few lines that apply the
// reader's theme and font size. It runs before the body exists, so it only listens on the
// document and waits for DOMContentLoaded. Clicks are caught there; only targets inside
// `#prerender` count, and the app takes that id away when it takes over (ADR 0010), so the two
// never both act. The choices go where the app reads them (localStorage and <html data-*>), so
// it keeps them.
(function () {
  var html = document.documentElement, s;
  try { s = window.localStorage; } catch (e) { /* storage blocked: choices last for the page */ }

  function store(k, v) { try { s && s.setItem(k, v); } catch (e) { /* not kept */ } }
  function $(sel) { return document.querySelector("#prerender " + sel); }
  function show(el, on) { if (el) { if (on) el.removeAttribute("hidden"); else el.setAttribute("hidden", ""); } }
  function more(on) { show($("#more-menu"), on); var b = $("#more-button"); b && b.setAttribute("aria-expanded", on); }
  function drawer(on) {
    show($("#drawer"), on); show($(".drawer-backdrop"), on);
    var t = $(".drawer-toggle"); t && t.setAttribute("aria-expanded", on);
    var f = on ? $("#drawer-close") : t; f && f.focus();
  }
  function fontButtons(step) {
    var b = { "font-smaller": step === 0, "font-reset": step === 1, "font-larger": step === 5 };
    Object.keys(b).forEach(function (c) {
      document.querySelectorAll("#prerender ." + c).forEach(function (e) { e.disabled = b[c]; });
    });
  }
  function isDark() {
    var t = html.getAttribute("data-theme");
    return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  // The button as the app draws it: pressed when dark (its name is constant, its icon is CSS).
  function themeButton() {
    var t = $(".theme-toggle");
    if (t) t.setAttribute("aria-pressed", String(isDark()));
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("#prerender button, #prerender .drawer-backdrop");
    if (!t) {
      if (!(ev.target.closest && ev.target.closest("#prerender .more"))) more(false);
      return;
    }
    var c = t.classList;
    if (c.contains("more-button")) more(t.getAttribute("aria-expanded") !== "true");
    else if (c.contains("drawer-toggle")) drawer(true);
    else if (c.contains("drawer-close") || c.contains("drawer-backdrop")) drawer(false);
    else if (c.contains("share-print")) window.print();
    else if (c.contains("theme-toggle")) {
      var next = isDark() ? "light" : "dark";
      html.setAttribute("data-theme", next);
      store("hirlap-theme", next);
      themeButton();
    } else if (c.contains("font-smaller") || c.contains("font-reset") || c.contains("font-larger")) {
      var now = +(html.getAttribute("data-font-step") || 1);
      var step = c.contains("font-reset") ? 1 : Math.max(0, Math.min(5, now + (c.contains("font-larger") ? 1 : -1)));
      html.setAttribute("data-font-step", step);
      store("hirlap-font-step", String(step));
      fontButtons(step);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.getElementById("prerender")) { more(false); if ($("#drawer:not([hidden])")) drawer(false); }
  });
  // press renders for a first-time reader: show a stored font step and theme on the buttons.
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("prerender")) return;
    fontButtons(+(html.getAttribute("data-font-step") || 1));
    themeButton();
    countdown();
    offline();
  });

  // The election countdown ticks on the prerendered page too: press renders it without numbers
  // (a page is served for days), the app's copy replaces it when the app comes.
  function countdown() {
    var t = $(".countdown time"), n = document.querySelectorAll("#prerender .countdown-number");
    var target = t && Date.parse(t.getAttribute("datetime"));
    if (!target || n.length !== 4) return;
    (function tick() {
      if (!document.getElementById("prerender")) return;
      var left = Math.max(0, Math.floor((target - Date.now()) / 1000));
      [Math.floor(left / 86400), Math.floor(left / 3600) % 24, Math.floor(left / 60) % 60, left % 60].forEach(function (v, i) {
        n[i].textContent = i === 0 || v > 9 ? String(v) : "0" + v;
      });
      if (left > 0) setTimeout(tick, 1000 - (Date.now() % 1000));
    })();
  }

  // When the app comes (docs/adr/0016). A reader who reads one article and leaves downloads no
  // app: the prerendered page is whole without it. The loader (Trunk.toml) hands `start` here;
  // it runs, after the page has painted (ADR 0009), on the first sign that the reader goes
  // further: the pointer moved onto a link of the site or a field, or the focus there; the end
  // of the article in view; a second page of the session; or an idle moment when this very app
  // was downloaded before (so it comes from the browser's cache) and the connection does not ask
  // to save data; or the reader staying on a page that follows what arrives. A page without
  // prerendered markup, or with a part that needs the app (`data-app-now`: the search results,
  // a running live blog), starts it at once.
  window.hirlapWhen = function (start, wasm) {
    var started = false, seen, kinds = ["pointermove", "pointerdown", "touchstart", "focusin"];
    var session, views = 0;
    try { session = window.sessionStorage; views = +(session.getItem("hirlap-views") || 0); session.setItem("hirlap-views", String(views + 1)); } catch (e) { /* no session: every page is a first */ }
    function go() {
      if (started) return;
      started = true;
      kinds.forEach(function (k) { document.removeEventListener(k, sign, true); });
      if (seen) seen.disconnect();
      afterPaint(function () { start().then(function () { store("hirlap-app", wasm); }); });
    }
    // `pointermove`, not `pointerover`: a link that scrolls under a resting pointer gets the
    // latter from the browser's hover update, and that is no sign.
    function sign(ev) {
      var t = ev.target.closest && ev.target.closest("a[href], input, textarea, select");
      if (t && (t.tagName !== "A" || t.origin === location.origin)) go();
    }
    var pre = document.getElementById("prerender");
    if (!pre || pre.querySelector("[data-app-now]") || views > 0) return go();
    // A page that follows what arrives (a list's front page) gets the app once the reader has
    // stayed the interval it asks for (`data-app-after`, seconds): its first check is due then.
    var after = pre.querySelector("[data-app-after]");
    if (after) setTimeout(go, 1000 * +after.getAttribute("data-app-after"));
    kinds.forEach(function (k) { document.addEventListener(k, sign, { capture: true, passive: true }); });
    if (window.IntersectionObserver) {
      seen = new IntersectionObserver(function (es) { if (es.some(function (e) { return e.isIntersecting; })) go(); });
      pre.querySelectorAll("[data-app-when-seen]").forEach(function (e) { seen.observe(e); });
    }
    var c = navigator.connection, cached = false;
    try { cached = s && s.getItem("hirlap-app") === wasm; } catch (e) { /* unknown: not assumed */ }
    if (cached && !(c && c.saveData)) afterPaint(function () { if (window.requestIdleCallback) requestIdleCallback(go, { timeout: 5000 }); else setTimeout(go, 1000); });
  };
  // What the reader reads stays readable offline (sw.js, docs/adr/0018): registered on a
  // prerendered page once it has painted and the browser is idle. Not on the app's shell alone
  // (trunk serve, the API mode), where a worker would only get in a developer's way.
  function offline() {
    if (!navigator.serviceWorker) return;
    afterPaint(function () {
      (window.requestIdleCallback || setTimeout)(function () {
        navigator.serviceWorker.register("/sw.js").then(function () { return navigator.serviceWorker.ready; }).then(function (reg) {
          // The photos this page showed before the worker ran: it keeps them from the browser's
          // cache, so the page it keeps shows them offline.
          var shown = performance.getEntriesByType("resource").map(function (r) { return r.name; })
            .filter(function (u) { return u.indexOf(location.origin + "/public/_photos/") === 0; });
          if (reg.active && shown.length) reg.active.postMessage({ keep: shown });
        }).catch(function () { /* no offline copy */ });
      });
    });
  }
  // Two animation frames after `load`: the frame that shows the loaded page has been made.
  function afterPaint(f) {
    var painted = function () { requestAnimationFrame(function () { requestAnimationFrame(f); }); };
    if (document.readyState === "complete") painted(); else window.addEventListener("load", painted, { once: true });
  }
})();
