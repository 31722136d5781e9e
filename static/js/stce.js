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
  // While a POST form's submission is in flight its buttons are disabled, so that a second
  // click does not send it twice. Disabled after the browser has read the form (a disabled
  // button's name and value would not be sent), and enabled again when the page comes back
  // from the history. A POST form that answers with a download opts out with data-no-disable.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post" ||
        form.hasAttribute("data-no-disable") || form.target === "_blank") { return; }
    var buttons = form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
    window.setTimeout(function () {
      buttons.forEach(function (button) {
        button.disabled = true;
        button.classList.add("is-submitting");
        button.setAttribute("aria-busy", "true");
      });
    }, 0);
  });
  // The navigation bar shows its items on one line when they fit and collapses to its menu
  // button when they do not: Russian and French labels are half as long again as English
  // ones, so no fixed breakpoint suits every language. Without scripts the bar expands only
  // on very wide screens (navbar-expand-xxl in the HTML).
  var navbar = document.querySelector("nav.navbar[data-fit]");
  if (navbar) {
    var fitNavbar = function () {
      navbar.classList.remove("navbar-expand-xxl");
      navbar.classList.add("navbar-expand-lg");
      var row = navbar.querySelector(".container-fluid");
      if (window.innerWidth < 992 || row.scrollWidth <= row.clientWidth) { return; }
      navbar.classList.remove("navbar-expand-lg");
    };
    fitNavbar();
    window.addEventListener("resize", fitNavbar);
  }
  window.addEventListener("pageshow", function () {
    document.querySelectorAll(".is-submitting").forEach(function (button) {
      button.disabled = false;
      button.classList.remove("is-submitting");
      button.removeAttribute("aria-busy");
    });
  });
})();
