"""A real build with ``use_directory_urls: false``: links in the raw HTML blocks still work."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitelib import build, review, write_library

pytestmark = pytest.mark.slow

R1 = "2026-01-10-checkout-errors-after-a-config-deploy"
R2 = "2026-02-10-deploy-reached-production-without-smoke-tests"


def test_every_link_of_generated_pages_resolves(tmp_path: Path) -> None:
    root = write_library(
        tmp_path,
        {
            R1: review(R1, areas=["checkout"], tags=["deploy"], related=[R2]),
            R2: review(R2, areas=["checkout"], tags=["deploy"]),
        },
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    checked = 0
    for html_file in [site / "index.html", *(site / "reviews").rglob("*.html")]:
        article = html_file.read_text().split("<article", 1)[1].split("</article>", 1)[0]
        for href in re.findall(r'href="([^"#]+)', article):
            if href.startswith(("http:", "https:")):
                continue
            target = Path(os.path.normpath(html_file.parent / href))
            assert target.is_file(), (html_file.relative_to(site), href)
            checked += 1
    assert checked > 20
    page = (site / "reviews" / "2026" / f"{R1}.html").read_text()
    assert f'href="{R2}.html"' in page  # a related review, from the raw HTML block
