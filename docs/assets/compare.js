/* Compare 2-4 models side by side (docs/compare.md). The choice lives in the URL (?ids=a,b) so a
   comparison can be shared. Each model's facts come from this site's own JSON API
   (api/v1/models/<id>.json), so the page does not carry the whole catalogue.
   Hooked to Material's document$ so it runs after every instant navigation. */
(function () {
  "use strict";

  var MAX = 4;

  function numberB(value) {
    return value === null || value === undefined ? null : String(Number(value.toFixed(2))) + "B";
  }

  function tokens(value) {
    if (!value) return null;
    if (value % 1024 === 0) {
      var k = value / 1024;
      return k % 1024 === 0 ? k / 1024 + "M" : k + "K";
    }
    if (value >= 1000000) return String(Number((value / 1000000).toFixed(2))) + "M";
    if (value % 1000 === 0) return value / 1000 + "K";
    return value.toLocaleString("en");
  }

  function gigabytes(value) {
    if (value === null) return null;
    if (value >= 10) return "≈ " + Math.round(value).toLocaleString("en") + " GB";
    if (value >= 1) return "≈ " + value.toFixed(1) + " GB";
    return "≈ " + value.toFixed(2) + " GB";
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function dateText(iso) {
    var parts = iso.split("-");
    var month = MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    return parts[2] ? Number(parts[2]) + " " + month : month; // a month-only date stays a month
  }

  function rowsFor(model, familyName, memory) {
    var total = model.params_total_b;
    var bf16 = total === null ? null : total * memory.bf16;
    var int4 = total === null ? null : total * memory.int4 * (1 + memory.overhead);
    var active = model.architecture === "dense" ? "all (dense)" : numberB(model.params_active_b);
    return [
      ["Family", familyName],
      ["Released", dateText(model.release_date)],
      ["Variant", model.variant],
      ["Architecture", model.architecture],
      ["Attention", model.attention],
      ["Parameters (total)", numberB(total)],
      ["Parameters (active)", active],
      ["Layers", model.layers === null ? null : String(model.layers)],
      ["bf16 weights (estimate)", gigabytes(bf16)],
      ["4-bit weights (estimate)", gigabytes(int4)],
      ["Context (native)", tokens(model.context_native)],
      ["Context (max)", tokens(model.context_max)],
      ["Context extension", model.context_extension],
      ["Input", model.modalities_in.join(", ")],
      ["Output", model.modalities_out.join(", ")],
      ["Weights", model.open_weights ? "open weights" : "API only"],
      ["Licence", model.license],
      ["Hugging Face", model.hf_repo],
      ["Base model", model.base_model],
      ["Confidence", model.confidence],
    ];
  }

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text === null || text === undefined || text === "" ? "unknown" : text;
    if (element.textContent === "unknown") element.className = "atlas-unknown";
    return element;
  }

  function init(root) {
    var form = root.querySelector("[data-compare-form]");
    var template = root.querySelector("[data-compare-options]");
    var slots = Array.prototype.slice.call(root.querySelectorAll("[data-compare-slot]"));
    var status = root.querySelector("[data-compare-status]");
    var output = root.querySelector("[data-compare-output]");
    var memory = { bf16: Number(root.dataset.bf16), int4: Number(root.dataset.int4),
                   overhead: Number(root.dataset.int4Overhead) };
    var cache = {};

    slots.forEach(function (select) { select.appendChild(template.content.cloneNode(true)); });
    form.hidden = false;

    function familyName(id) {
      var option = slots[0].querySelector('option[value="' + CSS.escape(id) + '"]');
      return option && option.parentElement.label ? option.parentElement.label : null;
    }

    function chosen() {
      var ids = [];
      slots.forEach(function (select) {
        if (select.value && ids.indexOf(select.value) === -1) ids.push(select.value);
      });
      return ids;
    }

    function load(id) {
      if (!cache[id]) {
        cache[id] = fetch(root.dataset.api + encodeURIComponent(id) + ".json").then(function (response) {
          if (!response.ok) throw new Error(id + ": HTTP " + response.status);
          return response.json();
        }).then(function (document) { return document.model; });
      }
      return cache[id];
    }

    function render(models) {
      var table = document.createElement("table");
      table.className = "atlas-table atlas-compare-table";
      var head = table.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = "Fact";
      head.appendChild(corner);
      models.forEach(function (model) {
        var th = document.createElement("th");
        th.scope = "col";
        var link = document.createElement("a");
        link.href = root.dataset.root + "models/" + encodeURIComponent(model.id) + "/";
        link.textContent = model.name;
        th.appendChild(link);
        head.appendChild(th);
      });
      var columns = models.map(function (m) { return rowsFor(m, familyName(m.id), memory); });
      var body = table.createTBody();
      columns[0].forEach(function (pair, index) {
        var row = body.insertRow();
        var label = cell("th", pair[0]);
        label.scope = "row";
        row.appendChild(label);
        var values = columns.map(function (column) { return column[index][1]; });
        values.forEach(function (value) { row.appendChild(cell("td", value)); });
        var distinct = values.filter(function (v, i) { return values.indexOf(v) === i; });
        if (models.length > 1 && distinct.length > 1) {
          row.classList.add("atlas-differs");
          label.title = "The models differ here";
        }
      });
      output.replaceChildren(table);
    }

    function update(writeUrl) {
      var ids = chosen();
      if (writeUrl) {
        var url = location.pathname + (ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : "") + location.hash;
        history.replaceState(history.state, "", url);
      }
      if (!ids.length) {
        output.replaceChildren();
        status.textContent = "Choose two to four models.";
        return;
      }
      status.textContent = "Loading…";
      Promise.all(ids.map(load)).then(function (models) {
        render(models);
        status.textContent = ids.length < 2 ? "Choose at least one more model to compare."
          : "Comparing " + ids.length + " models; rows marked ≠ differ.";
      }).catch(function (error) {
        status.textContent = "Could not load the facts (" + error.message + ").";
      });
    }

    // Restore a shared comparison; unknown ids are dropped because no option offers them.
    var requested = (new URLSearchParams(location.search).get("ids") || "").split(",").filter(Boolean);
    requested.slice(0, MAX).forEach(function (id, index) { slots[index].value = id; });
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    update(requested.length > 0);
  }

  function start() {
    var root = document.querySelector("[data-compare]");
    if (root && !root.dataset.enhanced) {
      root.dataset.enhanced = "true";
      init(root);
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else start();
})();
