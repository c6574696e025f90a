"""Every runner page, as a phone shows it, passes axe-core without a serious or critical
violation in the light and the dark theme, reflows at 320 px without scrolling sideways, has
targets a finger can hit (44 x 44 px), shows where the keyboard is, and loads under 100 KB of
JavaScript besides Chart.js.

The pages are `scripts/runner_pages.py`'s list (the benchmark and the screenshots walk the same
one), seen by a runner who signed up, took the assessment and logged a few days. Each page is
checked with every disclosure (`<details>`) open, so what a tap reveals is checked too. axe-core
comes from the npm install (a dev dependency) and is injected by the test: users never load it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, Page

from scripts.runner_pages import (
    NARROW,
    PHONE,
    ROOT,
    RunnerPage,
    runner_pages,
    script_bytes,
    without_chart_js,
)
from tests.browser.conftest import sign_up

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = runner_pages()
SIGNED_IN = [p for p in PAGES if p.signed_in]
SIGNED_OUT = [p for p in PAGES if not p.signed_in]
BLOCKING = ("serious", "critical")
CALM = {"can_walk_normally": "yes"}
BASICS = {"region": "buttock_sit_bone", "onset": "gradual", "days_since_onset": "60"}
MILD = {
    "pain_rest": "1",
    "pain_during_run": "2",
    "baseline_morning_pain": "2",
    "weekly_km_now": "20",
    "longest_run_30d_km": "8",
}
JS_BUDGET_BYTES = 100 * 1024
Scheme = Literal["light", "dark"]


def _answer_wizard(page: Page) -> None:
    """A calm proximal hamstring runner: every screening question no (walking normally yes)."""
    while "/assess/" in page.url and "result" not in page.url:
        names = page.locator("input[type=radio][required]").evaluate_all("e => e.map(x => x.name)")
        for name in set(names):
            page.check(f"input[name='{name}'][value='{CALM.get(name, 'no')}']")
        for name, value in (BASICS | MILD).items():
            field = page.locator(f"[name='{name}']")
            if field.count() and field.first.evaluate("e => e.tagName") == "SELECT":
                field.first.select_option(value)
            elif field.count():
                field.first.fill(value)
        page.click("main button[type=submit]")


def _log_a_few_days(page: Page, server: str) -> None:
    """Three days of morning checks, an exercise each day and one easy run, through the API."""
    for days_ago in (3, 2, 1):
        day = (date.today() - timedelta(days=days_ago)).isoformat()
        entries: list[dict[str, Any]] = [
            {"type": "checkin", "date": day, "monitoring_pain": 2},
            {
                "type": "exercise",
                "date": day,
                "exercise": "single_leg_bridge",
                "sets": 3,
                "reps": 12,
                "pain": 2,
            },
        ]
        if days_ago == 2:
            entries.append(
                {
                    "type": "run",
                    "date": day,
                    "minutes": 20,
                    "distance_km": 3.2,
                    "pain_during": 2,
                    "pain_after": 2,
                }
            )
        for entry in entries:
            answer = page.request.post("/api/v1/entries", data=entry, headers={"Origin": server})
            assert answer.ok, answer.text()


@pytest.fixture(scope="module")
def runner(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    page = context.new_page()
    sign_up(page, f"a11y-{uuid.uuid4().hex[:8]}@example.com")
    _answer_wizard(page)
    assert page.url.endswith("/assess/result")
    _log_a_few_days(page, server)
    yield page
    context.close()


@pytest.fixture(scope="module")
def visitor(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, base_url=server)
    yield context.new_page()
    context.close()


def _open(page: Page, where: RunnerPage, scheme: Scheme = "light") -> None:
    page.emulate_media(color_scheme=scheme)
    answer = page.goto(where.path, wait_until="networkidle")
    assert answer is not None
    assert answer.status == 200, f"{where.path} answered {answer.status}"
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true })")


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' '))}))"""
    )
    return found


def _assert_axe_passes(page: Page, where: RunnerPage, scheme: Scheme) -> None:
    _open(page, where, scheme)
    blocking = [v for v in _axe_violations(page) if v["impact"] in BLOCKING]
    described = "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']}\n    at {', '.join(v['targets'][:8])}"
        for v in blocking
    )
    assert not blocking, f"axe on {where.path} ({scheme}):\n{described}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", SIGNED_IN, ids=lambda p: p.name)
