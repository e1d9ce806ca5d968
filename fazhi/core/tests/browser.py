"""Debian's Chromium as this machine can run it (Playwright's own download does not work here)."""

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


# --- what the browser tests of every app share ---------------------------------------------

PASSWORD = "fazhi-demo"  # the demo accounts'


def watched_tab(context):
    """A new tab that keeps the page's console errors and uncaught exceptions in `errors`."""
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    return tab


def log_in(tab, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form and land on the home page."""
    from playwright.sync_api import expect

    tab.goto(f"{base}/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    expect(tab).to_have_url(f"{base}/home/")


def step(tab, key: str, label: str, **fields) -> None:
    """Fill the form of procedure step `key` on a record page, submit it, see it done."""
    from playwright.sync_api import expect

    form = tab.locator(f"#step-{key}")
    for field_label, value in fields.items():
        form.get_by_label(field_label, exact=True).fill(value)
    form.get_by_role("button", name=label).click()
    expect(tab.get_by_role("status").first).to_contain_text(f"已{label}")
