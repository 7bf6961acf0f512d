// Urdun page behaviour. Loaded as a file: the Content-Security-Policy forbids inline script.
"use strict";
document.documentElement.classList.add("js");

// Forms marked .js-autosubmit submit when a select changes (the language switch).
document.addEventListener("change", function (event) {
  const form = event.target.closest("form.js-autosubmit");
  if (form && event.target.matches("select")) form.requestSubmit();
});

// Charts: <canvas class="js-chart" data-chart-source="ID"> with a json_script block holding
// {type, labels, datasets, options}. Data never travels through inline script.
function drawCharts(root) {
  if (typeof Chart === "undefined") return;
  root.querySelectorAll("canvas.js-chart").forEach(function (canvas) {
    if (canvas.dataset.drawn) return;
    const source = document.getElementById(canvas.dataset.chartSource);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    canvas.dataset.drawn = "1";
    new Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: spec.datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, spec.options || {}),
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
document.addEventListener("htmx:afterSettle", function (event) { drawCharts(event.target); });

// Confirmation for dangerous buttons: data-confirm="text".
document.addEventListener("submit", function (event) {
  const button = event.submitter;
  const text = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (text && !window.confirm(text)) event.preventDefault();
});
