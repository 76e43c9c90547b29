// Draws the page's charts from the JSON embedded in #chart-data (no inline script: CSP).
// Each chart area holds a table for readers without JavaScript; drawing replaces it.
(function () {
  var el = document.getElementById("chart-data");
  if (!el || typeof Plotly === "undefined") return;
  var data = JSON.parse(el.textContent);
  var series = data.series || [];
  if (!series.length) return;  // the page says "no events" instead
  var x = series.map(function (r) { return r.period; });
  var names = data.names || {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict"};
  var colours = {"1": "#5b9bd5", "2": "#2e8b57", "3": "#e69500", "4": "#c0392b"};
  var freq = data.freq || "month";
  var DAY = 86400000;
  var LENGTH = {day: DAY, week: 7 * DAY, month: 30.44 * DAY, quarter: 91.3 * DAY, year: 365.25 * DAY};
  var FORMAT = {day: "%d %b %Y", week: "%d %b %Y", month: "%b %Y", quarter: "%b %Y", year: "%Y"};

  // A date axis with one tick per period (or plotly's own ticks when there are many), always
  // as dates, and half a period of room each side: one period never zooms into milliseconds.
  function xaxis() {
    var half = LENGTH[freq] * (x.length < 3 ? 1.5 : 0.5);  // one or two bars are not drawn page-wide
    var first = Date.parse(x[0] + "T00:00:00Z"), last = Date.parse(x[x.length - 1] + "T00:00:00Z");
    var axis = {type: "date", tickformat: FORMAT[freq], hoverformat: FORMAT[freq],
                range: [new Date(first - half).toISOString(), new Date(last + half).toISOString()]};
    if (x.length <= 24) { axis.tickmode = "array"; axis.tickvals = x; }
    return axis;
  }
  var barWidth = LENGTH[freq] * 0.8;  // in ms on a date axis: alone, a bar would be 1 ms wide
  function quadTraces() {
    return ["1", "2", "3", "4"].map(function (q) {
      return {x: x, y: series.map(function (r) { return r["q" + q] || 0; }), name: names[q], type: "bar",
              marker: {color: colours[q]}, width: barWidth};
    });
  }
  var layout = {barmode: "stack", margin: {t: 20, r: 10, b: 40, l: 40}, legend: {orientation: "h", traceorder: "normal"}, xaxis: xaxis(),
                yaxis: {title: {text: "events"}, rangemode: "tozero"}};
  var most = Math.max.apply(null, series.map(function (r) { return r.events || (r.q1 + r.q2 + r.q3 + r.q4) || 0; }));
  if (most <= 10) layout.yaxis.dtick = 1;  // counts are whole numbers
  function nextPeriod(p) {
    var d = new Date(p + "T00:00:00Z");
    if (freq === "day") { return p; }
    if (freq === "week") { d.setUTCDate(d.getUTCDate() + 6); return d.toISOString().slice(0, 10); }
    var months = {month: 1, quarter: 3, year: 12}[freq] || 1;
    d.setUTCMonth(d.getUTCMonth() + months); d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  function drill(chart) {
    chart.on("plotly_click", function (ev) {
      var p = String(ev.points[0].x).slice(0, 10); var params = new URLSearchParams(data.filters || {});
      params.set("start", p); params.set("end", nextPeriod(p));
      window.location.href = "/events?" + params.toString();
    });
  }
  function draw(id, traces, lay) {
    var area = document.getElementById(id);
    if (!area) return null;
    area.textContent = "";  // the table for readers without JavaScript
    area.classList.add("drawn");
    Plotly.newPlot(area, traces, lay, {displaylogo: false, responsive: true});
    return area;
  }
  var quad = draw("quad-chart", quadTraces(), layout);
  if (quad) drill(quad);
  var dyad = draw("dyad-chart", quadTraces(), layout);
  if (dyad) drill(dyad);
  var axes = data.goldstein_axes || [null, null];
  draw("goldstein-chart", [
    {x: x, y: series.map(function (r) { return r.goldstein_sum; }), name: "Goldstein sum", type: "bar", marker: {color: "#888"},
     width: barWidth},
    {x: x, y: series.map(function (r) { return r.goldstein_mean; }), name: "Goldstein mean", type: "scatter",
     mode: "lines+markers", yaxis: "y2", line: {color: "#1f3b57"}}
  ], {margin: {t: 20, r: 50, b: 40, l: 50}, legend: {orientation: "h"}, xaxis: xaxis(),
      // the server gives both axes ranges with zero at the same height: one zero line
      yaxis: {title: {text: "sum"}, range: axes[0], zeroline: true, zerolinecolor: "#444"},
      yaxis2: {title: {text: "mean"}, overlaying: "y", side: "right", range: axes[1], showgrid: false,
               zeroline: true, zerolinecolor: "#444"}});
})();
