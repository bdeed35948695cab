/* Timeline filter (macros/templates/timeline.html): show entries of some kinds and of one family.
   The state lives in the URL (?kind=model,paper&family=qwen3), so a filtered timeline can be shared.
   Without this script the form is not drawn and every entry shows. */
(function () {
  "use strict";
  var root = document.querySelector("[data-timeline]");
  var form = root && root.querySelector("[data-tl-form]");
  if (!form) return;
  var entries = root.querySelectorAll(".tl-e");
  var years = root.querySelectorAll(".tl-year");
  var jumps = root.querySelectorAll(".tl-years li");
  var status = form.querySelector("[data-tl-status]");
  var boxes = form.querySelectorAll("input[name=kind]");
  var select = form.querySelector("select[name=family]");
  var allKinds = Array.prototype.map.call(boxes, function (box) { return box.value; });

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    var kinds = params.has("kind") ? params.get("kind").split(",") : allKinds;
    boxes.forEach(function (box) { box.checked = kinds.indexOf(box.value) !== -1; });
    var family = params.get("family") || "";
    select.value = select.querySelector('option[value="' + CSS.escape(family) + '"]') ? family : "";
  }

  function state() {
    var kinds = [];
    boxes.forEach(function (box) { if (box.checked) kinds.push(box.value); });
    return { kinds: kinds, family: select.value };
  }

  function apply() {
    var s = state();
    var shown = 0;
    entries.forEach(function (li) {
      var visible = s.kinds.indexOf(li.dataset.kind) !== -1 &&
        (!s.family || (" " + li.dataset.family + " ").indexOf(" " + s.family + " ") !== -1);
      li.hidden = !visible;
      if (visible) shown += 1;
    });
    var visibleYears = {};
    years.forEach(function (section) {
      var any = section.querySelector(".tl-e:not([hidden])") !== null;
      section.hidden = !any;
      if (any) visibleYears[section.dataset.year] = true;
    });
    // Only jumps within this page follow the filter; links to other period pages always stay.
    jumps.forEach(function (li) { if (li.querySelector('a[href^="#"]')) li.hidden = !visibleYears[li.dataset.year]; });
    status.textContent = shown === entries.length ? entries.length + " entries"
      : shown + " of " + entries.length + " entries" + (s.kinds.length ? "" : ": tick a kind to show entries");
  }

  function toUrl() {
    var s = state();
    var params = new URLSearchParams(location.search);
    params.delete("kind");
    params.delete("family");
    if (s.kinds.length !== allKinds.length) params.set("kind", s.kinds.join(","));
    if (s.family) params.set("family", s.family);
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  fromUrl();
  apply();
  form.addEventListener("change", function () { apply(); toUrl(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
