/* The dashboard's charts: ECharts (served from node_modules, never a CDN) drawn from the JSON
   the page embeds with json_script. The tables beside them hold the same numbers; clicking a
   bar opens the records behind it, as clicking the number in the table does. */
(function () {
  "use strict";

  var INK = "#374151", MUTED = "#6b7280", LINE = "#e5e7eb";
  var LIGHT_COLOURS = { red: "#c0392b", yellow: "#d4a017", green: "#2e8b57", paused: "#3b82f6" };
  var SERIES_COLOURS = ["#1d4e89", "#5b8fc7", "#2e8b57", "#d4a017", "#8e6bbf", "#9ca3af", "#0f5f6b"];
  var REPORT_COLOURS = {
    "起草中": "#9ca3af", "待审定": "#d4a017", "已审定": "#5b8fc7", "已报送": "#1d4e89",
    "已接收": "#0f5f6b", "已公开": "#2e8b57", "尚未起草": "#cbd5e1"
  };

  function common() {
    return {
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, color: INK },
      color: SERIES_COLOURS,
      animationDuration: 400,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: { top: 0, left: 0, icon: "roundRect", itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true }
    };
  }

  function valueAxis() {
    return { type: "value", minInterval: 1, splitLine: { lineStyle: { color: LINE } }, axisLabel: { color: MUTED } };
  }

  function unitAxis(units) {
    return {
      type: "category", data: units, inverse: true, axisTick: { show: false },
      axisLine: { lineStyle: { color: LINE } }, axisLabel: { color: INK, width: 120, overflow: "truncate" }
    };
  }

  function fitHeight(el, rows, perRow) {
    el.style.height = Math.max(240, 70 + rows * perRow) + "px";
  }

  function lights(el, data) {
    fitHeight(el, data.units.length, 30);
    return Object.assign(common(), {
      xAxis: valueAxis(),
      yAxis: unitAxis(data.units),
      series: Object.keys(LIGHT_COLOURS).map(function (light) {
        return {
          name: data.lightLabels[light], type: "bar", stack: "lights", barMaxWidth: 18,
          itemStyle: { color: LIGHT_COLOURS[light] }, data: data.lights[light]
        };
      })
    });
  }

  function indicators(el, data) {
    fitHeight(el, data.units.length, 10 + 8 * data.indicators.length);
    return Object.assign(common(), {
      xAxis: valueAxis(),
      yAxis: unitAxis(data.units),
      series: data.indicators.map(function (s) {
        return { name: s.name, type: "bar", barMaxWidth: 12, barGap: "10%", data: s.data };
      })
    });
  }

  function trend(el, data) {
    var option = Object.assign(common(), {
      xAxis: { type: "category", data: data.months, boundaryGap: false, axisLabel: { color: MUTED },
               axisLine: { lineStyle: { color: LINE } } },
      yAxis: valueAxis(),
      series: data.trend.map(function (s) {
        return { name: s.name, type: "line", symbolSize: 6, connectNulls: false, data: s.data };
      })
    });
    option.tooltip = { trigger: "axis", confine: true };
    return option;
  }

  function reports(el, data) {
    var option = Object.assign(common(), {
      tooltip: { trigger: "item", formatter: "{b}：{c} 个单位（{d}%）", confine: true },
      legend: { show: false },
      series: [{
        type: "pie", radius: ["42%", "66%"], center: ["50%", "52%"], startAngle: 180, avoidLabelOverlap: true,
        label: { formatter: "{b}\n{c}", color: INK }, labelLine: { length: 8, length2: 8 },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
        data: data.reports.map(function (r) {
          return { name: r.name, value: r.value, itemStyle: { color: REPORT_COLOURS[r.name] || "#9ca3af" } };
        })
      }]
    });
    if (!data.reports.length) {
      option.title = { text: "暂无单位", left: "center", top: "middle", textStyle: { color: MUTED, fontSize: 14 } };
    }
    return option;
  }

  var BUILDERS = { lights: lights, indicators: indicators, trend: trend, reports: reports };

  function draw(el, data) {
    var build = BUILDERS[el.dataset.chart];
    if (!build) { return null; }
    var option = build(el, data);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) {
      if (params.data && params.data.url) { window.location.href = params.data.url; }
    });
    return chart;
  }

  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function start() {
    autosubmit();
    var source = document.getElementById("dash-charts");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var chart = draw(el, data);
      if (chart) { charts.push(chart); }
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
