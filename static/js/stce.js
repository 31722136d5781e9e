// Small behaviours shared by every page. No inline scripts anywhere: the Content Security
// Policy forbids them, so pages opt in with classes and data attributes.
(function () {
  "use strict";
  document.querySelectorAll(".js-autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // Ask before destructive actions: <form data-confirm="Are you sure?">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
