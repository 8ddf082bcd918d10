/* The library's search box in Material's header, over Pagefind's index (pagefind/ in the
   site). Loads nothing from outside the site. Keys: "/" or "s" to search, arrows to move
   through the results, Enter to open one, Escape to close. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("..", script.src); // this file is assets/retro-search.js
  var FILTERS = ["kind", "severity", "area", "tag", "status", "year"];
  var LIMIT = 10;
  var PAUSE = 80; // ms without a key before searching
  var OFFER = 400; // ms with the box focused and empty before the filter lists are offered
  var HINT = "Type words, or pick a filter.";
  var pagefind = null;

  // Pagefind's script, WebAssembly and index metadata: about 200 kB at 5,000 reviews, the
  // same files on every page (a browser caches them). They are asked for as soon as this
  // script runs (at the end of the page, with the header in place), or at the first sign of
  // a search when the reader saves data, so that they are ready when the first word is
  // typed instead of being fetched after it. The index's words and the results' texts are
  // fetched only for a search.
  //
  // Pagefind runs on the page's thread (noWorker), where the browser inflates its files
  // (see inflateNatively): its worker would fetch a second copy of its code and start after
  // the page, and inflate every file in JavaScript. Together the two made the first answer
  // about 0.1 s sooner at 5,000 reviews (bench/README.md). The price: a search takes the
  // page's thread for some tens of milliseconds at 5,000 reviews, once the typing pauses.
  function load() {
    if (!pagefind) {
      inflateNatively();
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        var settings = { baseUrl: root.pathname, excerptLength: 24, noWorker: true };
        return pf.options(settings).then(function () {
          pf.init();
          warmSegmenter(); // while Pagefind's files are on their way
          return pf;
        });
      });
    }
    return pagefind;
  }

  // Pagefind cuts every query into characters with an Intl.Segmenter (a grapheme one, in
  // the index's language; word segmenters too for languages written without spaces). The
  // first one made in a page loads the browser's segmentation data: 20 to 50 ms of the
  // page's thread, which fell on the first search (the key's event waited for it). A
  // grapheme one in the page's language is made once Pagefind is asked for, while its files
  // are on their way, so that the first search finds the data loaded. (Made in a worker
  // instead, the first answer was about 5% later in the benchmark.)
  function warmSegmenter() {
    if (typeof Intl !== "object" || typeof Intl.Segmenter !== "function") return;
    try {
      new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "grapheme" });
    } catch (e) { /* a language the browser does not know: Pagefind falls back as well */ }
  }

  // Pagefind's index files are gzip, which Pagefind inflates in JavaScript: about 0.1 s of
  // the page's thread for a first search at 5,000 reviews. The browser's own inflater
  // (DecompressionStream) does it in a fraction of that. So the files Pagefind fetches from
  // this site's pagefind/ folder by those names are inflated before Pagefind reads them
  // (it then finds its signature at their start and does not inflate them again). Every
  // other request, and a file a host has already decoded, is left as it is; without
  // DecompressionStream Pagefind inflates as before.
  var PAGEFIND_GZIP = /\.pf_(meta|index|filter|fragment)$|\/wasm\.[^/]+\.pagefind$/;
  var inflating = false;
  function inflateNatively() {
    if (inflating || typeof DecompressionStream !== "function" || !window.fetch) return;
    inflating = true;
    var fetchAsBefore = window.fetch;
    var folder = new URL("pagefind/", root).href;
    window.fetch = function (input, init) {
      var address = typeof input === "string" || input instanceof URL ? String(input) : input && input.url;
      var file = new URL(address || "", document.baseURI).href.split(/[?#]/)[0];
      if (file.indexOf(folder) !== 0 || !PAGEFIND_GZIP.test(file)) {
        return fetchAsBefore.apply(this, arguments);
      }
      return fetchAsBefore.call(window, input, init).then(function (response) {
        if (!response.ok) return response;
        return response.arrayBuffer().then(function (bytes) {
          var start = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
          // (Through a Response, not a Blob: each Blob is a copy in the browser's store.)
          var body = start[0] === 0x1f && start[1] === 0x8b ?
            new Response(bytes).body.pipeThrough(new DecompressionStream("gzip")) : bytes;
          return new Response(body, { status: response.status, headers: response.headers });
        });
      });
    };
  }

  function warm() {
    load().catch(function () {}); // a search says so if Pagefind cannot be loaded
  }

  // Whether the result ``d`` holds a word for each word of ``query`` (Latin, Greek or
  // Cyrillic script; others are left to Pagefind): the word itself, a word it begins, or one
  // sharing at least half of it, as a stem does ("studies" finds "study").
  function holdsEveryWord(d, query) {
    var found = {};
    var words = (d.content || "").split(/\s+/);
    (d.locations || []).forEach(function (at) {
      var word = fold(words[at] || "");
      found[word.replace(/[^\p{L}\p{N}]+/gu, "")] = true;
      word.split(/[^\p{L}\p{N}]+/u).forEach(function (part) { if (part) found[part] = true; });
    });
    var matched = Object.keys(found);
    return fold(query).split(/[^\p{L}\p{N}]+/u).every(function (term) {
      if (!term || !/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]+$/u.test(term)) return true;
      var need = term.length <= 3 ? term.length : Math.max(3, Math.ceil(term.length / 2));
      return matched.some(function (word) {
        var same = 0;
        while (same < term.length && term[same] === word[same]) same++;
        return same >= need;
      });
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // An excerpt as text with <mark> around the words found, whatever else it holds.
  function excerpt(html) {
    var out = el("span", { "class": "retro-search__excerpt" });
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  // The box is in the page as the plugin wrote it (see search.py), so that it is there
  // from the first paint and nothing in the header moves; this script adds its results
  // panel and makes it work. Words typed before then are searched for at once.
  function build(input) {
    var box = input.closest(".retro-search") || input.parentNode;
    input.setAttribute("aria-controls", "retro-search-results");
    var panel = el("div", { "class": "retro-search__panel", hidden: "" });
    var filters = el("div", { "class": "retro-search__filters" });
    var status = el("p", { "class": "retro-search__status", "aria-live": "polite" });
    var list = el("ol", { id: "retro-search-results", "class": "retro-search__results" });
    panel.append(filters, status, list);
    box.append(panel);

    var chosen = {};
    var selected = -1;
    var shownFor = null; // the query the results shown are for
    var opening = false; // Enter was pressed before the results for the query were in
    var returning = false; // the focus is given back to the box by Escape: it stays closed
    var run = 0;
    var timer = null;
    var offering = null; // the timer that offers the filter lists to a focused, empty box

    function open(show) {
      panel.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
    }

    function select(index) {
      var links = list.querySelectorAll("a");
      if (!links.length) return;
      selected = (index + links.length) % links.length;
      links.forEach(function (a, i) { a.classList.toggle("retro-search--selected", i === selected); });
      links[selected].scrollIntoView({ block: "nearest" });
    }

    // The filter lists need every filter's index chunk: fetched once the first results are
    // shown, so that they never stand between a reader and the first answer; or offered
    // when the box has had the focus for a moment with nothing typed, so that reviews can be
    // listed by kind, severity, area, tag, status or year without a word.
    var filtersAsked = false;
    function showFilters(pf) {
      if (filtersAsked) return;
      filtersAsked = true;
      pf.filters().then(function (all) {
        filters.textContent = "";
        FILTERS.forEach(function (name) {
          var values = Object.keys(all[name] || {}).sort();
          if (!values.length) return;
          // Named "Filter": its choices name the filter ("severity: any"), so that a screen
          // reader says "Filter, severity: medium", not the filter's name twice.
          var pick = el("select", { "aria-label": "Filter", "data-filter": name });
          pick.appendChild(el("option", { value: "" }, name + ": any"));
          // Each choice names its filter ("severity: medium"): the closed list shows only
          // the one chosen.
          values.forEach(function (v) { pick.appendChild(el("option", { value: v }, name + ": " + v)); });
          pick.value = chosen[name] || "";
          pick.addEventListener("change", function () {
            if (pick.value) chosen[name] = pick.value; else delete chosen[name];
            search();
          });
          filters.appendChild(pick);
        });
        hintIfIdle();
      }).catch(function () { filtersAsked = false; });
    }

    function hintIfIdle() { // nothing typed, nothing listed: what the panel is for
      if (!input.value.trim() && !list.childNodes.length && filters.childNodes.length) {
        status.textContent = HINT;
      }
    }

    function offerSoon() {
      clearTimeout(offering);
      offering = setTimeout(offerFilters, OFFER);
    }

    function offerFilters() {
      offering = null;
      if (document.activeElement !== input || input.value.trim()) return;
      load().then(function (pf) {
        if (document.activeElement !== input || input.value.trim()) return;
        open(true);
        showFilters(pf);
        hintIfIdle();
      }).catch(function () {});
    }

    // A result: its title, date, kind and severity, and the words found in their context;
    // or, listed by filters alone, what went wrong in short (an excerpt without words would
    // start at the top of the page, with the title again).
    function result(d, query) {
      var meta = d.meta || {};
      var link = el("a", { href: d.url, "class": "retro-search__result" });
      link.appendChild(el("span", { "class": "retro-search__title" }, meta.title || d.url));
      var facts = [meta.date, meta.kind, meta.severity].filter(Boolean).join(" · ");
      if (facts) link.appendChild(el("span", { "class": "retro-search__facts" }, facts));
      if (!query && meta.summary) link.appendChild(el("span", { "class": "retro-search__excerpt" }, meta.summary));
      else link.appendChild(excerpt(d.excerpt || ""));
      return link;
    }

    // Each result is shown as soon as its own data arrives, in its place in the ranking; the
    // previous results stay until the first new one is ready. A word found in no review
    // gives no results: Pagefind would answer with the reviews holding its longest prefix
    // that is a word of the index ("the" for "thermostat"), which the best result shows.
    function showResults(found, pf, mine, query) {
      var shown = found.results.slice(0, LIMIT);
      var slots = shown.map(function () { return el("li", { hidden: "" }); });
      var swapped = false;
      function swap(count) {
        if (swapped || mine !== run) return;
        swapped = true;
        list.textContent = ""; selected = -1; shownFor = query;
        status.textContent = count === 0 ?
          (query ? "No review has these words" : "No review matches these filters") :
          (count === 1 ? "1 review" : count + " reviews") +
          (count > shown.length ? " (the first " + shown.length + " shown)" : "");
        if (count) slots.forEach(function (slot) { list.appendChild(slot); });
        showFilters(pf);
        if (opening) {
          opening = false;
          var first = list.querySelector("a");
          if (first) window.location.href = first.href;
        }
      }
      if (!shown.length) swap(0);
      shown.forEach(function (r, i) {
        r.data().then(function (d) {
          if (mine !== run) return;
          if (i === 0 && !holdsEveryWord(d, query)) return swap(0);
          slots[i].appendChild(result(d, query));
          slots[i].hidden = false;
          if (i === 0) swap(found.results.length);
        }).catch(function () { if (i === 0) swap(found.results.length); });
      });
    }

    function search() {
      var query = input.value.trim();
      shownFor = null;
      var mine = ++run;
      clearTimeout(timer);
      timer = null;
      if (!query && !Object.keys(chosen).length) {
        list.textContent = ""; status.textContent = ""; selected = -1;
        hintIfIdle();
        if (document.activeElement === input) offerSoon(); // emptied: offered again
        return;
      }
      open(true);
      load().then(function (pf) {
        // Words: the best match first. Filters alone: the newest review first.
        var order = query ? {} : { date: "desc" };
        return pf.search(query || null, { filters: chosen, sort: order }).then(function (found) {
          if (mine === run) showResults(found, pf, mine, query);
        });
      }).catch(function () {
        if (mine === run) status.textContent = "Search is not available here (the site must be served over HTTP).";
      });
    }

    // Each key asks for the index chunks of the words typed at once; the search itself runs
    // after a short pause in typing, by when they have mostly arrived.
    input.addEventListener("input", function () {
      var query = input.value.trim();
      opening = false; // a key after Enter: the reader is still typing
      clearTimeout(offering); // the filter lists come after the first results
      if (query) load().then(function (pf) { return pf.preload(query, { filters: chosen }); }).catch(function () {});
      clearTimeout(timer);
      timer = setTimeout(search, PAUSE);
    });
    box.addEventListener("pointerenter", warm);
    input.addEventListener("focus", function () {
      warm();
      if (returning) return;
      if (input.value.trim() || Object.keys(chosen).length) open(true);
      else offerSoon();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
      else if (e.key === "Enter") { e.preventDefault(); enter(); } // (the form is not sent)
      else if (e.key === "Escape") { open(false); input.blur(); }
    });
    // A phone's "Search" key may send the box's form without a key event: the same as Enter.
    box.addEventListener("submit", function (e) { e.preventDefault(); enter(); });

    function enter() {
      if (shownFor !== input.value.trim()) {
        // The results shown are for words typed before: open the first of this query's
        // once they are in (searching at once if the pause after the last key is not over).
        opening = input.value.trim() !== "";
        if (timer !== null) search();
        return;
      }
      var links = list.querySelectorAll("a");
      var target = links[selected < 0 ? 0 : selected];
      if (target) window.location.href = target.href;
    }
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { // from a result or a filter: closed, the box keeps the focus
        open(false);
        returning = true;
        input.focus();
        returning = false;
      }
    });
    document.addEventListener("click", function (e) {
      if (!box.contains(e.target)) open(false);
    });
    document.addEventListener("keydown", function (e) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((e.target && e.target.tagName) || "") ||
        (e.target && e.target.isContentEditable);
      if (!typing && (e.key === "/" || e.key === "s") && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
      }
    });
    // Words in the address ("?q=marmalade": a link to a search, or Enter pressed before this
    // script ran, which sends the box's form and opens the page again with them): searched
    // for, the results open.
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked && asked.trim() && !input.value.trim()) {
      input.value = asked;
      input.focus();
    }
    // Typed into, or focused, before this script ran: the words are searched for (the
    // results shown when the reader is back in the box, if they have left it).
    if (input.value.trim()) {
      search();
      if (document.activeElement !== input) open(false);
    } else if (document.activeElement === input) offerSoon();
  }

  // Pagefind is asked for as soon as the box is made to work: at once where this script
  // comes after the box (the end of the page, where the plugin puts it; the page's own
  // scripts and styles are in by then), else once the page is parsed. Not when the reader
  // has asked to save data: then at the first sign of a search (the pointer on the box, its
  // focus, a key). Waiting for the page's load event instead made the first answer about
  // 0.1 s slower at 5,000 reviews (see bench/README.md).
  var saving = navigator.connection && navigator.connection.saveData;
  var started = false;

  function start() {
    var input = document.getElementById("retro-search-input");
    if (started || !input) return;
    started = true;
    build(input);
    if (!saving) warm();
  }
  start();
  if (!started) document.addEventListener("DOMContentLoaded", start);
})();
