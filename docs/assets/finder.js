/* Model finder (macros/templates/finder.html, rows from macros/views/finder.py).
   The page holds the newest rows; this script loads every row from assets/finder-data.json and then filters,
   sorts, shows columns and keeps picks. The whole state lives in the URL, so a view can be shared.
   Rows are built with textContent only: data never becomes markup here. */
(function () {
  "use strict";

  var root = document.querySelector("[data-finder]");
  if (!root) return;
  var form = root.querySelector("[data-finder-form]");
  var body = root.querySelector("[data-finder-body]");
  var status = root.querySelector("[data-finder-status]");
  var moreBox = root.querySelector("[data-finder-more]");
  var picksBox = root.querySelector("[data-finder-picks]");
  var columns = Array.prototype.map.call(root.querySelectorAll("thead th"), function (th) {
    return { key: th.dataset.column, label: th.textContent, numeric: th.classList.contains("atlas-num"), th: th };
  });
  var DEFAULT_COLUMNS = columns.filter(function (c) { return !c.th.hidden; }).map(function (c) { return c.key; });
  // Not "q": Material reads ?q= on load and opens its own search with it.
  // `arch` has no control: it arrives in links from whole-catalogue tables ("every MoE model").
  var FILTERS = ["text", "family", "variant", "input", "output", "weights", "license", "min", "max", "ctx", "arch"];
  var PAGE = 100; // rows added per "Show more": the DOM stays small at any catalogue size
  var MAX_PICKS = 4;
  var rows = [];
  var state = readState();
  var shown = PAGE;

  function readState() {
    var params = new URLSearchParams(location.search);
    var s = { sort: params.get("sort") || "", picks: [], cols: DEFAULT_COLUMNS.slice() };
    FILTERS.forEach(function (k) { s[k] = params.get(k) || ""; });
    if (params.get("cols")) s.cols = ["model"].concat(params.get("cols").split(",").filter(known));
    if (params.get("pick")) s.picks = params.get("pick").split(",").filter(Boolean).slice(0, MAX_PICKS);
    return s;
  }

  function known(key) {
    return columns.some(function (c) { return c.key === key; });
  }

  function writeState() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    if (state.sort) params.set("sort", state.sort);
    if (state.cols.join(",") !== DEFAULT_COLUMNS.join(",")) params.set("cols", state.cols.slice(1).join(","));
    if (state.picks.length) params.set("pick", state.picks.join(","));
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function matches(row, s, except) {
    if (s.text && except !== "text") {
      var hay = row.hay || (row.hay = [row.name, row.cells.family, row.also, row.cells.size, row.variant]
        .join(" ").toLowerCase());
      var terms = s.text.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < terms.length; i++) if (hay.indexOf(terms[i]) === -1) return false;
    }
    if (s.family && except !== "family" && row.family !== s.family) return false;
    if (s.variant && except !== "variant" && row.variant !== s.variant) return false;
    if (s.input && except !== "input" && row["in"].indexOf(s.input) === -1) return false;
    if (s.output && except !== "output" && row.out.indexOf(s.output) === -1) return false;
    if (s.weights && except !== "weights") {
      if (s.weights === "open" && !row.open) return false;
      if (s.weights === "api" && row.open) return false;
      if (s.weights === "four_bit" && !row.four_bit) return false;
    }
    if (s.license && except !== "license" && row.license !== s.license) return false;
    if (s.arch && row.arch !== s.arch) return false;
    if ((s.min || s.max) && except !== "size") {
      if (row.size === null) return false; // an undisclosed size is in no size range
      if (s.min && row.size < Number(s.min)) return false;
      if (s.max && row.size > Number(s.max)) return false;
    }
    if (s.ctx && except !== "ctx" && (row.ctx === null || row.ctx < Number(s.ctx))) return false;
    return true;
  }

  function sortValue(row, key) {
    if (key === "model") return row.name.toLowerCase();
    if (key === "released") return row.released;
    if (key === "size") return row.size;
    if (key === "context") return row.ctx;
    if (row.sort && key in row.sort) return row.sort[key];
    return (row.cells[key] || "").toLowerCase();
  }

  function sorted(list) {
    if (!state.sort) return list; // the data file is newest first
    var desc = state.sort.charAt(0) === "-", key = desc ? state.sort.slice(1) : state.sort;
    return list.slice().sort(function (a, b) {
      var x = sortValue(a, key), y = sortValue(b, key);
      // Unknown values sort last in both directions.
      if (x === null || x === undefined || x === "") return (y === null || y === undefined || y === "") ? 0 : 1;
      if (y === null || y === undefined || y === "") return -1;
      var order = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -order : order;
    });
  }

  function cell(tag, column, text) {
    var el = document.createElement(tag);
    el.dataset.column = column.key;
    if (column.numeric) el.className = "atlas-num";
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function buildRow(row) {
    var tr = document.createElement("tr");
    tr.dataset.id = row.id;
    columns.forEach(function (column) {
      var el;
      if (column.key === "model") {
        el = cell("th", column);
        el.scope = "row";
        var pick = document.createElement("span");
        pick.className = "atlas-pick";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.dataset.pick = row.id;
        box.setAttribute("aria-label", "Pick " + row.name + " to compare");
        pick.appendChild(box);
        var link = document.createElement("a");
        link.href = root.dataset.root + "models/" + encodeURIComponent(row.id) + "/";
        link.textContent = row.name;
        el.appendChild(pick);
        el.appendChild(link);
      } else if (column.key === "released") {
        el = cell("td", column);
        var time = document.createElement("time");
        time.dateTime = row.released;
        time.textContent = row.cells.released;
        el.appendChild(time);
      } else {
        el = cell("td", column, row.cells[column.key]);
      }
      tr.appendChild(el);
    });
    return tr;
  }

  function updateCounts() {
    // Each option says how many models it would show, given the other filters.
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      var name = select.name, except = (name === "min" || name === "max") ? null : name;
      if (name === "min" || name === "max" || name === "ctx" || name === "weights") return;
      var counts = {};
      rows.forEach(function (row) {
        if (!matches(row, state, except)) return;
        var values = name === "input" ? row["in"] : name === "output" ? row.out : [row[name]];
        values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = counts[option.value] || 0;
        // The page ships "Label (count)" only, to stay light with many families; the label is kept on first use.
        var label = option.dataset.label || (option.dataset.label = option.textContent.replace(/ \(\d+\)$/, ""));
        option.textContent = label + " (" + n + ")";
        option.disabled = n === 0 && option.value !== state[name];
      });
    });
  }

  function showColumns() {
    var visible = {};
    state.cols.forEach(function (k) { visible[k] = true; });
    visible.model = true;
    root.querySelectorAll("[data-column]").forEach(function (el) { el.hidden = !visible[el.dataset.column]; });
    form.querySelectorAll("input[name=col]").forEach(function (box) { box.checked = !!visible[box.value]; });
    columns.forEach(function (column) {
      var dir = state.sort === column.key ? "ascending" : state.sort === "-" + column.key ? "descending" : null;
      if (dir) column.th.setAttribute("aria-sort", dir); else column.th.removeAttribute("aria-sort");
    });
  }

  function showPicks() {
    body.querySelectorAll("input[data-pick]").forEach(function (box) {
      box.checked = state.picks.indexOf(box.dataset.pick) !== -1;
      box.disabled = !box.checked && state.picks.length >= MAX_PICKS;
    });
    picksBox.hidden = state.picks.length === 0;
    var names = state.picks.map(function (id) {
      var row = rows.filter(function (r) { return r.id === id; })[0];
      return row ? row.name : id;
    });
    picksBox.querySelector("[data-picks-text]").textContent = state.picks.length + " picked (" +
      names.join(", ") + ")" + (state.picks.length < 2 ? ": pick at least two to compare." : ".");
    var link = picksBox.querySelector("[data-picks-compare]");
    link.href = root.dataset.compare + "?ids=" + state.picks.map(encodeURIComponent).join(",");
    link.hidden = state.picks.length < 2;
  }

  function render() {
    var list = sorted(rows.filter(function (row) { return matches(row, state); }));
    var fragment = document.createDocumentFragment();
    list.slice(0, shown).forEach(function (row) { fragment.appendChild(buildRow(row)); });
    body.replaceChildren(fragment);
    moreBox.hidden = list.length <= shown;
    status.textContent = list.length === rows.length
      ? "All " + rows.length + " models, " + (state.sort ? "sorted by your choice." : "newest first.")
      : list.length + " of " + rows.length + " models match." + (list.length ? "" : " Loosen a filter or press Reset.");
    if (list.length > shown) status.textContent += " Showing the first " + shown + ".";
    updateCounts();
    showColumns();
    showPicks();
    filterToggleLabel();
  }

  function syncForm() {
    FILTERS.forEach(function (k) {
      var input = form.elements[k];
      if (input) input.value = state[k];
    });
  }

  function addSortButtons() {
    columns.forEach(function (column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.textContent = column.label;
      button.addEventListener("click", function () {
        // First click: the order most readers want (largest, newest, A-Z); second click reverses it.
        var first = (column.key === "model" || column.key === "family") ? column.key : "-" + column.key;
        var second = first.charAt(0) === "-" ? column.key : "-" + column.key;
        state.sort = state.sort === first ? second : first;
        shown = PAGE;
        writeState();
        render();
      });
      column.th.textContent = "";
      column.th.appendChild(button);
    });
  }

  function listen() {
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.name === "col") {
        state.cols = ["model"].concat(Array.prototype.filter.call(form.querySelectorAll("input[name=col]"),
          function (box) { return box.checked; }).map(function (box) { return box.value; }));
      } else if (FILTERS.indexOf(target.name) !== -1) {
        state[target.name] = target.value.trim();
        shown = PAGE;
      }
      writeState();
      render();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      FILTERS.forEach(function (k) { state[k] = ""; });
      state.sort = "";
      state.cols = DEFAULT_COLUMNS.slice();
      shown = PAGE;
      syncForm();
      writeState();
      render();
    });
    body.addEventListener("change", function (event) {
      var id = event.target.dataset.pick;
      if (!id) return;
      var at = state.picks.indexOf(id);
      if (event.target.checked && at === -1) state.picks.push(id);
      if (!event.target.checked && at !== -1) state.picks.splice(at, 1);
      writeState();
      showPicks();
    });
    picksBox.querySelector("[data-picks-clear]").addEventListener("click", function () {
      state.picks = [];
      writeState();
      showPicks();
    });
    moreBox.querySelector("[data-more]").addEventListener("click", function () {
      shown += PAGE;
      render();
    });
  }

  function foldFilters() {
    // On a phone the filters would fill the first screen: they fold behind a button that says how many are set.
    // The folded layout comes from CSS (the `atlas-js` class is set in <head>), so nothing moves at load.
    var toggle = form.querySelector("[data-filters-toggle]");
    function label() {
      var active = FILTERS.filter(function (k) { return k !== "text" && state[k]; }).length;
      toggle.textContent = "Filters" + (active ? " (" + active + " set)" : "");
    }
    toggle.addEventListener("click", function () {
      var open = form.classList.toggle("atlas-unfolded");
      toggle.setAttribute("aria-expanded", String(open));
    });
    filterToggleLabel = label;
    label();
  }
  var filterToggleLabel = function () {};

  root.classList.add("atlas-finder-busy");
  foldFilters();
  syncForm();
  addSortButtons();
  listen();
  showColumns();
  fetch(root.dataset.source)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      rows = data.rows;
      render();
      root.classList.remove("atlas-finder-busy");
      root.dataset.ready = "true";
    })
    .catch(function () {
      root.classList.remove("atlas-finder-busy");
      status.textContent = "The full list could not be loaded; the newest models are shown. Every model is " +
        "also listed on its family's page.";
    });
})();
