/* Compare 2-4 models side by side (macros/templates/compare.html, rows from macros/views/render_compare.py).
   The picker is a WAI-ARIA 1.2 combobox with a listbox popup; its list is api/v1/models.json, fetched on first
   use. Each chosen model's facts come from api/v1/models/<id>.json. The choice and the "only differences" switch
   live in the URL (?ids=a,b,c&diff=1), so a comparison can be shared. Text is placed with textContent only:
   data never becomes markup here. */
(function () {
  "use strict";

  var root = document.querySelector("[data-compare]");
  if (!root) return;
  var MIN = Number(root.dataset.min), MAX = Number(root.dataset.max), TOLERANCE = Number(root.dataset.tolerance);
  var SHOWN = 50; // options listed at once: the popup stays small at any catalogue size
  var siteRoot = root.dataset.root;
  var memory = { bf16: Number(root.dataset.bf16), int4: Number(root.dataset.int4), overhead: Number(root.dataset.int4Overhead) };
  var input = root.querySelector("[data-compare-input]");
  var popup = root.querySelector("[data-compare-popup]");
  var listbox = root.querySelector("[data-compare-options]");
  var more = root.querySelector("[data-compare-more]");
  var chips = root.querySelector("[data-compare-chips]");
  var status = root.querySelector("[data-compare-status]");
  var diffSwitch = root.querySelector("[data-compare-diff]");
  var empty = root.querySelector("[data-compare-empty]");
  var output = root.querySelector("[data-compare-output]");
  var rowsTemplate = root.querySelector("[data-compare-rows]");
  var families = {};
  Array.prototype.forEach.call(root.querySelector("[data-compare-families]").content.querySelectorAll("[data-family]"),
    function (span) { families[span.dataset.family] = span.textContent; });

  var state = readState();
  var records = {}; // id -> model record, once loaded
  var requests = {}; // id -> promise of the record
  var index = null; // picker entries, once api/v1/models.json is loaded
  var indexRequest = null;
  var matches = []; // entries listed in the popup
  var active = -1; // index in `matches` of the highlighted option

  /* Every value is shown as the API formats it (`display` in api/v1/models/<id>.json, written by
     macros/outputs/api_export.py with the same formatters as the pages): no formatting is repeated here. */

  function display(model, key) { return model.display ? model.display[key] : null; }

  function modelHref(id) { return siteRoot + "models/" + encodeURIComponent(id) + "/"; }

  function sourceUrls(model) {
    var sources = model.sources || [];
    var urls = Array.isArray(sources) ? sources : Object.keys(sources).map(function (k) { return sources[k]; });
    return urls.map(function (s) { return typeof s === "string" ? s : s && s.url; })
      .filter(function (u) { return /^https:\/\//.test(u || ""); });
  }

  function repoHref(host, repo) {
    return host + repo.split("/").map(encodeURIComponent).join("/");
  }

  // One cell per row key: `value` is what the row compares (null: unknown), `text` what it shows,
  // `href` or `links` make it a link. The keys and their comparison rules come from the row template.
  var FIELDS = {
    family: function (m) {
      return { value: m.family, text: families[m.family] || m.family, href: siteRoot + "families/" + encodeURIComponent(m.family) + "/" };
    },
    variant: function (m) { return { value: m.variant, text: m.variant }; },
    released: function (m) {
      return { value: m.release_date, text: display(m, "released"), date: m.release_date };
    },
    params_total: function (m) {
      var v = m.params_total_b;
      return { value: v, text: v === null ? null : display(m, "params_total") };
    },
    params_active: function (m) {
      if (m.architecture === "moe") {
        var a = m.params_active_b;
        return { value: a, text: a === null ? null : display(m, "params_active") };
      }
      var t = m.params_total_b; // a dense model uses every parameter for every token
      return { value: t, text: t === null ? "all (dense)" : "all " + display(m, "params_total") + " (dense)" };
    },
    architecture: function (m) { return { value: m.architecture, text: m.architecture === "moe" ? "mixture of experts" : m.architecture }; },
    layers: function (m) { return { value: m.layers, text: m.layers === null ? null : String(m.layers) }; },
    attention: function (m) { return { value: m.attention, text: m.attention }; },
    bf16: function (m) {
      var v = m.params_total_b === null ? null : m.params_total_b * memory.bf16;
      return { value: v, text: v === null ? null : display(m, "bf16") };
    },
    int4: function (m) {
      var v = m.params_total_b === null ? null : m.params_total_b * memory.int4 * (1 + memory.overhead);
      return { value: v, text: v === null ? null : display(m, "int4") };
    },
    context_native: function (m) {
      var v = m.context_native;
      return { value: v, text: v === null ? null : display(m, "context_native") };
    },
    context_max: function (m) {
      var v = m.context_max;
      return { value: v, text: v === null ? null : display(m, "context_max") };
    },
    context_extension: function (m) {
      if (m.context_native !== null && m.context_max !== null && m.context_max <= m.context_native) {
        return { value: "none", text: "none: the maximum is native" };
      }
      return { value: m.context_extension, text: m.context_extension };
    },
    modalities_in: function (m) { return { value: m.modalities_in, text: m.modalities_in.join(", ") }; },
    modalities_out: function (m) { return { value: m.modalities_out, text: m.modalities_out.join(", ") }; },
    weights: function (m) { return { value: m.open_weights, text: m.open_weights ? "open weights" : "API only" }; },
    license: function (m) {
      if (!m.license && !m.open_weights) return { value: "none", text: "none (API only)" };
      return { value: m.license, text: m.license };
    },
    hf_repo: function (m) {
      if (!m.hf_repo) return { value: null, text: m.open_weights ? null : "none (API only)" };
      return { value: m.hf_repo, text: m.hf_repo, href: repoHref("https://huggingface.co/", m.hf_repo) };
    },
    modelscope_repo: function (m) {
      if (!m.modelscope_repo) return { value: null, text: m.open_weights ? "not recorded" : "none (API only)" };
      return { value: m.modelscope_repo, text: m.modelscope_repo, href: repoHref("https://modelscope.cn/models/", m.modelscope_repo) };
    },
    base_model: function (m) {
      if (!m.base_model) return { value: "none", text: "none recorded" };
      var base = records[m.base_model];
      return { value: m.base_model, text: base ? base.name : m.base_model, href: modelHref(m.base_model), base: m.base_model };
    },
    confidence: function (m) { return { value: m.confidence, text: m.confidence }; },
    sources: function (m) {
      var urls = sourceUrls(m);
      return { value: null, text: urls.length ? null : "none", links: urls };
    },
  };

  // The comparison rules of macros/views/render_compare.py `difference`.
  function same(kind, a, b) {
    if (kind === "number") return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    if (kind === "date") { var n = Math.min(a.length, b.length); return a.slice(0, n) === b.slice(0, n); }
    if (kind === "set") return a.slice().sort().join("\n") === b.slice().sort().join("\n");
    return a === b;
  }
  function difference(kind, values) {
    if (kind === "unique") return "unique";
    var known = values.filter(function (v) { return v !== null && v !== undefined; });
    for (var i = 1; i < known.length; i++) if (!same(kind, known[0], known[i])) return "differs";
    return known.length > 0 && known.length < values.length ? "unknown" : "same";
  }

  /* ---- state and URL ---- */
  function readState() {
    var params = new URLSearchParams(location.search);
    var ids = [];
    (params.get("ids") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (id && ids.indexOf(id) === -1 && ids.length < MAX) ids.push(id);
    });
    return { ids: ids, diff: params.get("diff") === "1" };
  }
  function writeUrl() {
    var params = new URLSearchParams(location.search);
    params.delete("ids");
    params.delete("diff");
    if (state.ids.length) params.set("ids", state.ids.join(","));
    if (state.diff) params.set("diff", "1");
    var query = params.toString().replace(/%2C/g, ",");
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /* ---- data ---- */
  function load(id) {
    if (!requests[id]) {
      requests[id] = fetch(root.dataset.api + encodeURIComponent(id) + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status === 404 ? "no model with the id “" + id + "”" : "HTTP " + response.status);
        return response.json();
      }).then(function (doc) {
        records[doc.model.id] = doc.model;
        return doc.model; // an old id (alias) answers with the model it became
      });
    }
    return requests[id];
  }

  function entry(m) {
    var size = display(m, "size");
    var family = families[m.family] || m.family;
    var meta = [family, size, display(m, "released"), m.variant].join(" · ");
    var haystack = normalise([m.name, m.id, family, size, m.variant].concat(m.aliases || []).join(" "));
    return { id: m.id, name: m.name, meta: meta, released: m.release_date, haystack: haystack, key: normalise(m.name) };
  }
  function loadIndex() {
    if (!indexRequest) {
      indexRequest = fetch(root.dataset.index).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (doc) {
        index = doc.models.map(entry).sort(function (a, b) { return a.released < b.released ? 1 : a.released > b.released ? -1 : 0; });
        doc.models.forEach(function (m) { if (!records[m.id]) records[m.id] = m; });
        return index;
      });
      indexRequest.catch(function (error) { more.textContent = "Could not load the list of models (" + error.message + ")."; });
    }
    return indexRequest;
  }

  function normalise(text) { return " " + text.toLowerCase().replace(/[-_/·,()]+/g, " ").replace(/\s+/g, " ").trim(); }

  function search(query) {
    var words = normalise(query).trim().split(" ").filter(Boolean);
    var q = normalise(query);
    return index.filter(function (e) {
      return state.ids.indexOf(e.id) === -1 && words.every(function (w) { return e.haystack.indexOf(w) !== -1; });
    }).map(function (e, order) {
      var rank = !words.length ? 2 : e.key === q ? 0 : e.key.indexOf(q) === 0 ? 1 : e.key.indexOf(q) !== -1 ? 2 : 3;
      return { e: e, rank: rank, order: order };
    }).sort(function (a, b) { return a.rank - b.rank || a.order - b.order; }).map(function (x) { return x.e; });
  }

  /* ---- the combobox ---- */
  function isOpen() { return input.getAttribute("aria-expanded") === "true"; }

  function open() {
    if (state.ids.length >= MAX) return;
    loadIndex().then(function () {
      matches = search(input.value);
      active = -1;
      listbox.replaceChildren();
      matches.slice(0, SHOWN).forEach(function (e, i) {
        var option = document.createElement("li");
        option.id = "compare-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = e.id;
        var name = document.createElement("span");
        name.className = "atlas-compare-option-name";
        name.textContent = e.name;
        var meta = document.createElement("span");
        meta.className = "atlas-compare-option-meta";
        meta.textContent = e.meta;
        option.append(name, meta);
        listbox.appendChild(option);
      });
      more.textContent = !matches.length ? "No model matches “" + input.value.trim() + "”."
        : matches.length > SHOWN ? SHOWN + " of " + matches.length + " shown: type more to narrow." : matches.length + (matches.length === 1 ? " match." : " matches.");
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
      input.removeAttribute("aria-activedescendant");
    });
  }

  function close() {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(next) {
    var options = listbox.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (next + options.length) % options.length;
    Array.prototype.forEach.call(options, function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function pick(id) {
    if (state.ids.indexOf(id) !== -1 || state.ids.length >= MAX) return;
    state.ids.push(id);
    input.value = "";
    close();
    var name = records[id] ? records[id].name : id;
    update("Added " + name + ".");
  }

  function remove(id, focusAfter) {
    var at = state.ids.indexOf(id);
    if (at === -1) return;
    state.ids.splice(at, 1);
    var name = records[id] ? records[id].name : id;
    update("Removed " + name + ".");
    if (focusAfter) {
      var buttons = chips.querySelectorAll("button");
      (buttons[Math.min(at, buttons.length - 1)] || input).focus();
    }
  }

  input.addEventListener("input", function () { open(); });
  input.addEventListener("focus", function () { loadIndex(); });
  input.addEventListener("click", function () { if (!isOpen()) open(); });
  input.addEventListener("blur", function () { close(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var down = event.key === "ArrowDown";
      if (!isOpen()) {
        open();
        if (!event.altKey) loadIndex().then(function () { highlight(down ? 0 : -1); });
      } else if (!event.altKey) {
        highlight(active === -1 ? (down ? 0 : -1) : active + (down ? 1 : -1));
      }
    } else if (event.key === "Enter") {
      if (!isOpen()) return;
      event.preventDefault();
      if (active !== -1 && matches[active]) pick(matches[active].id);
      else if (matches.length === 1) pick(matches[0].id);
    } else if (event.key === "Escape") {
      if (isOpen()) { event.preventDefault(); close(); } else { input.value = ""; }
    } else if (event.key === "Tab") {
      close();
    }
  });
  listbox.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the focus in the input
  listbox.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) pick(option.dataset.id);
  });
  chips.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-remove]");
    if (button) remove(button.dataset.remove, true);
  });
  diffSwitch.addEventListener("change", function () {
    state.diff = diffSwitch.checked;
    writeUrl();
    applyDiff();
    summarise("");
  });
  root.addEventListener("click", function (event) { // suggestions open in place
    var link = event.target.closest("[data-compare-suggestion]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    state.ids = link.dataset.compareSuggestion.split(",").slice(0, MAX);
    update("Comparing " + link.querySelector("strong").textContent + ".");
    input.focus();
  });

  /* ---- drawing ---- */
  function drawChips() {
    chips.replaceChildren();
    state.ids.forEach(function (id) {
      var name = records[id] ? records[id].name : id;
      var chip = document.createElement("li");
      chip.className = "atlas-compare-chip";
      var label = document.createElement("span");
      label.textContent = name;
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.remove = id;
      button.setAttribute("aria-label", "Remove " + name);
      button.textContent = "×";
      chip.append(label, button);
      chips.appendChild(chip);
    });
    var full = state.ids.length >= MAX;
    input.readOnly = full;
    input.setAttribute("aria-disabled", full ? "true" : "false");
    input.placeholder = full ? "Four models chosen: remove one to add another" : input.dataset.placeholder;
  }

  function fill(cell, c) {
    if (c.links && c.links.length) {
      c.links.forEach(function (url, i) {
        var a = document.createElement("a");
        a.href = url;
        a.textContent = new URL(url).hostname.replace(/^www\./, "");
        a.title = url;
        if (i) cell.append(" · ");
        cell.appendChild(a);
      });
      return;
    }
    if (c.text === null || c.text === undefined || c.text === "") {
      cell.textContent = "unknown";
      cell.className = "atlas-unknown";
      return;
    }
    if (c.href) {
      var link = document.createElement("a");
      link.href = c.href;
      link.textContent = c.text;
      if (c.base) link.dataset.base = c.base;
      cell.appendChild(link);
    } else if (c.date) {
      var time = document.createElement("time");
      time.dateTime = c.date;
      time.textContent = c.text;
      cell.appendChild(time);
    } else {
      cell.textContent = c.text;
    }
  }

  var counts = { differs: 0, rows: 0 };

  function drawTable(models) {
    var table = rowsTemplate.content.firstElementChild.cloneNode(true);
    var head = table.tHead.rows[0];
    models.forEach(function (m) {
      var th = document.createElement("th");
      th.scope = "col";
      var a = document.createElement("a");
      a.href = modelHref(m.id);
      a.textContent = m.name;
      th.appendChild(a);
      head.appendChild(th);
    });
    counts = { differs: 0, rows: 0 };
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-field]"), function (row) {
      var cells = models.map(function (m) { return FIELDS[row.dataset.field](m); });
      cells.forEach(function (c) { var td = document.createElement("td"); fill(td, c); row.appendChild(td); });
      var result = difference(row.dataset.kind, cells.map(function (c) { return c.value === undefined ? null : c.value; }));
      row.dataset.state = models.length > 1 ? result : "unique";
      if (result !== "unique") counts.rows += 1;
      if (models.length > 1 && result === "differs") {
        counts.differs += 1;
        var mark = document.createElement("span");
        mark.className = "atlas-compare-mark";
        mark.title = "The models differ here";
        var glyph = document.createElement("span");
        glyph.setAttribute("aria-hidden", "true");
        glyph.textContent = "≠";
        var words = document.createElement("span");
        words.className = "atlas-sr-only";
        words.textContent = " (differs)";
        mark.append(glyph, words);
        row.cells[0].querySelector(".atlas-compare-field").after(mark);
      }
    });
    Array.prototype.forEach.call(table.querySelectorAll(".atlas-compare-group th"), function (th) { th.colSpan = models.length + 1; });
    output.replaceChildren(table);
    applyDiff();
    // Base models are named once their records arrive.
    Array.prototype.forEach.call(table.querySelectorAll("a[data-base]"), function (a) {
      load(a.dataset.base).then(function (base) { a.textContent = base.name; }, function () {});
    });
  }

  function applyDiff() {
    var table = output.querySelector("table");
    if (!table) return;
    var hide = state.diff && state.ids.length >= MIN;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var shown = 0;
      Array.prototype.forEach.call(body.querySelectorAll("tr[data-field]"), function (row) {
        row.hidden = hide && row.dataset.state === "same";
        if (!row.hidden) shown += 1;
      });
      body.hidden = shown === 0;
    });
  }

  function summarise(prefix) {
    var n = state.ids.length, text;
    if (n === 0) text = "Choose " + MIN + " to " + MAX + " models, or start from a suggestion.";
    else if (n < MIN) text = "Add at least one more model to compare.";
    else {
      text = "Comparing " + n + " models: " + counts.differs + " of " + counts.rows + " facts differ";
      text += state.diff ? "; rows where every model agrees are hidden." : ".";
    }
    status.textContent = (prefix ? prefix + " " : "") + text;
  }

  var drawn = 0; // only the newest update draws
  function update(message) {
    writeUrl();
    drawChips();
    diffSwitch.checked = state.diff;
    diffSwitch.disabled = state.ids.length < MIN;
    empty.hidden = state.ids.length > 0;
    var turn = ++drawn;
    if (!state.ids.length) {
      output.hidden = true;
      output.replaceChildren();
      summarise(message);
      return;
    }
    var problems = [];
    Promise.all(state.ids.map(function (id) {
      return load(id).catch(function (error) { problems.push(error.message); return null; });
    })).then(function (models) {
      if (turn !== drawn) return;
      var found = [];
      models.forEach(function (m) { if (m && found.every(function (f) { return f.id !== m.id; })) found.push(m); });
      var ids = found.map(function (m) { return m.id; });
      if (ids.join(",") !== state.ids.join(",")) { // unknown ids dropped, old ids replaced by the current ones
        state.ids = ids;
        writeUrl();
        diffSwitch.disabled = ids.length < MIN;
        empty.hidden = ids.length > 0;
      }
      drawChips();
      if (found.length) { drawTable(found); output.hidden = false; } else { output.hidden = true; output.replaceChildren(); }
      summarise((problems.length ? "Left out: " + problems.join("; ") + ". " : "") + (message || ""));
    });
  }

  input.dataset.placeholder = input.placeholder;
  if (state.ids.length) {
    status.textContent = "Loading…";
    update("");
  } else {
    diffSwitch.checked = state.diff;
  }
})();
