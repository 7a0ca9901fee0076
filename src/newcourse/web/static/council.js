// Council mode, live: when the server says the council's minutes grew (server-sent
// events), the council's panel is fetched again with htmx, within a second. Without
// EventSource the panel is polled every few seconds; without scripts, the page's
// refresh link does the same. A panel in which the member is writing waits until
// they leave the field, so nothing they type is lost. The time left to vote counts
// down each second (the server's figure, in hours, minutes and seconds); when it runs
// out the panel is fetched again, and the server closes the vote.
(function () {
  "use strict";
  // a page swapped in by htmx runs this script again: the first run does the work
  if (window.newcourseCouncilScan) { window.newcourseCouncilScan(); return; }
  var POLL = 4000;
  var source = null, listening = "", timer = null, waiting = false, busy = false;

  function panel() { return document.getElementById("council-panel"); }

  function shownSeq(p) {
    var state = p.querySelector("[data-seq]");
    return state ? Number(state.getAttribute("data-seq")) : 0;
  }

  function writing(p) {
    var here = document.activeElement;
    return !!(here && p.contains(here) && /^(INPUT|TEXTAREA|SELECT)$/.test(here.tagName) &&
      here.type !== "hidden" && (here.tagName === "SELECT" || here.value));
  }

  function refresh(seq) {
    var p = panel();
    if (!p || !window.htmx) return;
    if (seq && shownSeq(p) >= seq) return;
    if (busy || writing(p)) { waiting = true; return; }
    busy = true;
    var focused = document.activeElement && document.activeElement.id;
    window.htmx.ajax("GET", p.getAttribute("data-council-panel"), { target: p, swap: "innerHTML" })
      .then(function () {
        busy = false;
        var again = focused && document.getElementById(focused);
        if (again) again.focus({ preventScroll: true });
        var live = document.getElementById("council-live");
        if (live) live.textContent = "The council moved on.";
        if (waiting) { waiting = false; refresh(); }
      }, function () { busy = false; });
  }

  function poll() {
    if (!timer) timer = window.setInterval(function () { refresh(); }, POLL);
  }

  function stop() {
    if (source) { source.close(); source = null; }
    if (timer) { window.clearInterval(timer); timer = null; }
    listening = "";
  }

  function scan() {
    countDown();
    var p = panel();
    var url = p ? p.getAttribute("data-council-events") : "";
    if (url === listening) return;
    stop();
    if (!url) return;
    listening = url;
    if (!window.EventSource) { poll(); return; }
    source = new window.EventSource(url);
    source.onmessage = function (event) { refresh(Number(event.data)); };
    source.onerror = function () {
      if (source && source.readyState === window.EventSource.CLOSED) { source = null; poll(); }
    };
  }

  function clock(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    return h + ":" + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  // the time left, from the server's figure and the seconds since it came
  function countDown() {
    var shown = document.querySelector("#council-panel [data-left]");
    if (!shown) return;
    if (!shown.hasAttribute("data-since")) shown.setAttribute("data-since", String(Date.now()));
    var since = Number(shown.getAttribute("data-since"));
    var left = Math.max(Number(shown.getAttribute("data-left")) - Math.floor((Date.now() - since) / 1000), 0);
    if (left >= 2 * 86400) return;  // days away: the server's words say enough
    shown.textContent = clock(left);
    if (left === 0 && !shown.hasAttribute("data-ended")) {
      shown.setAttribute("data-ended", "");
      window.setTimeout(function () { refresh(); }, 1000);
    }
  }

  // the panel's own refreshes do not move the focus to the page's main part
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target === panel()) event.stopPropagation();
  }, true);
  // a field left: a refresh that waited for it runs now
  document.addEventListener("focusout", function () {
    if (waiting) window.setTimeout(function () { if (waiting && !busy) { waiting = false; refresh(); } }, 50);
  });
  window.setInterval(countDown, 1000);
  window.newcourseCouncilScan = scan;
  document.addEventListener("htmx:load", scan);
  document.addEventListener("DOMContentLoaded", scan);
  if (document.readyState !== "loading") scan();
})();
