// Search as you type over INDEX (defined just above, from the catalogue).
// No request is made: the page works from file:// and offline.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var MAX = 20;

  // Lower-case words separated by single spaces: case, punctuation,
  // quotes and separators (`_`, `-`, `:`) do not matter.
  function words(text) {
    return String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function atWordStart(hay, needle) {
    var i = hay.indexOf(needle);
    while (i !== -1) {
      if (i === 0 || hay.charAt(i - 1) === " ") return true;
      i = hay.indexOf(needle, i + 1);
    }
    return false;
  }

  var docs = INDEX.map(function (d, order) {
    return { d: d, order: order, names: d.n.map(words), text: words(d.w) };
  });

  // Best first: a name that is the query, then one it starts, then one with
  // the query at a word start, then the prose; ties keep catalogue order
  // (statuses, codes, error types, task statuses, sources, limits).
  function score(doc, q, terms) {
    var best = 0;
    for (var i = 0; i < doc.names.length; i++) {
      var n = doc.names[i];
      if (n === q) return 100;
      if (n.indexOf(q) === 0) best = Math.max(best, 80);
      else if (atWordStart(n, q)) best = Math.max(best, 60);
    }
    if (best) return best;
    if (atWordStart(doc.text, q)) return 30;
    var all = terms.every(function (t) {
      return doc.names.some(function (n) { return atWordStart(n, t); }) || atWordStart(doc.text, t);
    });
    return all ? 10 : 0;
  }

  function search(raw) {
    var q = words(raw);
    if (!q) return [];
    var terms = q.split(" ");
    var hits = [];
    docs.forEach(function (doc) {
      var s = score(doc, q, terms);
      if (s) hits.push({ doc: doc, s: s });
    });
    // A status no document names is explained by its class.
    if (/^\d{3}$/.test(q) && !hits.some(function (h) { return h.s === 100; })) {
      var n = Number(q);
      docs.forEach(function (doc) {
        var r = doc.d.r;
        if (r && n >= r[0] && n <= r[1]) hits.push({ doc: doc, s: 90, uncatalogued: n });
      });
    }
    hits.sort(function (a, b) { return b.s - a.s || a.doc.order - b.doc.order; });
    return hits;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render() {
    var hits = search(input.value);
    list.textContent = "";
    if (!words(input.value)) {
      list.hidden = true;
      status.textContent = "";
      return;
    }
    if (!hits.length) {
      list.appendChild(el("li", "empty", "Nothing matches. Try a status number, a code, or a few words of the message."));
    }
    hits.slice(0, MAX).forEach(function (h) {
      var li = el("li");
      var a = el("a");
      a.href = "#" + h.doc.d.a;
      a.setAttribute("data-anchor", h.doc.d.a);
      a.appendChild(el("span", "r-kind", h.doc.d.k));
      var title = h.uncatalogued ? h.uncatalogued + " is not catalogued: " + h.doc.d.t : h.doc.d.t;
      a.appendChild(el("span", "r-title", title));
      a.appendChild(el("span", "r-desc", h.doc.d.d));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    status.textContent = hits.length
      ? hits.length + (hits.length === 1 ? " result" : " results")
      : "No results";
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  function close() { list.hidden = true; }

  input.addEventListener("input", render);
  input.addEventListener("focus", function () { if (words(input.value)) render(); });
  input.addEventListener("keydown", function (ev) {
    var first = links()[0];
    if (ev.key === "ArrowDown" && first) { ev.preventDefault(); first.focus(); }
    else if (ev.key === "Enter" && first) { ev.preventDefault(); first.click(); }
    else if (ev.key === "Escape") { input.value = ""; render(); }
  });
  list.addEventListener("keydown", function (ev) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && i < all.length - 1) { ev.preventDefault(); all[i + 1].focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (ev.key === "Escape") { ev.preventDefault(); close(); input.focus(); }
  });
  // Following a result: close the list and move focus to the entry, so
  // the keyboard continues from there.
  list.addEventListener("click", function (ev) {
    var a = ev.target.closest("a");
    if (!a) return;
    close();
    var target = document.getElementById(a.getAttribute("data-anchor"));
    if (target) {
      target.setAttribute("tabindex", "-1");
      setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
    }
  });
  document.addEventListener("click", function (ev) {
    if (!ev.target.closest(".search")) close();
  });
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
