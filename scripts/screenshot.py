"""Log in as a demo user and screenshot pages: python scripts/screenshot.py USER PATH OUT.png"""

import sys

from playwright.sync_api import sync_playwright

from fazhi.core.tests.browser import launch


def main(user: str, path: str, out: str, base: str = "http://127.0.0.1:8000") -> None:
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        if user != "-":
            page.goto(base + "/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", "fazhi-demo")
            page.click("button[type=submit]")
        page.goto(base + path)
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
