// Attendance sheets: "mark all unmarked present" without a round trip, and one-key entry
// (P, L, E, A) that moves on to the next participant. Without JavaScript the mark-all
// button submits the form with name="mark_all" and the server does the same.
(function () {
  "use strict";
  var sheet = document.getElementById("attendance-sheet");
  if (!sheet) { return; }

  function radioGroups() {
    var groups = {};
    sheet.querySelectorAll("input[type=radio][name^='s-']").forEach(function (radio) {
      (groups[radio.name] = groups[radio.name] || []).push(radio);
    });
    return groups;
  }

  sheet.querySelectorAll(".js-mark-all").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var groups = radioGroups();
      Object.keys(groups).forEach(function (name) {
        var radios = groups[name];
        if (radios.some(function (r) { return r.checked; })) { return; }
        radios.forEach(function (r) { if (r.value === "present") { r.checked = true; } });
      });
      sheet.querySelectorAll("select[name^='s-']").forEach(function (select) {
        if (!select.value) { select.value = "present"; }
      });
      sheet.classList.add("is-dirty");
    });
  });

  sheet.addEventListener("keydown", function (event) {
    var radio = event.target;
    if (radio.type !== "radio" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key.toUpperCase();
    var group = sheet.querySelectorAll("input[type=radio][name='" + radio.name + "']");
    var match = Array.prototype.find.call(group, function (r) { return r.dataset.key === key; });
    if (!match) { return; }
    event.preventDefault();
    match.checked = true;
    sheet.classList.add("is-dirty");
    var rows = Array.prototype.slice.call(sheet.querySelectorAll("[data-row]"));
    var index = rows.indexOf(radio.closest("[data-row]"));
    for (var i = index + 1; i < rows.length; i++) {
      var next = rows[i].querySelector("input[type=radio]:checked") || rows[i].querySelector("input[type=radio]");
      if (next) { next.focus(); return; }
    }
  });

  sheet.addEventListener("change", function () { sheet.classList.add("is-dirty"); });
  sheet.addEventListener("submit", function () { sheet.classList.remove("is-dirty"); });
  // A trainer leaving the page with unsaved marks gets the browser's own warning.
  window.addEventListener("beforeunload", function (event) {
    if (sheet.classList.contains("is-dirty")) { event.preventDefault(); event.returnValue = ""; }
  });
})();
