// The prerendered page's own controls, until the app runs (and if its wasm never arrives; issue
// 7): the "+" menu, the drawer, theme, font size and print. Trunk inlines it into index.html's
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
  });
})();
