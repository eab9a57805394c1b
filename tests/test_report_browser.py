"""The HTML report in a real headless browser: it loads from a file with no console error and
no request beyond the file itself, and a screenshot shows the title and the four pictures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sim.presentation.report import report_html, write_report
from tests.conftest import run_scenario

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_path() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), *BROWSERS):
        if name and (found := shutil.which(name)):
            return found
    return None


def ink(image: Image.Image, box: dict[str, float]) -> float:
    """Share of the box's pixels that are not (almost) white."""
    crop = image.crop(
        (int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"]))
    )
    pixels = np.asarray(crop.convert("L"))
    return float((pixels < 200).mean())


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    executable = browser_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium: .ci/run installs Debian's chromium package")
        pytest.skip("aucun chromium sur cette machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    analysis = run_scenario("liens-avant-groupes.yaml")
    path = write_report(
        report_html(analysis, [run_scenario("nominal.yaml")]), tmp_path / "rapport.html"
    )
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        title = page.locator("h1")
        assert title.is_visible()
        assert analysis.result.scenario.name in title.inner_text()
        pictures = page.locator("figure.picture svg")
        assert pictures.count() == 4
        boxes = [pictures.nth(i).bounding_box() for i in range(4)]
        title_box = title.bounding_box()
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        browser.close()
    assert problems == []
    assert all(url.startswith("file:") for url in requests), requests
    shot = Image.open(tmp_path / "page.png")
    assert title_box is not None and ink(shot, title_box) > 0.02
    for box in boxes:
        assert box is not None and box["width"] > 1000 and box["height"] > 200
        assert ink(shot, box) > 0.005  # a blank picture has none
