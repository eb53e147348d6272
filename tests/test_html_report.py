"""`--format html`: the generator, and the page itself in real headless Chromium.

The browser tests start Debian's `chromium` with `--dump-dom` (the DOM after
the report's JavaScript ran) and `--screenshot`; they skip when Chromium is
absent, and fail instead with CI=true (.ci/run installs it).

docs/report.png (in the README) is the same screenshot of the seeds report:
    newslint --format html -o /tmp/report.html seeds/
    chromium --headless --no-sandbox --hide-scrollbars --window-size=1280,2000 \
        --virtual-time-budget=5000 --screenshot=docs/report.png file:///tmp/report.html
"""
from __future__ import annotations

import json
import os
import re
import select as io_select
import shutil
import struct
import subprocess
import time
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from conftest import IN_CI, SEEDS
from newslint.cli import main
from newslint.config import Config
from newslint.html_report import CATEGORY_STYLES, PAGE_SIZE, TEXT_COLOUR, report_html
from newslint.registry import all_rules, select
from newslint.runner import Options, lint_paths

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# For --dump-dom and --screenshot: console messages on stderr, and time for the scripts to run.
ONE_SHOT_FLAGS = ["--enable-logging=stderr", "--virtual-time-budget=5000"]
DATA_BLOCK = re.compile(r'<script type="application/json" id="newslint-data">(.*?)</script>', re.DOTALL)
# Hostile text: it tries to close the data block, open a comment, inject
# markup and break a JavaScript line (U+2028).
HOSTILE = ("Home » News » </script><!-- <b id=\"pwned\">x</b>\n\n"
           "The minister said on Friday that talks would resume next week in Geneva, after a pause of two months.\u2028"
           " She added that </script><script>document.body.id=\"pwned\"</script> nothing was agreed,with the partners."
           "\n\nShare this article\n")
# 70 words: DUP003 compares documents of 50 words or more.
ARTICLE = " ".join(f"The council met on day {n} and agreed a budget for the harbour works." for n in range(5))


def cli(*args: str):
    return CliRunner().invoke(main, ["--no-cache", "--jobs", "1", *args], catch_exceptions=False)


def html_report(tmp_path: Path, *args: str) -> tuple[str, object]:
    output = tmp_path / "report.html"
    result = cli("--format", "html", "-o", str(output), *args)
    return output.read_text(encoding="utf-8"), result


def report_data(page: str) -> dict:
    return json.loads(DATA_BLOCK.search(page).group(1))


