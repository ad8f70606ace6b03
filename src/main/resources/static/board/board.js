// Draws each campaign's voter-contact charts with Chart.js from the data the server put beside
// them; the table under each chart holds the same numbers for screen readers and printouts.
(function () {
  'use strict';
  var COLORS = { doors: '#1565c0', calls: '#2e7d32', texts: '#ef6c00', letters: '#6a1b9a' };
  var NAMES = { doors: 'Doors', calls: 'Calls', texts: 'Texts', letters: 'Letters' };
  function draw(canvas) {
    if (typeof Chart === 'undefined') { return; }
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var kind = canvas.getAttribute('data-kind');
    var series = data[kind];
    var datasets = Object.keys(NAMES).map(function (measure) {
      return {
        label: NAMES[measure] + (kind === 'cumulative' && data.goals[measure] ? ' (goal ' + data.goals[measure] + ')' : ''),
        data: series[measure],
        backgroundColor: COLORS[measure],
        borderColor: COLORS[measure],
        fill: false,
        tension: 0.2
      };
    });
    new Chart(canvas, {
      type: kind === 'weekly' ? 'bar' : 'line',
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true } }
      }
    });
  }
  function drawAll() {
    document.querySelectorAll('canvas.chart').forEach(draw);
    document.body.setAttribute('data-charts-drawn', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
