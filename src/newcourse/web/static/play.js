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
  // after htmx swaps in a new page, bring focus to its main part for screen readers
  document.addEventListener("htmx:afterSettle", function () {
    var main = document.getElementById("main");
    if (main) main.focus({ preventScroll: true });
  });
})();
