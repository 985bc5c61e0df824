// The search's rules over INDEX (the records and figures the catalogue's
// own matcher computed: tools/src/explain/search.rs). The same rules as
// that file's `rank`, line for line, so the page and `taxonomy explain`
// put the same entry first; tests/tests/site_search.rs runs both over a
// table of queries (under Node.js, which loads this file as a module).
var rank = (function () {
  "use strict";

  // Rust's `char::is_alphanumeric`: Alphabetic, or a numeric category.
  var SEPARATORS = /[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;

  // Lower-case words separated by single spaces.
  function fold(text) {
    return String(text).replace(SEPARATORS, " ").toLowerCase().trim();
  }

  function atWordStart(hay, needle) {
    var i = hay.indexOf(needle);
    while (i !== -1) {
      if (i === 0 || hay.charAt(i - 1) === " ") return true;
      i = hay.indexOf(needle, i + 1);
    }
    return false;
  }

  // Optimal string alignment distance in characters, when at most `most`.
  function distanceWithin(a, b, most) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > most) return -1;
    var w = b.length + 1;
    var d = new Array((a.length + 1) * w);
    for (var j = 0; j < w; j++) d[j] = j;
    for (var i = 1; i <= a.length; i++) {
      d[i * w] = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
        }
        d[i * w + j] = v;
      }
    }
    var distance = d[a.length * w + b.length];
    return distance <= most ? distance : -1;
  }

  function typoAllowance(q) {
    var n = Array.from(q).length;
    return n <= 3 ? 0 : n <= 7 ? 1 : 2;
  }

  function terms(index, q) {
    var out = [];
    q.split(" ").forEach(function (word) {
      if (index.stop_words.indexOf(word) === -1 && out.indexOf(word) === -1) out.push(word);
    });
    return out.slice(0, index.max_terms);
  }

  function termMatches(r, term) {
    var texts = r.n.concat([r.w]);
    if (texts.some(function (t) { return atWordStart(t, term); })) return true;
    if (Array.from(term).length < 5) return false;
    return texts.some(function (t) {
      return t.split(" ").some(function (word) { return distanceWithin(term, word, 1) !== -1; });
    });
  }

  function score(index, r, q, qterms, matching, total) {
    var tiers = index.tiers;
    var best = 0;
    r.n.forEach(function (name) {
      var s = name === q ? tiers.exact
        : name.indexOf(q) === 0 ? tiers.prefix
        : atWordStart(name, q) ? tiers.word : 0;
      best = Math.max(best, s);
    });
    if (best) return best;
    var joined = q.split(" ").join("");
    var most = typoAllowance(joined);
    if (most > 0) {
      var nearest = -1;
      r.n.forEach(function (name) {
        var d = distanceWithin(joined, name.split(" ").join(""), most);
        if (d !== -1 && (nearest === -1 || d < nearest)) nearest = d;
      });
      if (nearest !== -1) return tiers.typo + (most + 1 - nearest);
    }
    if (atWordStart(r.w, q)) return tiers.phrase;
    var weight = 0, found = 0;
    qterms.forEach(function (t, i) {
      if (termMatches(r, t)) { weight += total - matching[i] + 1; found++; }
    });
    return found ? tiers.words + weight : 0;
  }

  // The records `query` matches, best first: [{ record, score, uncatalogued }].
  return function rank(index, query) {
    var q = fold(query);
    if (!q || Array.from(q).length > index.max_query_chars) return [];
    var records = index.records;
    var qterms = terms(index, q);
    var matching = qterms.map(function (t) {
      return records.filter(function (r) { return termMatches(r, t); }).length;
    });
    var uncatalogued = /^\d{3}$/.test(q) &&
      !records.some(function (r) { return r.n.indexOf(q) !== -1; }) ? Number(q) : 0;
    var hits = [];
    records.forEach(function (r, order) {
      if (uncatalogued && r.r && uncatalogued >= r.r[0] && uncatalogued <= r.r[1]) {
        hits.push({ record: r, order: order, score: index.tiers.exact, uncatalogued: uncatalogued });
        return;
      }
      var s = score(index, r, q, qterms, matching, records.length);
      if (s) hits.push({ record: r, order: order, score: s });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  };
})();

if (typeof module !== "undefined") module.exports = rank;
