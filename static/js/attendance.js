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

  // The tally at the top and the number of unsaved changes on the Save button follow every
  // mark, so that after "mark all present" the trainer sees what is still to be saved.
  var unsaved = sheet.querySelector(".js-unsaved");
  // The tally counts the whole day (every page): the page's marks move it from where the
  // server left it, by how they differ from what the page showed when it was loaded.
  var base = {}, loaded = {};
  sheet.querySelectorAll("[data-count]").forEach(function (el) { base[el.dataset.count] = parseInt(el.textContent, 10) || 0; });
  sheet.querySelectorAll("[data-row]").forEach(function (row) {
    var original = row.querySelector("input[type=hidden][name^='os-']");
    if (original && !row.classList.contains("is-withdrawn")) { loaded[original.value] = (loaded[original.value] || 0) + 1; }
  });
  function refresh() {
    var counts = {}, changes = 0;
    sheet.querySelectorAll("[data-row]").forEach(function (row) {
      var checked = row.querySelector("input[type=radio]:checked");
      var original = row.querySelector("input[type=hidden][name^='os-']");
      var remark = row.querySelector("input[type=text][name^='r-']");
      var originalRemark = row.querySelector("input[type=hidden][name^='or-']");
      if (!original) { return; }
      var status = checked ? checked.value : "";
      if (!row.classList.contains("is-withdrawn")) { counts[status] = (counts[status] || 0) + 1; }
      if (status !== original.value || (remark && originalRemark && remark.value !== originalRemark.value)) { changes++; }
    });
    sheet.querySelectorAll("[data-count]").forEach(function (el) {
      var status = el.dataset.count;
      if (sheet.querySelector("input[type=hidden][name^='os-']")) {
        el.textContent = base[status] - (loaded[status] || 0) + (counts[status] || 0);
      }
    });
    if (unsaved) {
      unsaved.hidden = changes === 0;
      unsaved.textContent = " (" + unsaved.dataset.template.replace("{n}", changes) + ")";
    }
  }
  sheet.addEventListener("change", refresh);
  sheet.addEventListener("input", refresh);
  sheet.addEventListener("keyup", refresh);
  sheet.querySelectorAll(".js-mark-all").forEach(function (b) { b.addEventListener("click", refresh); });

  // Long lists: show only the participants whose name or organisation matches.
  var search = document.querySelector(".js-attendance-search");
  if (search) {
    var none = document.querySelector(".js-attendance-search-none");
    search.addEventListener("input", function () {
      var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      sheet.querySelectorAll("[data-row]").forEach(function (row) {
        var text = row.querySelector("legend").textContent.toLocaleLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown++; }
      });
      none.hidden = shown > 0;
    });
    // Enter in the search box must not submit the attendance.
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
  }

  sheet.addEventListener("change", function (event) {
    if (!event.target.classList.contains("js-attendance-search")) { sheet.classList.add("is-dirty"); }
  });
  sheet.addEventListener("submit", function () { sheet.classList.remove("is-dirty"); });
  // A trainer leaving the page with unsaved marks gets the browser's own warning.
  window.addEventListener("beforeunload", function (event) {
    if (sheet.classList.contains("is-dirty")) { event.preventDefault(); event.returnValue = ""; }
  });
})();
