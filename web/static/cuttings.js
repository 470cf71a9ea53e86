// Cuttings: keyboard shortcuts and the copy-link nicety. Every page works without this file.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function hitLinks() { return Array.prototype.slice.call(document.querySelectorAll("[data-hit] .hit-link")); }

  function move(step) {
    var links = hitLinks();
    if (!links.length) return false;
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
    links.forEach(function (a) { a.closest("[data-hit]").classList.remove("is-current"); });
    links[next].focus();
    links[next].closest("[data-hit]").classList.add("is-current");
    links[next].closest("[data-hit]").scrollIntoView({ block: "nearest" });
    return true;
  }

  // Letters only: the arrow keys, space and the rest stay the browser's own (scrolling).
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    var help = document.getElementById("shortcuts");
    if (help && help.open) return;  // the dialog has the keys (Esc closes it)
    if (e.key === "?") {
      if (help && help.showModal) { e.preventDefault(); help.showModal(); }
    } else if (e.key === "/") {
      var box = document.querySelector("[data-search-box]");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if (e.key === "j") {
      if (move(1)) e.preventDefault();
    } else if (e.key === "k") {
      if (move(-1)) e.preventDefault();
    } else if (e.key === "n" || e.key === "p") {
      var link = document.querySelector('.hit-trail a[data-key="' + e.key + '"]');
      if (link) { e.preventDefault(); link.click(); }
    }
  });

  // "copy link": the anchor already works without JS (#p<n>); with JS it also copies the permalink.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.copy-link");
    if (!a || !navigator.clipboard) return;
    navigator.clipboard.writeText(a.dataset.permalink).then(function () {
      a.classList.add("copied");
      setTimeout(function () { a.classList.remove("copied"); }, 2000);
    }, function () {});
  });

  // Phone: the facets come after the results, so the Filters button at the top opens them above
  // the results (without JS it is a link down to them). On a wide screen the button is hidden.
  document.addEventListener("DOMContentLoaded", function () {
    var layout = document.querySelector(".search-layout");
    var panel = document.getElementById("filters");
    var toggles = Array.prototype.slice.call(document.querySelectorAll("[data-filters-toggle]"));
    if (!layout || !panel || !toggles.length) return;
    var opener = toggles[0];
    layout.classList.add("filters-enhanced", "filters-closed");
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-controls", "filters");
    opener.setAttribute("aria-expanded", "false");
    toggles.forEach(function (toggle) {
      toggle.addEventListener("click", function (e) {
        e.preventDefault();
        var open = !layout.classList.toggle("filters-closed");
        opener.setAttribute("aria-expanded", String(open));
        (open ? panel : opener).focus();
      });
    });
  });

  // A marked paragraph (?hl=<n>), or the first hit of the search, scrolls into view when there is no #p<n>.
  document.addEventListener("DOMContentLoaded", function () {
    var marked = document.querySelector("[data-marked]") || document.querySelector(".para.is-hit");
    if (marked && !location.hash) marked.scrollIntoView({ block: "center" });
  });
})();
