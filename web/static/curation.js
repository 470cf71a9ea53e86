// Cuttings: copy as citation, and dropping several files on the add page. Every page works without this file.
(function () {
  "use strict";
  function say(text) {
    var status = document.querySelector("[data-copy-status]");
    if (status) status.textContent = text;
  }

  // "Cite": without JavaScript a page with the citation; with it, the plain citation is copied,
  // and a "Markdown" button beside it copies the Markdown one.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a.cite-link[data-cite-markdown]").forEach(function (a) {
      var md = document.createElement("button");
      md.type = "button";
      md.className = "cite-md";
      md.textContent = "Markdown";
      md.setAttribute("aria-label", "Copy the citation as Markdown");
      md.dataset.citeMarkdown = a.dataset.citeMarkdown;
      a.insertAdjacentElement("afterend", md);
    });
  });

  function copy(text, el, what) {
    if (!navigator.clipboard) return false;
    navigator.clipboard.writeText(text).then(function () {
      el.classList.add("copied");
      say(what + " copied");
      setTimeout(function () { el.classList.remove("copied"); }, 2000);
    }, function () { say("Could not copy: open the citation page instead"); });
    return true;
  }

  document.addEventListener("click", function (e) {
    var target = e.target.closest && e.target.closest("a.cite-link, button.cite-md");
    if (!target) return;
    if (target.matches("a.cite-link")) {
      if (copy(target.dataset.citeText, target, "Citation")) e.preventDefault();
    } else {
      copy(target.dataset.citeMarkdown, target, "Markdown citation");
    }
  });

  // Dropping files anywhere on the drop zone fills the file input; several files are saved at once.
  document.addEventListener("DOMContentLoaded", function () {
    var zone = document.querySelector("[data-drop-zone]");
    if (!zone) return;
    var input = zone.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("is-over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    input.addEventListener("change", function () {
      var hint = document.getElementById("file-hint");
      if (hint && input.files.length > 1) hint.textContent = input.files.length + " files chosen: Preview or Save saves them all.";
    });
  });
})();
