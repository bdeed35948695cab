/* Model finder: filters and sorting for the table rendered by macros/render_finder.py.
   Progressive enhancement: without this script the page is the full table. The filter and sort
   state lives in the URL query (?family=qwen3&weights=open&sort=total&dir=desc) so a view can be shared.
   Hooked to Material's document$ so it runs after every instant navigation, not only the first load. */
(function () {
  "use strict";

  // Not "q": Material reads ?q= on load and opens its own search with it.
  var KEYS = ["text", "family", "modality", "weights", "license", "min", "max"];

  function number(text) {
    return text === "" || text === undefined ? null : Number(text);
  }

  function matches(row, state, columns) {
    var data = row.dataset;
    if (state.text) {
      // Name, family, id, variant and aliases; built once per row and kept.
      if (row.searchText === undefined) {
        row.searchText = [row.cells[0].textContent, row.cells[1].textContent, data.id, data.text].join(" ").toLowerCase();
      }
      var terms = state.text.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < terms.length; i++) if (row.searchText.indexOf(terms[i]) === -1) return false;
    }
    if (state.family && data.family !== state.family) return false;
    if (state.modality) {
      var parts = state.modality.split(":");
      var list = (parts[0] === "out" ? data.out : data.in).split(" ");
      if (list.indexOf(parts[1]) === -1) return false;
    }
    var open = row.cells[columns.weights].textContent === "open";
    if (state.weights === "open" && !open) return false;
    if (state.weights === "api" && open) return false;
    if (state.license && row.cells[columns.license].textContent !== state.license) return false;
    if (state.min || state.max) {
      var total = number(row.cells[columns.total].dataset.sort);
      if (total === null) return false; // an undisclosed size is in no size range
      if (state.min && total < Number(state.min)) return false;
      if (state.max && total > Number(state.max)) return false;
    }
    return true;
  }

  function sortValue(cell) {
    // Numbers carry data-sort; dates sort by their <time datetime>; the rest by their text.
    if (cell.dataset.sort !== undefined) return cell.dataset.sort;
    var time = cell.querySelector("time");
    if (time) return time.getAttribute("datetime");
    var text = cell.textContent.trim().toLowerCase();
    return text === "unknown" ? "" : text;
  }

  function compareCells(a, b) {
    // Unknown values sort last in both directions; numbers sort as numbers.
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function init(root) {
    var form = root.querySelector("[data-finder-form]");
    var table = root.querySelector("[data-finder-table]");
    var status = root.querySelector("[data-finder-status]");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var original = rows.slice();
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var sort = { column: "", dir: "" };
    var columns = {};  // column key -> cell index, from the header (the table says what each column is)
    headers.forEach(function (th, index) { columns[th.dataset.column] = index; });

    form.hidden = false;
    headers.forEach(function (th) {
      if (th.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.title = "Sort by " + th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var key = th.dataset.column;
        var dir = sort.column === key && sort.dir === "asc" ? "desc" : "asc";
        sort = { column: key, dir: dir };
        apply(true);
      });
    });

    function readForm() {
      var state = {};
      KEYS.forEach(function (key) {
        var field = form.elements[key];
        state[key] = field ? field.value.trim() : "";
      });
      return state;
    }

    function writeUrl(state) {
      var params = new URLSearchParams();
      KEYS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
      if (sort.column) { params.set("sort", sort.column); params.set("dir", sort.dir); }
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      history.replaceState(history.state, "", url);
    }

    function sortRows() {
      headers.forEach(function (th) {
        th.setAttribute("aria-sort", th.dataset.column !== sort.column ? "none"
          : sort.dir === "asc" ? "ascending" : "descending");
      });
      var ordered = original.slice();
      var index = headers.findIndex(function (th) { return th.dataset.column === sort.column; });
      if (index >= 0) {
        var sign = sort.dir === "desc" ? -1 : 1;
        ordered.sort(function (a, b) {
          var x = sortValue(a.cells[index]), y = sortValue(b.cells[index]);
          if (x === "" || y === "") return compareCells(x, y);
          return sign * compareCells(x, y);
        });
      }
      ordered.forEach(function (row) { body.appendChild(row); });
    }

    function apply(updateUrl) {
      var state = readForm();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, state, columns);
        row.hidden = !visible;
        if (visible) shown++;
      });
      sortRows();
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " models."
        : "Showing " + shown + " of " + rows.length + " models." + (shown === 0 ? " Loosen a filter to see more." : "");
      if (updateUrl) writeUrl(state);
    }

    // Restore a shared view: values a control does not offer are dropped (the control reads them back).
    var params = new URLSearchParams(location.search);
    KEYS.forEach(function (key) {
      var field = form.elements[key];
      if (field && params.has(key)) field.value = params.get(key);
    });
    var column = params.get("sort");
    if (column && headers.some(function (th) { return th.dataset.column === column; })) {
      sort = { column: column, dir: params.get("dir") === "desc" ? "desc" : "asc" };
    }

    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      sort = { column: "", dir: "" };
      setTimeout(function () { apply(true); }, 0); // after the browser has cleared the fields
    });
    apply(params.toString() !== "");
  }

  function start() {
    var root = document.querySelector("[data-finder]");
    if (root && !root.dataset.enhanced) {
      root.dataset.enhanced = "true";
      init(root);
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else start();
})();
