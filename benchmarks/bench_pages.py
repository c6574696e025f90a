"""How fast each runner page shows its main content, and how much JavaScript it loads: every
page of `scripts/runner_pages.py` (the list the accessibility tests walk), as the demo runner
sees it on the local server (`runrehab serve --demo`), in Debian's Chromium at phone size.

    uv run python benchmarks/bench_pages.py [--rounds 3] [--results FILE]

Each load is a first visit (a new browser context: empty cache, the runner's session cookie):
its Largest Contentful Paint from a buffered PerformanceObserver once the network is quiet, the
median of `--rounds` loads, and the bytes of every script it loaded (decompressed), Chart.js
left out (issue 20: under 1 s and under 100 KB besides Chart.js). The table gets the slowest and
the heaviest page; every page's figures are printed above it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from harness import Ratio, report
from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).parents[1]))  # the repository: scripts/ is not installed
from scripts.runner_pages import (
    DEMO_RUNNER,
    PHONE,
    RunnerPage,
    demo_server,
    launch,
    runner_pages,
    scripts_of,
    sign_in,
    without_chart_js,
)

# The last candidate the browser reported once the page settled; null when none came in 3 s.
LCP = """() => new Promise(resolve => {
  new PerformanceObserver(list => resolve(list.getEntries().at(-1).startTime))
    .observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(null), 3000);
})"""


@dataclass(frozen=True, slots=True)
class Figures:
    page: RunnerPage
    status: int  # a page that is not there (404) is printed, and left out of the table
    lcp_ms: float
    js_bytes: int


def first_visit(
    browser: Browser, url: str, cookies: object, where: RunnerPage
) -> tuple[int, float, int]:
    """(HTTP status, LCP in ms, script bytes besides Chart.js) of one load in a fresh context."""
    context = browser.new_context(
        viewport=PHONE, base_url=url, storage_state=cookies if where.signed_in else None
    )
    try:
        page = context.new_page()
        loaded = scripts_of(page)
        answer = page.goto(where.path, wait_until="networkidle")
        lcp = page.evaluate(LCP)
        if lcp is None:
            raise SystemExit(f"{where.path}: the browser reported no largest contentful paint")
        return answer.status if answer else 0, float(lcp), without_chart_js(loaded)
    finally:
        context.close()


def measure(browser: Browser, url: str, rounds: int) -> list[Figures]:
    """Every page `rounds` times, the pages in turn within each round (so a drift in the
    machine's load hits them all alike), after one untimed round that warms the server."""
    signed_in = browser.new_context(base_url=url)
    sign_in(signed_in.new_page(), *DEMO_RUNNER)
    cookies = signed_in.storage_state()
    signed_in.close()
    pages = runner_pages()
    samples: dict[str, list[tuple[int, float, int]]] = {p.name: [] for p in pages}
    for number in range(rounds + 1):
        for where in pages:
            figures = first_visit(browser, url, cookies, where)
            if number:
                samples[where.name].append(figures)
    return [_summed(p, samples[p.name]) for p in pages]


def _summed(where: RunnerPage, loads: list[tuple[int, float, int]]) -> Figures:
    """The median LCP; the worst status and the most JavaScript of any load."""
    status = max(load[0] for load in loads)
    return Figures(where, status, statistics.median(s[1] for s in loads), max(s[2] for s in loads))


def rows(figures: list[Figures], rounds: int) -> list[Ratio]:
    figures = [f for f in figures if f.status == 200]
    slowest = max(figures, key=lambda f: f.lcp_ms)
    heaviest = max(figures, key=lambda f: f.js_bytes)
    return [
        Ratio(
            f"Largest Contentful Paint of the slowest runner page ({slowest.page.path}), ms, "
            f"median of {rounds}",
            slowest.lcp_ms,
            "< 1000",
        ),
        Ratio(
            f"JavaScript a runner page loads besides Chart.js, heaviest ({heaviest.page.path}), KB",
            heaviest.js_bytes / 1024,
            "< 100",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=None, help="append the ratios (JSON)")
    args = parser.parse_args()
    with demo_server() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        figures = measure(browser, url, args.rounds)
        browser.close()
    print(f"{'page':<28} {'LCP ms':>7} {'JS KB':>6}")
    for f in figures:
        missing = "" if f.status == 200 else f"  !! answered {f.status}: not in the table"
        print(f"{f.page.path:<28} {f.lcp_ms:>7.0f} {f.js_bytes / 1024:>6.1f}{missing}")
    report(rows(figures, args.rounds), args.results)


if __name__ == "__main__":
    main()
