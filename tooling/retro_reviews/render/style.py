"""The site's small stylesheet (badges, overdue items), served from the site itself."""

from __future__ import annotations

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
.retro-badge--overdue { background: #b00020; color: #fff; }
hr.retro-body-start { margin: 2em 0; }
"""
