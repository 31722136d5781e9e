// The progress page of a background job: reads its JSON every second and, once the job is
// over, reloads the page, which then leads to the result. No inline script (the CSP forbids it).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-json]");
  if (!box || box.dataset.finished) { return; }
  var bar = box.querySelector("progress");
  function text(selector, value) {
    var el = box.querySelector(selector);
    if (el) { el.textContent = value; }
  }
  function show(state) {
    // No percent: the job cannot tell how far it is, and an indeterminate bar says so.
    if (state.percent === null) {
      bar.removeAttribute("value");
      bar.textContent = "";
    } else {
      bar.value = state.percent;
      bar.textContent = state.percent + "%";
    }
    box.querySelectorAll(".js-job-counts").forEach(function (el) { el.hidden = !state.total; });
    text(".js-job-done", state.done);
    text(".js-job-total", state.total);
    text(".js-job-failed", state.failed);
    text(".js-job-status", state.status);
    var list = box.querySelector(".js-job-notes");
    if (list) {
      list.replaceChildren.apply(list, state.notes.map(function (note) {
        var item = document.createElement("li");
        item.textContent = note;
        return item;
      }));
    }
  }
  function poll() {
    fetch(box.dataset.jobJson, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) {
          window.location.replace(box.dataset.jobPage);
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
