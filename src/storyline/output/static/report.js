/* storyline report: tabs, timeline filters and the lazy article reader.
   Inlined into the page at render time. Article text is only ever written with textContent:
   nothing from an article is parsed as HTML. */
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  // Bidi embeddings, overrides and isolates would reorder what the reader sees: shown as marks
  // (the same as output/text_safety.py show_bidi; offsets into the text are unaffected).
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
  var BIDI_NAMES = {"\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO",
    "\u202e": "RLO", "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI"};
  function shown(text) {
    return String(text).replace(BIDI, function (c) {
      return "\u27e8U+" + c.charCodeAt(0).toString(16).toUpperCase() + " " + BIDI_NAMES[c] + "\u27e9";
    });
  }
  function txt(text) { return document.createTextNode(shown(text)); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = shown(text);
    return node;
  }

  // ------------------------------------------------------------------ tabs
  var tabs = $$(".tabs a[data-tab]");
  var panels = $$(".panel[data-panel]");

  function showTab(name) {
    if (!panels.some(function (p) { return p.dataset.panel === name; })) name = "timeline";
    tabs.forEach(function (t) {
      var on = t.dataset.tab === name;
      t.classList.toggle("active", on);
      t.setAttribute("aria-selected", on ? "true" : "false");
    });
    panels.forEach(function (p) { p.classList.toggle("active", p.dataset.panel === name); });
  }

  tabs.forEach(function (t) {
    t.addEventListener("click", function (ev) {
      ev.preventDefault();
      history.pushState(null, "", "#tab-" + t.dataset.tab);
      showTab(t.dataset.tab);
      window.scrollTo(0, 0);
    });
  });

  // ------------------------------------------------------------------ timeline filters
  var tl = { view: "key", type: "", q: "" };
  var segButtons = $$("#tl-toolbar .seg button");
  var events = $$("#timeline .event");
  var months = $$("#timeline .month");

  function countOf(view) {
    return events.filter(function (e) {
      return view === "all" || (view === "key" ? e.classList.contains("key") : e.classList.contains("tl"));
    }).length;
  }

  function applyTimeline() {
    var shown = 0;
    events.forEach(function (e) {
      var ok = tl.view === "all" ||
        (tl.view === "key" ? e.classList.contains("key") : e.classList.contains("tl"));
      if (ok && tl.type) ok = e.dataset.type === tl.type;
      if (ok && tl.q) ok = textOf(e).indexOf(tl.q) >= 0;
      e.hidden = !ok;
      if (ok) shown += 1;
    });
    months.forEach(function (m) { m.hidden = !$(".event:not([hidden])", m); });
    segButtons.forEach(function (b) { b.classList.toggle("on", b.dataset.view === tl.view); });
    var counter = $("#tl-shown");
    if (counter) counter.textContent = shown + " shown";
  }

  // the words a search matches: what the entry shows, and its place (cached on first search)
  var texts = new WeakMap();
  function textOf(e) {
    if (!texts.has(e)) texts.set(e, (e.textContent + " " + (e.dataset.loc || "")).toLowerCase());
    return texts.get(e);
  }

  function setView(view) { tl.view = view; applyTimeline(); }

  segButtons.forEach(function (b) {
    b.addEventListener("click", function () { setView(b.dataset.view); });
  });
  var typeSelect = $("#tl-type");
  if (typeSelect) typeSelect.addEventListener("change", function () { tl.type = typeSelect.value; applyTimeline(); });
  var tlSearch = $("#tl-search");
  if (tlSearch) tlSearch.addEventListener("input", function () { tl.q = tlSearch.value.trim().toLowerCase(); applyTimeline(); });
  // start with the narrowest view that has something in it
  tl.view = ["key", "timeline", "all"].filter(function (v) { return countOf(v) > 0; })[0] || "all";
  applyTimeline();

  // ------------------------------------------------------------------ reader data
  var dataEl = document.getElementById("articles-data");
  var articles = dataEl ? JSON.parse(dataEl.textContent) : [];
  var byId = {};
  articles.forEach(function (a) { byId[a.id] = a; });

  // On-demand data ("a/KEY" an article, "s/KEY" a series' values): inlined in the page as a
  // JSON block, or a file beside it (NAME_files/KEY.js, calling storylineData) loaded by a
  // script tag, which works from file:// where fetch() does not.
  var FILES = document.body.dataset.files || "";
  var dataCache = {};
  var waiting = {};
  window.storylineData = function (key, data) {
    dataCache[key] = data;
    var callbacks = waiting[key] || [];
    delete waiting[key];
    callbacks.forEach(function (cb) { cb(data); });
  };

  function elementId(key) {
    var i = key.indexOf("/");
    var kind = key.slice(0, i);
    return (kind === "a" ? "doc-" : "data-" + kind + "-") + key.slice(i + 1);
  }

  function loadData(key, cb) {
    if (key in dataCache) { cb(dataCache[key]); return; }
    var node = document.getElementById(elementId(key));
    if (node) { dataCache[key] = JSON.parse(node.textContent); cb(dataCache[key]); return; }
    if (!FILES) { cb(null); return; }
    if (waiting[key]) { waiting[key].push(cb); return; }
    waiting[key] = [cb];
    var tag = document.createElement("script");
    tag.src = FILES + key + ".js";
    tag.onerror = function () {
      var callbacks = waiting[key] || [];
      delete waiting[key];
      callbacks.forEach(function (c) { c(null); });
    };
    document.head.appendChild(tag);
  }

  function docKey(id) { return "a/" + ((byId[id] && byId[id].key) || id); }
  function loadDoc(id) { return dataCache[docKey(id)] || null; }  // once loaded

  // ------------------------------------------------------------------ article list
  var PAGE = 100;
  var list = { q: "", limit: PAGE };
  var listEl = $("#art-items");
  var moreBtn = $("#art-more");
  var current = null;

  function matches(a, q) {
    if (!q) return true;
    return (a.title + " " + a.outlet + " " + a.date + " " + a.byline).toLowerCase().indexOf(q) >= 0;
  }

  function countsText(n) {
    var parts = [];
    if (n.event) parts.push(n.event + (n.event === 1 ? " event" : " events"));
    if (n.figure) parts.push(n.figure + (n.figure === 1 ? " figure" : " figures"));
    if (n.statement) parts.push(n.statement + (n.statement === 1 ? " statement" : " statements"));
    return parts.join(" · ");
  }

  function renderList() {
    if (!listEl) return;
    var found = articles.filter(function (a) { return matches(a, list.q); });
    listEl.textContent = "";
    found.slice(0, list.limit).forEach(function (a) {
      var li = el("li");
      var b = el("button", "art" + (a.id === current ? " on" : ""));
      b.type = "button";
      b.dataset.id = a.id;
      b.appendChild(el("span", "t", a.title));
      var meta = [a.date ? (a.estimated ? "~" + a.date + ", estimated" : a.date) : "undated", a.outlet || a.file || "no outlet"];
      b.appendChild(el("span", "m", meta.join(" · ")));
      var counts = countsText(a.n || {});
      if (counts) b.appendChild(el("span", "c", counts));
      li.appendChild(b);
      listEl.appendChild(li);
    });
    if (!found.length) listEl.appendChild(el("li", "empty", "No article matches."));
    if (moreBtn) {
      moreBtn.hidden = found.length <= list.limit;
      moreBtn.textContent = "Show more (" + (found.length - list.limit) + " left)";
    }
  }

  if (listEl) {
    listEl.addEventListener("click", function (ev) {
      var b = ev.target.closest("button.art");
      if (!b) return;
      history.pushState(null, "", "#art-" + b.dataset.id);
      openArticle(b.dataset.id, function (ok) {
        if (!ok) { missing(b.dataset.id); return; }
        var body = $("#art-body");
        if (body) body.scrollIntoView({ block: "start" });
      });
    });
  }
  if (moreBtn) moreBtn.addEventListener("click", function () { list.limit += PAGE; renderList(); });
  var artSearch = $("#art-search");
  if (artSearch) artSearch.addEventListener("input", function () {
    list.q = artSearch.value.trim().toLowerCase();
    list.limit = PAGE;
    renderList();
  });

  // ------------------------------------------------------------------ article text
  function sentenceAround(text, s, e) {
    var i = s;
    while (i > 0) {
      var ch = text.charAt(i - 1);
      if (ch === "\n") break;
      if (/\s/.test(ch) && /[.!?]["”’)]*$/.test(text.slice(Math.max(0, i - 5), i - 1))) break;
      i -= 1;
    }
    var j = e;
    while (j < text.length) {
      var c = text.charAt(j);
      if (c === "\n") break;
      if (/[.!?]/.test(c) && (j + 1 >= text.length || /[\s"”’)]/.test(text.charAt(j + 1)))) {
        j += 1;
        while (j < text.length && /["”’)]/.test(text.charAt(j))) j += 1;
        break;
      }
      j += 1;
    }
    if (j - i > 700) { i = Math.max(i, s - 250); j = Math.min(j, e + 250); }
    return [i, j];
  }

  function renderText(doc) {
    var text = doc.text;
    var recs = doc.recs;
    var cuts = [0, text.length];
    recs.forEach(function (r) { cuts.push(Math.max(0, Math.min(r.s, text.length)), Math.max(0, Math.min(r.e, text.length))); });
    cuts = cuts.filter(function (v, i, arr) { return arr.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var box = el("div", "text");
    var anchored = {};
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1];
      if (a >= b) continue;
      var cover = [];
      var kinds = {};
      for (var i = 0; i < recs.length; i++) {
        var r = recs[i];
        if (r.s === a && !anchored[r.q]) {
          var mark = el("span", "anchor");
          mark.id = r.q;
          box.appendChild(mark);
          anchored[r.q] = true;
        }
        if (r.s <= a && r.e >= b) { cover.push(i); kinds["k-" + r.k] = true; }
      }
      if (!cover.length) { box.appendChild(txt(text.slice(a, b))); continue; }
      var span = el("span", "hl " + Object.keys(kinds).join(" "), text.slice(a, b));
      span.dataset.r = cover.join(",");
      box.appendChild(span);
    }
    return box;
  }

  function missing(id) {
    var box = $("#detail");
    if (!box) return;
    box.textContent = "";
    box.appendChild(el("p", "empty", byId[id] && FILES
      ? "The text of this article is in " + FILES + " beside the report, which could not be read: keep the folder with the page."
      : "That article is not in this report."));
  }

  // Open an article in the reader, then call then(ok) once its text is there.
  function openArticle(id, then) {
    then = then || function () {};
    if (current === id) { then(true); return; }
    if (!byId[id]) { then(false); return; }
    loadData(docKey(id), function (doc) {
      then(showArticle(id, doc));
    });
  }

  function showArticle(id, doc) {
    var meta = byId[id];
    var body = $("#art-body");
    if (!doc || !meta || !body) return false;
    current = id;
    body.textContent = "";
    body.appendChild(el("h3", null, meta.title));
    var line = el("p", "docmeta");
    var bits = [meta.outlet || "no outlet stated"];
    if (!meta.outlet && meta.file) bits[0] += " (" + meta.file + ")";
    if (meta.byline) bits.push(meta.byline);
    line.appendChild(txt(bits.join(" · ") + " · "));
    line.appendChild(el("span", meta.estimated ? "est" : null,
      meta.date ? (meta.estimated ? "~" + meta.date + ", estimated" : meta.date) : "undated"));
    if (meta.url && /^https?:\/\//.test(meta.url)) {
      line.appendChild(txt(" · "));
      var link = el("a", null, "original");
      link.href = meta.url;
      link.rel = "noopener noreferrer";
      line.appendChild(link);
    } else if (meta.outlet && meta.file) {
      line.appendChild(txt(" · " + meta.file));
    }
    body.appendChild(line);
    body.appendChild(renderText(doc));
    $$("#art-items button.art").forEach(function (b) { b.classList.toggle("on", b.dataset.id === id); });
    showDetail(null);
    return true;
  }

  // ------------------------------------------------------------------ record detail
  var KIND_LABEL = { event: "event", figure: "figure", statement: "statement", time: "time expression" };

  function showDetail(indices) {
    var box = $("#detail");
    if (!box) return;
    box.textContent = "";
    $$("#art-body .hl.sel").forEach(function (n) { n.classList.remove("sel"); });
    var doc = current ? loadDoc(current) : null;
    if (!doc || !indices || !indices.length) {
      box.appendChild(el("p", "empty", "Click a highlighted passage to see its record."));
      return;
    }
    var recs = indices.map(function (i) { return doc.recs[i]; }).filter(Boolean);
    recs.sort(function (a, b) { return (a.e - a.s) - (b.e - b.s); });
    recs.forEach(function (r) {
      var div = el("div", "rec");
      div.appendChild(el("span", "rk k-" + r.k, KIND_LABEL[r.k] || r.k));
      div.appendChild(el("h4", null, r.t));
      var dl = el("dl");
      (r.lines || []).forEach(function (pair) {
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      div.appendChild(dl);
      var quote = doc.text.slice(r.s, r.e);
      var bounds = sentenceAround(doc.text, r.s, r.e);
      var sent = el("p", "sent");
      sent.appendChild(txt(doc.text.slice(bounds[0], r.s)));
      sent.appendChild(el("mark", null, quote));
      sent.appendChild(txt(doc.text.slice(r.e, bounds[1])));
      div.appendChild(sent);
      if (r.c && document.getElementById("c-" + r.c)) {
        var go = el("a", "go", "Show the event in the timeline →");
        go.href = "#c-" + r.c;
        div.appendChild(go);
      }
      box.appendChild(div);
    });
    var inner = indices.slice().sort(function (x, y) {
      return (doc.recs[x].e - doc.recs[x].s) - (doc.recs[y].e - doc.recs[y].s);
    })[0];
    segmentsOf([inner]).forEach(function (n) { n.classList.add("sel"); });
  }

  function segmentsOf(indices) {
    var want = {};
    indices.forEach(function (i) { want[i] = true; });
    return $$("#art-body .hl").filter(function (n) {
      return n.dataset.r.split(",").some(function (i) { return want[i]; });
    });
  }

  var bodyEl = $("#art-body");
  if (bodyEl) {
    bodyEl.addEventListener("click", function (ev) {
      var seg = ev.target.closest(".hl");
      if (!seg || !seg.dataset.r) return;
      showDetail(seg.dataset.r.split(",").map(Number));
    });
  }
  $$("#kinds input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (bodyEl) bodyEl.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });

  function openQuote(aid, s, e) {
    showTab("articles");
    openArticle(aid, function (ok) {
      if (!ok) { missing(aid); return; }
      markQuote(aid, s, e);
    });
  }

  function markQuote(aid, s, e) {
    var box = $("#detail");
    var doc = loadDoc(aid);
    var hits = [];
    doc.recs.forEach(function (r, i) { if (r.s === s && r.e === e) hits.push(i); });
    $$("#art-body .hl.target").forEach(function (n) { n.classList.remove("target"); });
    if (!hits.length) {
      if (box) { box.textContent = ""; box.appendChild(el("p", "empty", "The quote is in this article, but no record spans exactly those characters.")); }
      return;
    }
    var segs = segmentsOf(hits);
    segs.forEach(function (n) { n.classList.add("target"); });
    showDetail(hits);
    var target = document.getElementById("q-" + aid + "-" + s + "-" + e) || segs[0];
    if (target) target.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------------ routing
  function flash(node) {
    node.classList.remove("flash");
    void node.offsetWidth;  // restart the highlight
    node.classList.add("flash");
    setTimeout(function () { node.classList.remove("flash"); }, 1800);
  }

  function route() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    var m = /^q-(.+)-(\d+)-(\d+)$/.exec(hash);
    if (m) { openQuote(m[1], Number(m[2]), Number(m[3])); return; }
    if (hash.indexOf("art-") === 0) {
      var aid = hash.slice(4);
      showTab("articles");
      openArticle(aid, function (ok) { if (!ok) missing(aid); });
      return;
    }
    if (hash.indexOf("tab-") === 0) { showTab(hash.slice(4)); return; }
    var node = hash ? document.getElementById(hash) : null;
    var panel = node ? node.closest(".panel[data-panel]") : null;
    if (node && panel) {
      showTab(panel.dataset.panel);
      if (node.classList.contains("event") && node.hidden) setView("all");
      node.scrollIntoView({ block: "center" });
      flash(node);
      return;
    }
    showTab("timeline");
  }

  // a second click on the link already in the address bar fires no hashchange: route anyway
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (!a || a.closest(".tabs")) return;
    var href = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
    if (href.charAt(0) === "#" && href === location.hash) { ev.preventDefault(); route(); }
  });
  // ------------------------------------------------------------------ series tables
  $$("details.points[data-key]").forEach(function (d) {
    d.addEventListener("toggle", function () {
      var tbody = $("tbody", d);
      if (!d.open || !tbody || tbody.dataset.done) return;
      tbody.dataset.done = "1";
      loadData(d.dataset.key, function (rows) {
        if (!rows) { tbody.appendChild(el("tr")).appendChild(el("td", "empty", "The values could not be read (keep " + FILES + " beside the report).")); return; }
        rows.forEach(function (r) {  // [date, value, source, outlet, quote, href]
          var tr = el("tr");
          tr.appendChild(el("td", "nowrap", r[0]));
          tr.appendChild(el("td", "nowrap", r[1]));
          tr.appendChild(el("td", null, r[2]));
          tr.appendChild(el("td", null, r[3]));
          var td = el("td");
          var a = el("a", null, "“" + r[4] + "”");
          a.href = r[5];
          td.appendChild(a);
          tr.appendChild(td);
          tbody.appendChild(tr);
        });
      });
    });
  });

  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", route);
  renderList();
  route();
  window.__storylineReady = performance.now();  // for the benchmark: the page's own set-up done
})();
