"""`make screenshots`: every runner page (`scripts/runner_pages.py`) as the demo runner sees it,
on a phone (390 x 844) and a laptop (1440 x 900), light and dark, saved to
out/screenshots/<page>-<phone|laptop>-<light|dark>.png (out/ is not committed).

    uv run python -m scripts.screenshots [--full]

Each picture is the first screen, what a runner sees on opening the page; `--full` takes the
whole page instead (the phone's fixed tab bar then sits where the first screen ends). It starts
its own demo server on a scratch database (about 40 s to seed) and stops it afterwards.
"""

from __future__ import annotations

import argparse
from typing import Literal

from playwright.sync_api import Browser, Page, sync_playwright

from scripts.runner_pages import (
    DEMO_RUNNER,
    LAPTOP,
    PHONE,
    ROOT,
    RunnerPage,
    demo_server,
    launch,
    runner_pages,
    sign_in,
)

OUT = ROOT / "out" / "screenshots"
DEVICES = {"phone": PHONE, "laptop": LAPTOP}
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")


def photograph(page: Page, where: RunnerPage, full: bool) -> int:
    """Every device and scheme of one page; returns how many pictures were saved."""
    saved = 0
    for device, viewport in DEVICES.items():
        page.set_viewport_size(viewport)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            answer = page.goto(where.path, wait_until="networkidle")
            if answer is None or answer.status != 200:
                print(f"!! {where.path} answered {answer.status if answer else 'nothing'}")
            page.evaluate("document.fonts.ready")
            page.screenshot(path=OUT / f"{where.name}-{device}-{scheme}.png", full_page=full)
            saved += 1
    return saved


def photograph_all(browser: Browser, url: str, full: bool) -> int:
    runner = browser.new_context(base_url=url).new_page()
    sign_in(runner, *DEMO_RUNNER)
    visitor = browser.new_context(base_url=url).new_page()
    saved = 0
    for where in runner_pages():
        saved += photograph(runner if where.signed_in else visitor, where, full)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with demo_server() as url, sync_playwright() as playwright:
        browser = launch(playwright)
        saved = photograph_all(browser, url, args.full)
        browser.close()
    print(f"{saved} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
