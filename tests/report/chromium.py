"""Open a report in headless Chromium (Debian's chromium and chromium-driver, via Selenium).

Used by tests/report/test_browser.py and benchmarks/bench_report.py (kept out of kg/: selenium
is a dev dependency).
:func:`find_chromium` says whether the browser and its driver are installed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["CHROMIUM_FLAGS", "find_chromium", "headless_chromium"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def find_chromium() -> tuple[str, str] | None:
    """(browser, driver) paths when both are installed and selenium imports, else None."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None
    return (browser, driver) if browser and driver else None


@contextmanager
def headless_chromium(width: int = 1280, height: int = 1000) -> Iterator[object]:
    """A Selenium Chrome driver on a fresh profile, with the browser's console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_chromium()
    if found is None:
        raise RuntimeError("chromium, chromedriver or selenium is missing")
    browser, driver_path = found
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in (
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
        ):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(driver_path))
        try:
            yield driver
        finally:
            driver.quit()


def file_url(path: Path) -> str:
    return Path(path).resolve().as_uri()