def test_a_runner_page_has_no_serious_axe_violation(
    runner: Page, where: RunnerPage, scheme: Scheme
) -> None:
    _assert_axe_passes(runner, where, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", SIGNED_OUT, ids=lambda p: p.name)
def test_a_signed_out_page_has_no_serious_axe_violation(
    visitor: Page, where: RunnerPage, scheme: Scheme
) -> None:
    _assert_axe_passes(visitor, where, scheme)


# What a finger taps: buttons, the labels of radios and checkboxes, selects, fields, the tab bar,
# the More menu and every other link in a navigation bar or the header, disclosures. Links inside
# running text are exempt (WCAG 2.5.8's inline exception).
TARGETS = """() => {
  const selectors = ['button', 'a.button', 'nav a', 'header a', '.menu a', 'select', 'summary',
    'input:not([type=hidden]):not([type=radio]):not([type=checkbox])'];
  const labels = [...document.querySelectorAll('input[type=radio], input[type=checkbox]')]
    .map(i => i.closest('label') || (i.id && document.querySelector(`label[for="${i.id}"]`)) || i);
  const all = [...document.querySelectorAll(selectors.join(',')), ...labels];
  return [...new Set(all)].filter(e => e.checkVisibility() && !e.closest('.visually-hidden, .skip-link'))
    .map(e => ({what: e.outerHTML.slice(0, 90), box: e.getBoundingClientRect().toJSON()}))
    .filter(t => t.box.width < 44 || t.box.height < 44)
    .map(t => `${Math.round(t.box.width)}x${Math.round(t.box.height)} ${t.what}`);
}"""


def _assert_reflows_with_big_targets(page: Page, where: RunnerPage) -> None:
    page.set_viewport_size(NARROW)
    try:
        _open(page, where)
        width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], f"{where.path} scrolls sideways at 320 px: {width}"
        small = page.evaluate(TARGETS)
        assert not small, f"targets under 44 x 44 px on {where.path}:\n  " + "\n  ".join(small)
    finally:
        page.set_viewport_size(PHONE)


@pytest.mark.parametrize("where", SIGNED_IN, ids=lambda p: p.name)
def test_a_runner_page_fits_320_px_with_finger_sized_targets(
    runner: Page, where: RunnerPage
) -> None:
    _assert_reflows_with_big_targets(runner, where)


@pytest.mark.parametrize("where", SIGNED_OUT, ids=lambda p: p.name)
def test_a_signed_out_page_fits_320_px_with_finger_sized_targets(
    visitor: Page, where: RunnerPage
) -> None:
    _assert_reflows_with_big_targets(visitor, where)


@pytest.mark.parametrize("where", PAGES, ids=lambda p: p.name)
def test_a_page_loads_under_100_kb_of_javascript_besides_chart_js(
    runner: Page, browser: Browser, server: str, where: RunnerPage
) -> None:
    cookies = runner.context.storage_state() if where.signed_in else None
    fresh = browser.new_context(viewport=PHONE, base_url=server, storage_state=cookies)
    try:
        loaded = script_bytes(fresh, where.path)
    finally:
        fresh.close()
    assert loaded, f"{where.path} loaded no script at all (is the page there?)"
    assert without_chart_js(loaded) < JS_BUDGET_BYTES, loaded


# The element the keyboard is on, and whether it shows a ring of at least 2 px.
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {what: e.outerHTML.slice(0, 90), ring, body: e === document.body};
}"""


@pytest.mark.parametrize("where", PAGES, ids=lambda p: p.name)
def test_the_keyboard_focus_is_visible_on_every_control(
    runner: Page, visitor: Page, where: RunnerPage
) -> None:
    """Tab through the page's first 60 controls: each one shows a focus ring (WCAG 2.4.7)."""
    page = runner if where.signed_in else visitor
    _open(page, where)
    unringed = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["body"]:
            break
        if not focused["ring"]:
            unringed.append(focused["what"])
    assert not unringed, f"no focus ring on {where.path}:\n  " + "\n  ".join(unringed)


def test_a_new_calendar_address_does_not_scroll_the_page_sideways(runner: Page) -> None:
    """The private address is one long word: it wraps at 320 px (issue 20 saw it scroll)."""
    runner.set_viewport_size(NARROW)
    try:
        runner.goto("/calendar")
        runner.click("main button[type=submit]")
        address = runner.get_by_text("Your private calendar address")
        assert address.is_visible()
        width = runner.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], width
    finally:
        runner.set_viewport_size(PHONE)
