// Draws each dashboard chart from the JSON that the page carries next to it
// (<script type="application/json">, which the Content Security Policy allows as it does not run).
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var config = JSON.parse(source.textContent);
    config.options = config.options || {};
    config.options.maintainAspectRatio = false;
    new Chart(canvas, config);
  });
})();
