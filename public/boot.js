// Runs before the first paint: applies the reader's stored theme and font size, so a returning
// reader sees no jump. Kept tiny and external so a strict Content-Security-Policy allows it.
(function () {
  try {
    var html = document.documentElement, s = window.localStorage;
    var theme = s.getItem("hirlap-theme");
    if (theme === "dark" || theme === "light") html.setAttribute("data-theme", theme);
    var step = s.getItem("hirlap-font-step");
    if (step !== null && /^[0-5]$/.test(step)) html.setAttribute("data-font-step", step);
  } catch (e) { /* storage blocked: defaults apply */ }
})();
