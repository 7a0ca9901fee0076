// Keyboard play: the number keys choose an option, "u" undoes. Forms work without this.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var button = null;
    if (/^[1-9]$/.test(event.key)) {
      button = document.querySelector('button[data-option="' + event.key + '"]');
    } else if (event.key === "u") {
      button = document.querySelector("button[data-undo]");
    }
    if (button && !button.disabled) {
      event.preventDefault();
      button.focus();
      button.click();
    }
  });

  // What a screen reader is told when htmx swaps in a new page. The announcer keeps its
  // place from page to page (hx-preserve), so it is the same live region all along: it
  // reads the page's own [data-announce] parts (what came of a decision, the next
  // event), else its title. An alert speaks for itself.
  function announce() {
    var announcer = document.getElementById("announcer");
    var main = document.getElementById("main");
    if (!announcer || !main) return;
    var said = "";
    if (!main.querySelector('[role="alert"]')) {
      var parts = [];
      main.querySelectorAll("[data-announce]").forEach(function (part) {
        parts.push(part.textContent.replace(/\s+/g, " ").trim());
      });
      said = parts.length ? parts.join(" ") : document.title;
    }
    // emptied first, so that the same words twice are read twice
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = said; }, 50);
  }

  // A refusal (a 4xx page, with its alert) answers a page's link or form: it is shown in
  // place of the page, as it is without scripts. (htmx leaves an error's answer out.)
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.boosted && event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // after htmx swaps in a new page, bring focus to its main part and say what changed
  document.addEventListener("htmx:afterSettle", function () {
    var main = document.getElementById("main");
    if (main) main.focus({ preventScroll: true });
    announce();
  });
})();
