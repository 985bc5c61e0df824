// Search as you type: `rank` (search.js, just above) over INDEX (the
// catalogue's records, above it). No request is made: the page works from
// file:// and offline.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var MAX = 20;

  // Whether the box holds anything a search can use.
  function blank(text) {
    return !/[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u.test(text);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render() {
    var hits = rank(INDEX, input.value);
    list.textContent = "";
    if (blank(input.value)) {
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
      var r = h.record;
      a.href = "#" + r.a;
      a.setAttribute("data-anchor", r.a);
      a.appendChild(el("span", "r-kind", r.k));
      var title = h.uncatalogued ? h.uncatalogued + " is not catalogued: " + r.t : r.t;
      a.appendChild(el("span", "r-title", title));
      a.appendChild(el("span", "r-desc", r.d));
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
  input.addEventListener("focus", function () { if (!blank(input.value)) render(); });
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
