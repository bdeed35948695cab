/* Charts (macros/templates/chart*.html): details of a mark on tap, click or keyboard focus.
   Without this script every mark still has its <title> tooltip and links to its model, and each chart's
   data table lists what is drawn. A first tap shows the details; a second tap on the same mark follows
   its link. Enter on a focused mark follows the link (the details already show on focus). */
(function () {
  "use strict";
  if (window.atlasChartsLoaded) return; // one script tag per chart; run once
  window.atlasChartsLoaded = true;
  var pop = null, current = null, openBeforePress = false;
  var MARK = "svg.atlas-chart-svg a[data-r]";

  function hide() {
    if (pop) pop.hidden = true;
    if (current) current.classList.remove("atlas-on");
    current = null;
  }

  function rowLinks(mark, figure) {
    var rows = figure.querySelectorAll(".atlas-chart-data tbody tr");
    var row = rows[Number(mark.getAttribute("data-r"))];
    return row ? row.querySelectorAll("a[href]") : [];
  }

  function show(mark) {
    var figure = mark.closest("figure");
    if (!figure) return;
    if (!pop) {
      pop = document.createElement("div");
      pop.className = "atlas-chart-pop";
    }
    if (pop.parentNode !== figure) figure.appendChild(pop);
    if (current) current.classList.remove("atlas-on");
    current = mark;
    mark.classList.add("atlas-on");
    pop.textContent = "";
    var title = mark.querySelector("title");
    var text = document.createElement("p");
    text.textContent = title ? title.textContent : "";
    pop.appendChild(text);
    var links = rowLinks(mark, figure);
    var list = document.createElement("p");
    list.className = "atlas-chart-pop-links";
    if (links.length) {
      for (var i = 0; i < links.length; i++) {
        if (i) list.appendChild(document.createTextNode(" · "));
        list.appendChild(links[i].cloneNode(true));
      }
    } else {
      var open = document.createElement("a");
      open.href = mark.getAttribute("xlink:href") || mark.getAttribute("href");
      open.textContent = "Open the model page";
      list.appendChild(open);
    }
    pop.appendChild(list);
    pop.hidden = false;
    var box = mark.getBoundingClientRect(), frame = figure.getBoundingClientRect();
    var width = Math.min(pop.offsetWidth, frame.width);
    var left = box.left + box.width / 2 - frame.left - width / 2;
    pop.style.left = Math.max(0, Math.min(left, frame.width - width)) + "px";
    pop.style.top = (box.bottom - frame.top + 8) + "px";
  }

  function nearestMark(svg, x, y) {
    var best = null, bestDistance = 24; // px: a finger is wider than a 10px mark
    var marks = svg.querySelectorAll("a[data-r]");
    for (var i = 0; i < marks.length; i++) {
      var r = marks[i].getBoundingClientRect();
      var d = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y);
      if (d < bestDistance) { best = marks[i]; bestDistance = d; }
    }
    return best;
  }

  // A size ladder wider than the screen scrolls to its marks (the shared axis spans 30M to 3T; most families
  // sit in a part of it). Time charts need no script: CSS opens them on their right end.
  function scrollToMarks() {
    var boxes = document.querySelectorAll(".atlas-chart-scroll[data-scroll-marks]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth <= box.clientWidth) continue;
      var marks = box.querySelectorAll("a[data-r]"), low = Infinity, high = -Infinity;
      var origin = box.getBoundingClientRect().left - box.scrollLeft;
      for (var j = 0; j < marks.length; j++) {
        var r = marks[j].getBoundingClientRect();
        low = Math.min(low, r.left - origin);
        high = Math.max(high, r.right - origin);
      }
      if (low === Infinity) continue;
      // Start a little before the smallest size, where its name is written; keep the largest in view if it fits.
      box.scrollLeft = Math.max(0, Math.min(low - 160, Math.max(0, high + 16 - box.clientWidth)));
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollToMarks);
  else scrollToMarks();

  document.addEventListener("pointerdown", function (event) {
    var mark = event.target.closest && event.target.closest(MARK);
    openBeforePress = !!mark && mark === current && pop && !pop.hidden;
  }, true);

  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest(MARK);
    if (mark) show(mark);
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    var mark = event.target.closest(MARK);
    if (mark) {
      if (event.detail === 0 || openBeforePress) return; // keyboard Enter, or a second tap: follow the link
      event.preventDefault();
      show(mark);
      return;
    }
    if (pop && pop.contains(event.target)) return;
    var svg = event.target.closest("svg.atlas-chart-svg");
    var near = svg && nearestMark(svg, event.clientX, event.clientY);
    if (near) { show(near); return; }
    hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var mark = current;
      hide();
      mark.blur();
    }
  });
})();
