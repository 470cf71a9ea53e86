// Speaker autocomplete (the ARIA 1.2 combobox pattern) on boxes marked data-speaker-suggest.
// The search box: the word being typed becomes speaker:"Name". The speaker facet's filter
// box: a chosen name opens the search filtered on that speaker (data-filter-url is the search
// it adds to). Without this file every box still works as a plain form.
(function () {
  "use strict";
  var MIN_CHARS = 2;
  var WAIT_MS = 120;
  var count = 0;

  function lastWord(value) {
    var m = /(?:^|\s)(speaker:)?"?([^\s"]*)$/i.exec(value);
    return m ? { start: m.index + (m[0].match(/^\s/) ? 1 : 0), word: m[2] } : null;
  }

  function setUp(input) {
    count += 1;
    var mode = input.dataset.speakerSuggest;  // "query" or "filter"
    var list = document.createElement("ul");
    var status = document.createElement("p");
    list.id = "speaker-suggestions-" + count;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Speakers");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    document.body.appendChild(list);  // placed under the box when shown: no layout of the form changes
    input.insertAdjacentElement("afterend", status);
    var names = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      names = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(found) {
      list.innerHTML = "";
      names = found;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      found.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.name;
        var n = document.createElement("span");
        n.className = "count";
        n.textContent = " " + s.paragraphs.toLocaleString();
        li.appendChild(n);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      var box = input.getBoundingClientRect();
      list.style.left = (box.left + window.scrollX) + "px";
      list.style.top = (box.bottom + window.scrollY) + "px";
      list.style.minWidth = box.width + "px";
      list.hidden = !found.length;
      input.setAttribute("aria-expanded", String(!!found.length));
      status.textContent = found.length ? found.length + " speaker" + (found.length > 1 ? "s" : "") +
        " suggested; arrow keys to choose" : "";
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o, k) { o.setAttribute("aria-selected", String(k === i)); });
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(i) {
      var name = names[i].name;
      if (mode === "filter") {
        var base = input.dataset.filterUrl;
        location.href = base + (base.indexOf("?") < 0 ? "?" : "&") + "speaker=" + encodeURIComponent(name);
        return;
      }
      var at = lastWord(input.value);
      input.value = input.value.slice(0, at ? at.start : input.value.length) + 'speaker:"' + name + '" ';
      close();
      input.focus();
    }

    function ask() {
      var typed = mode === "filter" ? input.value.trim() : (lastWord(input.value) || { word: "" }).word;
      if (typed.length < MIN_CHARS) { close(); return; }
      var mine = ++asked;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { speakers: [] }; })
        .then(function (data) { if (mine === asked) show(data.speakers || []); }, function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT_MS);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        highlight(active + 1 < names.length ? active + 1 : 0);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        highlight(active > 0 ? active - 1 : names.length - 1);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) return;
    document.querySelectorAll("[data-speaker-suggest]").forEach(setUp);
  });
})();
