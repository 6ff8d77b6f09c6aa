"""Zoom and pan for the diagrams of an HTML page: a small inline script that works on each SVG's
``viewBox`` (wheel to zoom at the pointer, drag to pan, buttons to zoom in, out, reset, and open
the picture at full size), and the CSS for it. Without scripts, each diagram keeps its natural
size in a box that scrolls."""

from __future__ import annotations

BOX_CLASS = "diagram-box"

CSS = """
.diagram-box { overflow: auto; max-height: 85vh; border: 1px solid #e3e6ea; border-radius: 4px; background: #fff; }
.diagram-box > svg { display: block; }
.diagram-box.zoomable { overflow: hidden; max-height: none; }
.diagram-box.zoomable > svg { max-width: 100%; height: auto; margin: 0 auto; cursor: grab; touch-action: none; }
.diagram-box.dragging > svg { cursor: grabbing; }
.diagram-tools { display: flex; gap: 4px; margin: 0 0 4px; }
.diagram-tools button { font: inherit; font-size: 0.85em; padding: 1px 8px; border: 1px solid #c9ced6;
  border-radius: 3px; background: #f6f8fa; cursor: pointer; }
.diagram-tools button:hover { background: #e9edf2; }
"""

SCRIPT = """
(function () {
  "use strict";
  function setup(box) {
    var svg = box.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) { return; }
    var base = svg.viewBox.baseVal;
    var home = [base.x, base.y, base.width, base.height];
    var view = home.slice();
    var drag = null;
    box.classList.add("zoomable");
    function apply() { svg.setAttribute("viewBox", view.join(" ")); }
    function at(event) {
      var matrix = svg.getScreenCTM();
      if (!matrix) { return [view[0] + view[2] / 2, view[1] + view[3] / 2]; }
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      point = point.matrixTransform(matrix.inverse());
      return [point.x, point.y];
    }
    function zoom(factor, centre) {
      var width = Math.min(Math.max(view[2] * factor, home[2] / 40), home[2] * 2);
      factor = width / view[2];
      view = [centre[0] - (centre[0] - view[0]) * factor, centre[1] - (centre[1] - view[1]) * factor,
              view[2] * factor, view[3] * factor];
      apply();
    }
    function middle() { return [view[0] + view[2] / 2, view[1] + view[3] / 2]; }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(Math.pow(1.002, event.deltaY), at(event));
    }, { passive: false });
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = [event.clientX, event.clientY];
      svg.setPointerCapture(event.pointerId);
      box.classList.add("dragging");
    });
    svg.addEventListener("pointermove", function (event) {
      var matrix = svg.getScreenCTM();
      if (!drag || !matrix) { return; }
      view[0] -= (event.clientX - drag[0]) / matrix.a;
      view[1] -= (event.clientY - drag[1]) / matrix.d;
      drag = [event.clientX, event.clientY];
      apply();
    });
    function end() { drag = null; box.classList.remove("dragging"); }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    function full() {
      var copy = svg.cloneNode(true);
      copy.setAttribute("viewBox", home.join(" "));
      var text = new XMLSerializer().serializeToString(copy);
      var url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      window.open(url, "_blank", "noopener");
    }
    var tools = document.createElement("div");
    tools.className = "diagram-tools";
    [["+", "zoom in", function () { zoom(1 / 1.5, middle()); }],
     ["\\u2212", "zoom out", function () { zoom(1.5, middle()); }],
     ["reset", "show the whole diagram", function () { view = home.slice(); apply(); }],
     ["full size", "open the diagram at its natural size", full]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.addEventListener("click", spec[2]);
      tools.appendChild(button);
    });
    box.parentNode.insertBefore(tools, box);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".diagram-box"), setup);
})();
"""
