// Throughput chart of the finance page (Chart.js). htmx replaces the #live section every few
// seconds; its data-chart attribute carries the series, and the chart is updated in place.
(function () {
  "use strict";
  const canvas = document.getElementById("throughput-chart");
  if (!canvas) {
    return;
  }
  const chart = new Chart(canvas, {
    type: "line",
    data: {
      labels: [],
      datasets: [
        { label: "decisions", data: [], borderColor: "#1f5fbf", backgroundColor: "#1f5fbf", yAxisID: "y" },
        { label: "alerts", data: [], borderColor: "#b3261e", backgroundColor: "#b3261e", yAxisID: "alerts" }
      ]
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: "decisions" } },
        alerts: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
          title: { display: true, text: "alerts" } }
      }
    }
  });

  function update() {
    const live = document.getElementById("live");
    if (!live || !live.dataset.chart) {
      return;
    }
    const series = JSON.parse(live.dataset.chart);
    chart.data.labels = series.at.map((at) => at.substring(11, 19));
    chart.data.datasets[0].data = series.decisions;
    chart.data.datasets[1].data = series.alerts;
    chart.update("none");
    canvas.dataset.points = String(series.decisions.length);
    canvas.dataset.decisions = String(series.decisions.reduce((sum, n) => sum + n, 0));
  }

  document.body.addEventListener("htmx:afterSwap", update);
  update();
})();
