// Draws the page's charts from the JSON embedded in #chart-data (no inline script: CSP).
(function () {
  var el = document.getElementById("chart-data");
  if (!el || typeof Plotly === "undefined") return;
  var data = JSON.parse(el.textContent);
  var series = data.series || [];
  var x = series.map(function (r) { return r.period; });
  var names = data.names || {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict"};
  var colours = {"1": "#5b9bd5", "2": "#2e8b57", "3": "#e69500", "4": "#c0392b"};
  function quadTraces() {
    return ["1", "2", "3", "4"].map(function (q) {
      return {x: x, y: series.map(function (r) { return r["q" + q] || 0; }), name: names[q], type: "bar",
              marker: {color: colours[q]}};
    });
  }
  var layout = {barmode: "stack", margin: {t: 20, r: 10, b: 40, l: 40}, legend: {orientation: "h"}};
  function nextPeriod(p) {
    var d = new Date(p + "T00:00:00Z"); d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  function drill(chart) {
    chart.on("plotly_click", function (ev) {
      var p = ev.points[0].x; var params = new URLSearchParams(data.filters || {});
      params.set("start", p); params.set("end", nextPeriod(p));
      window.location.href = "/events?" + params.toString();
    });
  }
  var quad = document.getElementById("quad-chart");
  if (quad) { Plotly.newPlot(quad, quadTraces(), layout, {displaylogo: false}); drill(quad); }
  var dyad = document.getElementById("dyad-chart");
  if (dyad) { Plotly.newPlot(dyad, quadTraces(), layout, {displaylogo: false}); drill(dyad); }
  var gold = document.getElementById("goldstein-chart");
  if (gold) {
    Plotly.newPlot(gold, [
      {x: x, y: series.map(function (r) { return r.goldstein_sum; }), name: "Goldstein sum", type: "bar", marker: {color: "#888"}},
      {x: x, y: series.map(function (r) { return r.goldstein_mean; }), name: "Goldstein mean", type: "scatter", yaxis: "y2"}
    ], {margin: {t: 20, r: 40, b: 40, l: 40}, legend: {orientation: "h"},
        yaxis2: {overlaying: "y", side: "right"}}, {displaylogo: false});
  }
})();