def text_offset(text: str, line: int, column: int) -> int:
    """Offset of a 1-based line and column (code points) in `text`."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return starts[line - 1] + column - 1


# -- the generator ------------------------------------------------------------------
def test_escaping_keeps_hostile_text_inert(tmp_path):
    (tmp_path / "a<b>.txt").write_text(HOSTILE, encoding="utf-8")
    page, result = html_report(tmp_path, str(tmp_path / "a<b>.txt"))
    assert result.exit_code == 1
    # Only the page's own two scripts end, nothing opens a comment or breaks a line.
    assert page.count("</script") == 2 and page.count("<script") == 2
    assert "<!--" not in page and "\u2028" not in page
    assert "a&lt;b&gt;.txt" in page and "a<b>.txt" not in page
    data = report_data(page)
    assert data["docs"][0]["t"] == HOSTILE  # the text comes back exactly
    messages = [d[3] for d in data["docs"][0]["d"]]
    assert any("</script><!--" in message for message in messages)


def test_report_of_a_clean_run(tmp_path):
    (tmp_path / "clean.txt").write_text("The council approved the budget on Tuesday.\n", encoding="utf-8")
    page, result = html_report(tmp_path, str(tmp_path / "clean.txt"))
    assert result.exit_code == 0
    assert "All checks passed: 1 document, no diagnostics" in page
    assert "<svg" not in page  # no charts without diagnostics
    assert report_data(page)["docs"] == [{"l": str(tmp_path / "clean.txt"), "t": "The council approved the budget "
                                          "on Tuesday.\n", "d": [], "x": []}]


def test_report_of_no_documents(tmp_path):
    (tmp_path / "empty").mkdir()
    page, result = html_report(tmp_path, str(tmp_path / "empty"))
    assert result.exit_code == 0
    assert "No documents linted (0 files)" in page
    assert report_data(page)["docs"] == []
    assert "wrote " in result.stderr and "0 documents)" in result.stderr


def test_bad_files_are_listed_as_errors(tmp_path):
    (tmp_path / "good.txt").write_text("Share this article\n\nThe council approved the budget.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "r1", "text": "Share this article"}\n{not json\n', encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    page, result = html_report(tmp_path, str(tmp_path))
    assert result.exit_code == 2
    errors = lxml.html.fromstring(page).xpath("//ul[@class='errors']/li")
    assert [item.text_content() for item in errors] == [
        f"{tmp_path / 'gone.txt'}: broken symbolic link: its target does not exist"]
    assert "malformed JSON record" in page  # the bad record is reported too
    labels = [doc["l"] for doc in report_data(page)["docs"]]
    assert labels[:2] == [f"{tmp_path / 'bad.jsonl'} record r1", str(tmp_path / "good.txt")]


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory) -> tuple[Path, object]:
    """The report of the seeds, and the CLI result that wrote it."""
    page = tmp_path_factory.mktemp("seeds-report") / "report.html"
    result = cli("--format", "html", "-o", str(page), str(SEEDS))
    assert result.exit_code == 1
    return page, result


def test_file_size_is_reported(seeds_html):
    page, result = seeds_html
    size = page.stat().st_size
    assert result.stderr == f"wrote {page} ({size / 1000:.1f} kB, 3 documents)\n"


def test_no_external_resources(seeds_html):
    page = seeds_html[0].read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "Content-Security-Policy\" content=\"default-src 'none';" in page


def test_records_link_duplicates_to_their_original(tmp_path):
    records = [{"id": "first", "text": ARTICLE}, {"id": "copy", "text": ARTICLE + "\n\n" + ARTICLE}]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page, _ = html_report(tmp_path, "--select", "DUP", str(tmp_path / "corpus.jsonl"))
    data = report_data(page)
    copy = data["docs"][1]
    rules = [data["rules"][d[2]][0] for d in copy["d"]]
    targets = {rule: d[7] for rule, d in zip(rules, copy["d"])}
    assert targets == {"DUP003": "doc-0", "DUP001": "doc-1-L1"}
    # The repeated paragraph of the record is struck through although records carry no fixes.
    removed = {rule: d[6] for rule, d in zip(rules, copy["d"])}
    assert removed == {"DUP003": 0, "DUP001": 1}
    assert copy["x"] == [[len(ARTICLE), len(copy["t"])]]


def test_near_duplicate_file_links_to_the_earlier_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("harbour", "airport", 1) + "\n", encoding="utf-8")
    page, _ = html_report(tmp_path, "--select", "DUP003", str(tmp_path))
    later = report_data(page)["docs"][1]
    assert later["d"][0][3].startswith(f"Near-duplicate of {tmp_path / 'a.txt'} (about ")
    assert later["d"][0][7] == "doc-0"


def test_links_come_from_the_structured_original_not_the_message(tmp_path):
    """A record id that reads like the end of a DUP003 message, and a DUP001
    original whose record's first line is not the file's: each link goes to
    the original's document and line in its text (`Diagnostic.original`)."""
    records = [{"id": "x", "text": "Short."}, {"id": "a (about 90% shared)", "text": ARTICLE},
               {"id": "b", "text": "Title line\n\n" + ARTICLE + "\n\nShare\n\n" + ARTICLE},
               {"id": "c", "text": ARTICLE}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page, _ = html_report(tmp_path, "--select", "DUP", str(tmp_path / "c.jsonl"))
    data = report_data(page)
    original = f"{tmp_path / 'c.jsonl'} record a (about 90% shared)"
    assert [doc["l"] for doc in data["docs"]][1] == original
    links = [sorted((data["rules"][d[2]][0], d[7]) for d in doc["d"]) for doc in data["docs"]]
    assert links == [[], [], [("DUP001", "doc-2-L3"), ("DUP003", "doc-1")], [("DUP003", "doc-1")]]
    assert data["docs"][3]["d"][0][3] == f"Exact duplicate of {original}"


def test_report_without_kept_text_lists_diagnostics(tmp_path):
    (tmp_path / "a.txt").write_text("Share this article\n\nThe council approved the budget.\n", encoding="utf-8")
    report = lint_paths([str(tmp_path / "a.txt")], select(all_rules(), select=["CHR"]), Config(), Options())
    data = report_data(report_html(report))
    assert data["docs"] == [{"l": str(tmp_path / "a.txt"), "t": None, "x": [],
                             "d": [[0, 18, 0, data["docs"][0]["d"][0][3], 1, 1, 0, None]]}]


def test_many_documents_generate_quickly(tmp_path):
    many = tmp_path / "many.jsonl"
    many.write_text("".join(json.dumps({"id": f"r{n}", "text": f"Share this article\n\nStory {n} of the day."}) + "\n"
                            for n in range(2000)), encoding="utf-8")
    report = lint_paths([str(many)], select(all_rules(), select=["CHR105"]), Config(), Options(keep_text=True))
    started = time.perf_counter()
    page = report_html(report)
    assert time.perf_counter() - started < 2.0
    assert len(report_data(page)["docs"]) == 2000


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("category", sorted(CATEGORY_STYLES))
def test_category_colours_have_aa_contrast(category):
    style = CATEGORY_STYLES[category]
    assert contrast(TEXT_COLOUR, style.background) >= 4.5  # text on its highlight
    assert contrast("#1f2937", style.background) >= 4.5  # struck-through text (`del` in report.css)
    assert contrast("#ffffff", style.accent) >= 4.5  # the badge
    assert contrast(style.accent, "#ffffff") >= 3.0  # bars and underlines on white (non-text contrast)


# -- in Chromium ----------------------------------------------------------------------
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if IN_CI:
            pytest.fail("CI=true but Chromium is missing: .ci/run installs Debian's `chromium` package")
        pytest.skip("Chromium not found (install Debian's `chromium` package) - the browser tests need it")
    return found


class Browser:
    """Headless Chromium, one fresh profile per page load."""

    def __init__(self, executable: str, folder: Path):
        self.executable, self.folder, self.loads = executable, folder, 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        self.loads += 1
        profile = self.folder / f"profile-{self.loads}"
        command = [self.executable, *CHROMIUM_FLAGS, *ONE_SHOT_FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def dom(self, page: Path, fragment: str = ""):
        done = self._run("--dump-dom", page.as_uri() + fragment)
        assert done.returncode == 0, done.stderr[-2000:]
        errors = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
        assert not errors, errors  # no script error, no refused fetch
        return lxml.html.fromstring(done.stdout)

    def screenshot(self, page: Path, picture: Path) -> None:
        done = self._run(f"--screenshot={picture}", "--window-size=1280,2000", "--hide-scrollbars", page.as_uri())
        assert done.returncode == 0 and picture.is_file(), done.stderr[-2000:]


class DevTools:
    """A page in headless Chromium driven over the DevTools protocol on a
    pipe (`--remote-debugging-pipe`: commands on fd 3, replies on fd 4, each
    a JSON message ended by NUL), to press keys, move the mouse and click."""

    def __init__(self, executable: str, profile: Path):
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def on_fds_3_and_4():
            read, write = os.dup(commands_read), os.dup(replies_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "--window-size=1280,900", "about:blank"],
            pass_fds=(3, 4), preexec_fn=on_fds_3_and_4, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(replies_write)
        self._buffer, self._last_id, self.events = b"", 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last_id:
                assert "error" not in reply, reply
                return reply["result"]
            self.events.append(reply)

    def _read(self, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = io_select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, "Chromium did not answer"
            chunk = os.read(self._replies, 1 << 16)
            assert chunk, "Chromium exited"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, page: Path) -> None:
        self.send("Page.navigate", session=True, url=page.as_uri())
        while not any(event.get("method") == "Page.loadEventFired" for event in self.events):
            self.events.append(self._read())

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", session=True, type=kind, key=key,
                      **({"text": key} if kind == "keyDown" and len(key) == 1 else {}))

    def hover(self, selector: str) -> None:
        box = self.js(f"(m => (m.scrollIntoView({{block: 'center'}}), (b => [b.x + 2, b.y + b.height / 2])"
                      f"(m.getBoundingClientRect())))(document.querySelector({json.dumps(selector)}))")
        self.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=box[0], y=box[1])

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._commands)
        os.close(self._replies)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Browser:
    return Browser(chromium(), tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def seeds_report(seeds_html, browser):
    page = seeds_html[0]
    expected = json.loads(cli("--format", "json", str(SEEDS)).stdout)
    return page, browser.dom(page), expected


def marks_of(section) -> dict[str, list]:
    """The <mark> pieces of each diagnostic of a section, in text order."""
    pieces: dict[str, list] = {}
    for mark in section.xpath('.//div[@class="text"]//mark'):
        pieces.setdefault(mark.get("data-d"), []).append(mark)
    return pieces


def test_seeds_highlight_counts_match_json(seeds_report):
    _page, dom, expected = seeds_report
    heads = dom.xpath('//div[@id="doc-list"]//div[@class="text"]//mark[contains(@class, "head")]')
    assert Counter(h.get("data-category") for h in heads) == Counter(d["category"] for d in expected)
    assert len(dom.xpath("//section[@data-drawn]")) == 3


def test_seeds_every_diagnostic_highlighted_in_place(seeds_report):
    _page, dom, expected = seeds_report
    sections = {Path(s.xpath("string(h3/text())")).name: s for s in dom.xpath("//section[@class='doc']")}
    assert sorted(sections) == sorted(path.name for path in SEEDS.glob("*.txt"))
    for diagnostic in expected:
        text = Path(diagnostic["path"]).read_text(encoding="utf-8")
        start = text_offset(text, diagnostic["line"], diagnostic["column"])
        end = text_offset(text, diagnostic["end_line"], diagnostic["end_column"])
        section = sections[Path(diagnostic["path"]).name]
        position = f'{diagnostic["line"]}:{diagnostic["column"]}'
        head = section.xpath(f'.//mark[@data-code="{diagnostic["code"]}"][@data-position="{position}"]')
        assert len(head) == 1, diagnostic
        head = head[0]
        assert head.get("tabindex") == "0" and head.get("aria-describedby") == "tip"
        pieces = marks_of(section)[head.get("data-d")]
        assert "".join(piece.text_content() for piece in pieces) == text[start:end], diagnostic
        if diagnostic["fix"] and all(edit["content"] == "" for edit in diagnostic["fix"]["edits"]):
            # What --fix --unsafe-fixes deletes is struck through.
            assert all(piece.xpath(".//del") for piece in pieces) and "cut" in head.get("class"), diagnostic
    assert dom.get_element_by_id("tip") is not None


def test_seeds_chrome_and_duplicates_struck_and_linked(seeds_report):
    _page, dom, _expected = seeds_report
    struck = {mark.get("data-category") for mark in dom.xpath("//mark[contains(@class, 'cut')][.//del]")}
    assert {"chrome", "duplication"} <= struck
    links = dom.xpath("//a[@class='orig']")
    assert sorted(link.get("href") for link in links) == ["#doc-0-L1", "#doc-1-L3"]
    for link in links:
        assert dom.get_element_by_id(link.get("href")[1:]) is not None


def test_seeds_screenshot(seeds_report, browser, tmp_path):
    page, _dom, _expected = seeds_report
    picture = tmp_path / "report.png"
    browser.screenshot(page, picture)
    header = picture.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
    assert picture.stat().st_size > 50_000  # drawn, not blank


def test_duplicates_link_to_their_originals_in_the_browser(tmp_path, browser):
    records = [{"id": "a (about 90% shared)", "text": ARTICLE},
               {"id": "b", "text": "Title line\n\n" + ARTICLE + "\n\nShare\n\n" + ARTICLE}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page = tmp_path / "report.html"
    cli("--format", "html", "--select", "DUP", "-o", str(page), str(tmp_path / "c.jsonl"))
    dom = browser.dom(page)
    links = [(link.get("href"), link.get("aria-label")) for link in dom.xpath("//a[@class='orig']")]
    assert links == [("#doc-0", f"Go to the original, {tmp_path / 'c.jsonl'} record a (about 90% shared)"),
                     ("#doc-1-L3", "Go to the original, line 3")]
    # Line 3 of the record's text is where the original starts (DUP003 highlights the whole text).
    assert dom.get_element_by_id("doc-1-L3").getnext().text_content() == ARTICLE + "\n"


def test_hostile_text_stays_text_in_the_browser(tmp_path, browser):
    (tmp_path / "a<b>.txt").write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "report.html"
    cli("--format", "html", "-o", str(page), str(tmp_path / "a<b>.txt"))
    dom = browser.dom(page)
    assert dom.body.get("id") is None and not dom.xpath("//*[@id='pwned']")
    text = dom.xpath("//section[@id='doc-0']//div[@class='text']")[0]
    assert text.text_content() == HOSTILE
    assert len(dom.xpath("//script")) == 2


def test_many_documents_render_lazily(tmp_path, browser):
    many = tmp_path / "many.jsonl"
    many.write_text("".join(json.dumps({"id": f"r{n}", "text": f"Share this article\n\nStory {n} of the day."}) + "\n"
                            for n in range(2000)), encoding="utf-8")
    page = tmp_path / "report.html"
    cli("--format", "html", "--select", "CHR105", "-o", str(page), str(many))
    dom = browser.dom(page)
    assert len(dom.xpath("//section[@class='doc']")) == PAGE_SIZE
    assert len(dom.xpath("//section[@data-drawn]")) < PAGE_SIZE  # far sections wait for the scroll
    assert "Page 1 of 40" in dom.xpath("string(//nav[@class='pager'])")
    # A link to a document on another page turns the page and draws it.
    dom = browser.dom(page, "#doc-1500-L3")
    assert dom.get_element_by_id("doc-1500-L3").get("class") == "ln flash"
    assert "Page 31 of 40" in dom.xpath("string(//nav[@class='pager'])")


@pytest.fixture(scope="module")
def seeds_page(seeds_report, browser):
    """The seeds report open in a page that the tests drive."""
    page, _dom, _expected = seeds_report
    tools = DevTools(browser.executable, browser.folder / "devtools")
    try:
        tools.open(page)
        yield tools
    finally:
        tools.close()


def test_seeds_keyboard_reaches_diagnostics_and_shows_their_message(seeds_page):
    # The document with the most diagnostics comes first: 002, whose first is its breadcrumb.
    seeds_page.key("n")
    assert seeds_page.js("document.activeElement.id") == "doc-1-m0"
    seeds_page.key("n")
    assert seeds_page.js("document.activeElement.getAttribute('data-code')") == "CON001"
    assert not seeds_page.js("document.getElementById('tip').hidden")
    assert seeds_page.js("document.getElementById('tip').textContent") == (
        "CON001 inconsistent-name-spelling (consistency, line 3:56)"
        "`Zelensky` is spelled `Zelenskyy` elsewhere in this document (9 times)")
    seeds_page.key("Escape")
    assert seeds_page.js("document.getElementById('tip').hidden")
    seeds_page.key("j")  # the next document
    assert seeds_page.js("document.activeElement.id") == "doc-2-h"
    seeds_page.key("p")  # the diagnostic before it: the last of 002, an ad-blocker notice
    assert seeds_page.js("document.activeElement.getAttribute('data-position')") == "139:1"
    assert "Struck through" in seeds_page.js("document.getElementById('tip').textContent")


def test_seeds_hover_shows_code_and_message(seeds_page):
    seeds_page.hover("mark.head[data-code='TRN001']")
    assert seeds_page.js("document.getElementById('tip').textContent") == (
        "TRN001 truncated-ending (truncation, line 129:1)Truncated text: it stops mid-sentence at `,`")


def test_seeds_filters_by_category_and_rule(seeds_page):
    def click_filter(kind: str, label: str) -> None:
        seeds_page.js(f"[...document.querySelectorAll('input[data-{kind}]')]"
                      f".find(box => box.parentNode.textContent.includes('{label}')).click()")

    count = "document.querySelectorAll('div.text mark.head[data-category=\"casing\"]').length"
    assert seeds_page.js(count) == 20
    click_filter("category", "casing")
    assert seeds_page.js(count) == 0
    assert seeds_page.js("document.querySelectorAll('div.text mark.head').length") == 31
    click_filter("category", "casing")
    click_filter("rule", "CAS002")
    assert seeds_page.js(count) == 16
    assert seeds_page.js("document.getElementById('status').textContent") == "3 of 3 documents, 47 diagnostics shown."


def test_seeds_page_fetches_nothing_and_raises_nothing(seeds_page):
    requested = [e["params"]["request"]["url"] for e in seeds_page.events
                 if e.get("method") == "Network.requestWillBeSent"]
    assert requested and all(url.startswith("file:") for url in requested), requested
    problems = [e for e in seeds_page.events if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")]
    assert not problems
