// Draws each model's numeric metrics over its versions (Chart.js); the data comes from the page.
(function () {
  "use strict";
  const palette = ["#1f5fbf", "#1e7b34", "#b3261e", "#8a5a00", "#6a3fb5", "#007a87"];
  document.querySelectorAll("canvas.metrics-chart").forEach((canvas) => {
    const data = JSON.parse(canvas.dataset.chart);
    const names = Object.keys(data.metrics);
    if (names.length === 0) {
      canvas.parentElement.remove();
      return;
    }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.versions.map((v) => "v" + v),
        datasets: names.map((name, i) => ({
          label: name,
          data: data.metrics[name],
          borderColor: palette[i % palette.length],
          backgroundColor: palette[i % palette.length],
          spanGaps: true
        }))
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false }
    });
  });
})();
