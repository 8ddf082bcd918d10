"""The site's own small stylesheet and script, served from the site itself (no outside request).

The stylesheet shapes the review page's header card and timeline, the home page's cards,
badges, overdue rows and charts, and keeps tables and charts readable on a phone (they scroll
sideways instead of shrinking). The script sorts the tables marked ``data-retro-sort`` when a
column heading is pressed; without it the tables keep their generated order.
"""

from __future__ import annotations

from .links import SCRIPT, STYLESHEET

STYLESHEET_TEXT = """\
.retro-badge {
  display: inline-block;
  padding: 0 .45em;
  border-radius: .2em;
  font-size: .75em;
  font-weight: 700;
  vertical-align: middle;
}
.retro-badge--draft { background: #fff3cd; color: #6b4e00; }
.retro-badge--in-review { background: #d7ecff; color: #08406b; }
.retro-badge--imported { background: #ece3f7; color: #4a2a7a; }
.retro-badge--overdue { background: #b00020; color: #fff; }
.retro-badge--done { background: #dff3e4; color: #1d5e2c; }
hr.retro-body-start { display: none; }  /* marks where the body starts; the story flows on */

/* A review's header card: the facts at a glance, tags as chips. */
.retro-header {
  border: 1px solid var(--md-default-fg-color--lightest);
  border-radius: .4em;
  padding: .7em .9em;
  margin: 0 0 1.6em;
}
.md-typeset dl.retro-facts {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(8.5em, 1fr));
  gap: .6em 1em;
  margin: 0;
}
.md-typeset dl.retro-facts dt {
  font-size: .68rem;
  font-weight: 400;
  letter-spacing: .02em;
  text-transform: uppercase;
  color: var(--md-default-fg-color--light);
}
.md-typeset dl.retro-facts dd { margin: 0; font-weight: 700; }
.md-typeset .retro-chips { display: flex; flex-wrap: wrap; gap: .35em; margin: .8em 0 0; }
.md-typeset .retro-chip {
  display: inline-block;
  padding: .05em .7em;
  border-radius: 1em;
  background: var(--md-default-fg-color--lightest);
  color: var(--md-default-fg-color);
  font-size: .72rem;
}
.md-typeset a.retro-chip:hover { color: var(--md-accent-fg-color); }
.md-typeset .retro-byline {
  margin: .7em 0 0;
  font-size: .72rem;
  color: var(--md-default-fg-color--light);
}

/* A review's timeline: one event a line, the time above it, readable on a phone. */
.md-typeset ol.retro-timeline {
  list-style: none;
  margin: 0 0 1em .4em;
  padding-left: 1.1em;
  border-left: 2px solid var(--md-default-fg-color--lighter);
}
.md-typeset ol.retro-timeline li { margin: 0 0 .7em; position: relative; }
.md-typeset ol.retro-timeline li::before {
  content: "";
  position: absolute;
  left: -1.53em;
  top: .35em;
  width: .65em;
  height: .65em;
  border-radius: 50%;
  background: var(--md-default-fg-color--light);
}
.md-typeset ol.retro-timeline li.retro-milestone::before { background: var(--md-primary-fg-color); }
.md-typeset ol.retro-timeline time {
  display: block;
  font-size: .72rem;
  font-weight: 700;
  color: var(--md-default-fg-color--light);
}

/* The home page's numbers. */
.md-typeset .retro-cards {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(10.5em, 1fr));
  gap: .8em;
  margin: 1em 0 1.6em;
}
.md-typeset .retro-card {
  display: block;
  border: 1px solid var(--md-default-fg-color--lightest);
  border-radius: .4em;
  padding: .6em .8em;
  color: var(--md-default-fg-color);
}
.md-typeset a.retro-card:hover { border-color: var(--md-accent-fg-color); }
.retro-card__value { display: block; font-size: 1.7em; font-weight: 700; line-height: 1.2; }
.retro-card__label { display: block; font-size: .75rem; color: var(--md-default-fg-color--light); }
.retro-card--alert .retro-card__value { color: #b00020; }
.retro-card svg { display: block; width: 100%; height: 2.4em; margin-top: .4em; }

/* Tables: sortable headings, overdue rows, done items folded away. */
.md-typeset table[data-retro-sort] th button {
  font: inherit;
  font-weight: 700;
  color: inherit;
  cursor: pointer;
  padding: 0;
  text-align: left;
}
.md-typeset table[data-retro-sort] th button::after { content: " ↕"; opacity: .45; }
.md-typeset table[data-retro-sort] th[aria-sort] button::after { opacity: 1; }
.md-typeset table[data-retro-sort] th[aria-sort="ascending"] button::after { content: " ▲"; }
.md-typeset table[data-retro-sort] th[aria-sort="descending"] button::after { content: " ▼"; }
.md-typeset tr.retro-overdue td { background: rgba(176, 0, 32, .06); }
.md-typeset td.retro-nowrap { white-space: nowrap; }
.md-typeset table[data-retro-sort] td:first-child { min-width: 14em; }
.md-typeset details.retro-fold > summary { cursor: pointer; font-weight: 700; }

/* Charts keep labels readable (>= 11 px) on a phone: they scroll sideways instead. */
.md-typeset .retro-chart { overflow-x: auto; }
.md-typeset .retro-chart svg { min-width: 540px; }
"""

SCRIPT_TEXT = """\
// Sort the tables marked data-retro-sort when a column heading is pressed (retro).
(function () {
  "use strict";
  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.trim().toLowerCase();
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var wanted = "table[data-retro-sort] th button";
    var button = target && target.closest ? target.closest(wanted) : null;
    if (!button) return;
    var th = button.closest("th");
    var table = th.closest("table");
    var body = table.tBodies[0];
    if (!body) return;
    var cells = Array.prototype.slice.call(th.parentNode.cells);
    var index = cells.indexOf(th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    cells.forEach(function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = key(a, index).localeCompare(key(b, index), undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
})();
"""

ASSETS = {STYLESHEET: STYLESHEET_TEXT, SCRIPT: SCRIPT_TEXT}
"""Every generated file that is not a page, by docs-relative URI."""
