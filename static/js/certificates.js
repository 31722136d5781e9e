// The certificates page of an event: the Issue button counts what will be issued (the
// completed, counted by the server, plus the certificates of participation ticked here).
// Without this file the button shows the server's count. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var bar = document.querySelector("[data-issue-bar]");
  if (!bar) { return; }
  var form = bar.closest("form");
  var button = bar.querySelector("button[type=submit]");
  var base = parseInt(bar.dataset.base, 10) || 0;
  function update() {
    var count = base + form.querySelectorAll("input[name=participation]:checked").length;
    // The translated label carries the number once and no noun, so only the number changes.
    button.textContent = button.textContent.replace(/\d+/, String(count));
    button.disabled = count === 0;
  }
  form.addEventListener("change", update);
  update();
}());
