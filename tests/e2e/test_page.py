"""The web page in a real headless Chromium (Debian's, driven by Playwright) against a real
``newscomment serve``: paste, read, follow the evidence, and stay inert on hostile input."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import httpx
import pytest
from helpers.browser import ChromiumMissing, launch_chromium
from helpers.corpus import ROOT, SEED
from helpers.site import Page as SitePage
from helpers.site import Site
from playwright.sync_api import Browser, Page, expect, sync_playwright

from newscomment import KINDS, SOURCE_TYPES

SEED_TEXT = SEED.read_text(encoding="utf-8").split("Comment:")[0].strip()
SCREENSHOT = ROOT / "docs" / "page-seed.png"
HOSTILE_ARTICLE = """<img src=x onerror="window.pwned='title'"> Council approves new bus routes
The city council voted on Tuesday to add three bus routes, the transport department said.
<script>window.pwned = 'script'</script>
"The routes will start in March," the department's director, Ana Ruiz, said in a statement.
<a href="javascript:window.pwned='link'">Read more</a> <iframe src="javascript:alert(1)"></iframe>
Some residents said the service was long overdue, while the opposition questioned the cost
of about 2 million dollars a year. <style>body { display: none }</style>
<svg onload="window.pwned='svg'"></svg> The council will review the routes next year."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with sync_playwright() as playwright:
        try:
            launched = launch_chromium(playwright)
        except ChromiumMissing as missing:
            pytest.fail(str(missing))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, api: str) -> Iterator[Page]:
    """A fresh desktop-sized tab on the page, failing the test on any script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=api)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto("/")
    yield tab
    context.close()
    assert errors == []


def read_article(page: Page, text: str) -> None:
    """Paste ``text`` and ask for the comment, as a user does."""
    page.fill("#article-text", text)
    page.click("#submit")


def test_pasting_the_seed_shows_comment_highlights_and_sources(page: Page) -> None:
    read_article(page, SEED_TEXT)

    expect(page.locator("#comment .sentence").first).to_be_visible()
    assert page.locator("#comment .sentence").count() >= 4
    for kind in ("source", "hedge", "loaded", "boilerplate"):
        assert page.locator(f"#article .mark[data-kind={kind}]").count() > 0, kind
    assert page.locator("#article .mark.in-opinion").count() > 0
    hedges = page.locator("#article .mark[data-kind=hedge]").all_text_contents()
    assert "reportedly" in hedges
    sources = page.locator("#sources").inner_text()
    assert "Al-Jazeera" in sources and "The Times of Israel" in sources
    assert "anonymous, via The Times of Israel" in sources
    assert page.locator("#article").inner_text().strip() == SEED_TEXT.strip()


def test_legend_tooltips_and_source_types_come_from_the_servers_table(page: Page, api: str) -> None:
    tables = httpx.get(f"{api}/api/kinds").json()
    kinds = {kind["name"]: kind for kind in tables["kinds"]}
    types = {kind["name"]: kind["label"] for kind in tables["source_types"]}
    contract = httpx.post(f"{api}/api/comment", json={"text": SEED_TEXT}, timeout=60).json()
    read_article(page, SEED_TEXT)
    expect(page.locator("#comment .sentence").first).to_be_visible()

    legend = page.locator("#legend .sample").all_text_contents()
    inline = [kind["label"] for kind in tables["kinds"] if kind["inline"]]
    assert legend == [*inline, kinds["opinion"]["label"], kinds["claim"]["label"]]
    hedge = page.locator("#article .mark[data-kind=hedge]", has_text="reportedly")
    assert hedge.get_attribute("title").startswith(kinds["hedge"]["singular"].lower() + " (")
    shown = page.locator("#sources .source-type").all_text_contents()
    assert [text.split(",")[0] for text in shown] == [types[s["type"]] for s in contract["sources"]]


def test_the_page_has_no_table_of_kinds_of_its_own() -> None:
    script = (files("newscomment.server") / "static" / "app.js").read_text(encoding="utf-8")

    for kind in KINDS.values():
        assert f'"{kind.label}"' not in script and f'"{kind.singular}"' not in script, kind.name
    for kind in SOURCE_TYPES.values():
        assert f'"{kind.label}"' not in script, kind.name


def test_clicking_a_comment_sentence_highlights_its_evidence(page: Page, api: str) -> None:
    contract = httpx.post(f"{api}/api/comment", json={"text": SEED_TEXT}, timeout=60).json()
    by_id = {f["id"]: f for f in contract["findings"]}
    read_article(page, SEED_TEXT)
    sentences = page.locator("#comment .sentence")
    expect(sentences.first).to_be_visible()
    assert page.locator("#article .mark.evidence").count() == 0

    second = contract["comment"]["sentences"][1]
    sentences.nth(1).click()

    expect(sentences.nth(1)).to_have_attribute("aria-pressed", "true")
    marked = " ".join(page.locator("#article .mark.evidence").all_text_contents())
    cited = [by_id[i]["text"] for i in second["evidence"] if by_id[i]["text"]]
    assert cited and all(text.split()[0] in marked for text in cited)
    assert page.locator("#evidence li").count() == len(second["evidence"])
    page.set_viewport_size({"width": 1280, "height": 1500})
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    sentences.nth(1).click()

    expect(sentences.nth(1)).to_have_attribute("aria-pressed", "false")
    assert page.locator("#article .mark.evidence").count() == 0


def test_the_page_works_from_the_keyboard(page: Page) -> None:
    page.fill("#article-text", SEED_TEXT)
    page.focus("#submit")
    page.keyboard.press("Enter")
    first = page.locator("#comment .sentence").first
    expect(first).to_be_visible()

    first.focus()
    page.keyboard.press("Enter")

    expect(first).to_have_attribute("aria-pressed", "true")
    assert page.locator("#article .mark.evidence").count() > 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sentence')")


def test_selecting_a_source_shows_where_it_is_cited(page: Page) -> None:
    read_article(page, SEED_TEXT)
    source = page.locator("#sources .source", has_text="Al-Jazeera")

    source.click()

    assert page.locator("#article .mark.evidence").all_text_contents() == ["Al-Jazeera"]


def test_legend_toggles_hide_and_show_a_kind(page: Page) -> None:
    read_article(page, SEED_TEXT)
    hedges = page.locator("#article .mark[data-kind=hedge]")
    expect(hedges.first).to_be_visible()
    toggle = page.locator("#legend label", has_text="Hedges").locator("input")

    toggle.uncheck()
    assert hedges.count() == 0
    toggle.check()
    assert hedges.count() > 0


def test_copy_puts_the_comment_on_the_clipboard(browser: Browser, api: str) -> None:
    context = browser.new_context(base_url=api)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=api)
    tab = context.new_page()
    tab.goto("/")
    read_article(tab, SEED_TEXT)
    expect(tab.locator("#comment .sentence").first).to_be_visible()

    tab.click("#copy")

    expect(tab.locator("#status")).to_have_text("Comment copied.")
    copied = tab.evaluate("navigator.clipboard.readText()")
    sentences = tab.locator("#comment .sentence").all_text_contents()
    assert copied == " ".join(sentences)
    context.close()


def test_an_unusable_article_shows_the_servers_message(page: Page) -> None:
    read_article(page, "Too short to be an article.")

    alert = page.locator("#error")
    expect(alert).to_be_visible()
    assert "at least 40" in alert.inner_text()
    assert page.locator("#result").is_hidden()


def test_a_hostile_article_is_shown_as_inert_text(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    read_article(page, HOSTILE_ARTICLE)
    expect(page.locator("#comment .sentence").first).to_be_visible()

    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    article = page.locator("#article")
    assert "<script>window.pwned = 'script'</script>" in article.inner_text()
    assert "<img src=x onerror=" in page.locator("#article-title").inner_text()
    for tag in ("script", "img", "a", "iframe", "style", "svg"):
        assert page.locator(f"#result {tag}").count() == 0, tag
    assert page.locator("body").is_visible()


def test_a_pasted_page_source_is_read_as_html(page: Page) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED_TEXT.splitlines() if line.strip())
    source = (
        "<!DOCTYPE html><html><head><title>Talks may resume</title>"
        "<script>window.pwned = 'page'</script></head><body><article>"
        f"<h1>Talks may resume</h1>{paragraphs}</article></body></html>"
    )

    read_article(page, source)
    expect(page.locator("#comment .sentence").first).to_be_visible()

    assert page.locator("#article-title").inner_text() == "Talks may resume"
    assert "<p>" not in page.locator("#article").inner_text()
    assert page.evaluate("window.pwned") is None


def test_a_url_on_a_private_address_is_refused_on_the_page(page: Page, site: Site) -> None:
    url = site.serve("/story.txt", SitePage(SEED_TEXT.encode(), "text/plain"))

    page.fill("#article-url", url)
    page.click("#submit")

    expect(page.locator("#error")).to_contain_text("private")
    assert site.request_headers == []


def test_the_content_security_policy_blocks_injected_inline_script(page: Page) -> None:
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )

    assert page.evaluate("window.injected") is None


@pytest.mark.parametrize("width", [360, 1280])
def test_the_result_fits_phone_and_desktop_widths(browser: Browser, api: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=api)
    tab = context.new_page()
    tab.goto("/")
    read_article(tab, SEED_TEXT)
    expect(tab.locator("#comment .sentence").first).to_be_visible()

    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    comment = tab.locator(".comment-panel").bounding_box()
    article = tab.locator(".article-panel").bounding_box()
    context.close()

    assert overflow <= 0
    assert comment is not None and article is not None
    if width < 600:
        assert comment["y"] < article["y"]
    else:
        assert comment["x"] + comment["width"] <= article["x"]


def test_the_page_explains_itself_and_links_the_api(page: Page) -> None:
    assert "newscomment" in page.title()
    assert page.locator("label[for=article-text]").inner_text() == "Article text"
    assert page.get_by_role("button", name="Read the article").is_enabled()
    assert page.locator("a[href='/openapi.json']").count() == 1


def test_screenshot_in_the_readme_is_the_one_the_tests_take() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert f"]({SCREENSHOT.relative_to(ROOT).as_posix()})" in readme
    assert Path(SCREENSHOT).stat().st_size > 10_000
