// An imported report: a click on a marked figure (or its row) shows that figure's detail.
(function () {
  "use strict";

  function select(id, scroll) {
    document.querySelectorAll(".fig-detail").forEach(function (d) {
      d.hidden = d.classList.contains("placeholder") ? Boolean(id) : d.dataset.figure !== id;
    });
    document.querySelectorAll("mark.fig.on, .imp-figtable tr.on").forEach(function (el) {
      el.classList.remove("on");
    });
    document.querySelectorAll('mark.fig[data-figure="' + id + '"], .imp-figtable tr[data-figure="' + id + '"]')
      .forEach(function (el) { el.classList.add("on"); });
    var mark = document.getElementById("fig-" + id);
    if (scroll && mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    history.replaceState(null, "", "?figure=" + id + "#fig-" + id);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("mark.fig[data-figure]").forEach(function (mark) {
      mark.addEventListener("click", function (event) {
        event.stopPropagation();  // the innermost of nested figures
        select(mark.dataset.figure, false);
      });
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(mark.dataset.figure, false);
        }
      });
    });
    document.querySelectorAll("[data-select]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        select(link.dataset.select, true);
      });
    });
    var wanted = new URLSearchParams(location.search).get("figure");
    if (wanted && document.getElementById("fig-" + wanted)) select(wanted, false);
  });
})();
