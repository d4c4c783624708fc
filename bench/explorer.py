"""The explorer page (``jakkg explore``) in headless Chromium: its size, load time and
pick-to-redraw time, and (``--screenshots``) the PNGs shown in docs/ and the README.

    python -m bench.explorer [--screenshots docs/] [--repeat 5]

Writes bench/explorer.md. Uses Debian's /usr/bin/chromium through Playwright; never downloads
a browser. Timings are medians over ``--repeat`` page loads and picks.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.explore import write_explorer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# Two questions a student might ask: a disease the JAK1 inhibitors cover, and one where a
# TYK2 inhibitor leaves gaps beside a JAK1/JAK2 inhibitor.
SHOTS = {
    "explorer-dermatomyositis-upadacitinib.png": ("#disease=dermatomyositis&drug=upadacitinib",
                                                  (1280, 800)),
    "explorer-psoriasis-compare.png": ("#disease=psoriasis&drug=deucravacitinib&vs=tofacitinib",
                                       (1280, 800)),
    "explorer-phone.png": ("#disease=dermatomyositis&drug=upadacitinib", (390, 844)),
}  # fmt: skip
PICKS = [("dermatomyositis", "baricitinib"), ("psoriasis", "deucravacitinib"),
         ("atopic-dermatitis", "abrocitinib"), ("alopecia-areata", "ritlecitinib")]  # fmt: skip


def measure(page_path: Path, repeat: int) -> dict[str, float]:
    """Median load time (navigation to first drawing) and pick-to-redraw time, in ms."""
    from playwright.sync_api import sync_playwright

    loads, redraws = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            start = time.perf_counter()
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            page.wait_for_selector("figure.pathway svg .node")
            loads.append(1000 * (time.perf_counter() - start))
            for disease, drug in PICKS:
                start = time.perf_counter()
                page.evaluate(
                    "([d, g]) => { location.hash = 'disease=' + d + '&drug=' + g; }",
                    [disease, drug],
                )
                page.wait_for_function(
                    "(g) => document.querySelector('figure.pathway').dataset.drug === g", arg=drug
                )
                redraws.append(1000 * (time.perf_counter() - start))
            page.close()
        browser.close()
    return {"load_ms": statistics.median(loads), "redraw_ms": statistics.median(redraws)}


def screenshots(page_path: Path, folder: Path) -> list[Path]:
    """The explorer for the questions in ``SHOTS``, one PNG each, in ``folder``."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, (fragment, (width, height)) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(page_path.resolve().as_uri() + fragment, wait_until="load")
            page.wait_for_selector("figure.pathway svg .node")
            page.evaluate("document.getElementById('intro').open = false")
            target = folder / name
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
            page.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", type=Path, help="folder for the PNGs (e.g. docs/)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = write_explorer(Path(folder) / "explore.html")
        size = page.stat().st_size
        if args.screenshots:
            for path in screenshots(page, args.screenshots):
                print(path)
        times = measure(page, args.repeat)
    report = (
        "# Explorer page (`jakkg explore`)\n\n"
        f"Headless Debian Chromium, 1280×800, medians of {args.repeat} loads and "
        f"{args.repeat * len(PICKS)} picks (`python -m bench.explorer`).\n\n"
        "| measure | value |\n|---|---|\n"
        f"| page size | {size / 1024:.0f} KiB ({size} bytes) |\n"
        f"| load (navigation to first drawing) | {times['load_ms']:.0f} ms |\n"
        f"| pick to redraw (fragment change to new drawing) | {times['redraw_ms']:.0f} ms |\n"
    )
    Path(__file__).with_name("explorer.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
