"""Page weight and Lighthouse scores of the main pages, as an old phone on a slow line sees them.

    python bench/pages.py [--runs 1]

Starts `belong demo` (its own SQLite database under var/bench-pages, static files collected
and compressed, as the demo always does) on a free port, then in headless Debian chromium
measures for the front page, search results, a post, the inbox and an activity (signed in as
the demo citizen borger@demo.belong.dk), Aalborg's own page (not signed in, as citizens
arrive from the municipality's website), and Aalborg's statistics dashboard (signed in as an
analyst with a second factor, after the figures of the last 12 months are rolled up):

- <page>_transfer_kb: bytes transferred on a cold load (empty cache, compressed as served),
- <page>_js_kb: of which JavaScript,
- <page>_lighthouse_performance / _accessibility: Lighthouse 12, mobile (its default), run
  with npm's lighthouse from bench/node_modules (installed from bench/package-lock.json on
  the first run with `npm ci`).

Targets: under 60 KB transferred (the dashboard, with its charts: under 40 KB), under 20 KB
JavaScript, performance at least 95 and accessibility 100. Needs /usr/bin/chromium and
node/npm; nothing from the network at run time once bench/node_modules is there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA_DIR = ROOT / "var" / "bench-pages"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
EMAIL = "borger@demo.belong.dk"
PASSWORD = "belong-demo-2026"  # noqa: S105  (the demo's printed password, belong/demo)

# Everything the page fetched, from the browser's own resource timing.
WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const isJs = r => r.initiatorType === 'script' || /\\.m?js(\\?|$)/.test(r.name);
  const sum = list => list.reduce((total, r) => total + r.transferSize, 0);
  return {total: nav.transferSize + sum(resources), js: sum(resources.filter(isJs))};
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_demo(port: int) -> subprocess.Popen:
    env = {**os.environ, "BELONG_DATA_DIR": str(DATA_DIR)}
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    log = open(DATA_DIR / "demo.log", "w")  # noqa: SIM115  (closed with the process)
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "belong", "demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"belong demo stopped; see {DATA_DIR / 'demo.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit("belong demo did not start within 5 minutes")


def stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed once to install Lighthouse into bench/node_modules")
    # Exactly the locked versions. Lighthouse's trace engine asks for "latest" of two
    # packages, which broke `npm ci` once a newer one was out; package.json pins them.
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)  # noqa: S603


def sign_in(browser, base: str) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    cookie = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    context.close()
    return cookie


def analyst_session() -> tuple[str, int]:
    """A session of an analyst of Aalborg who signed in with a second factor, written to the
    demo's database (the server reads sessions from it), and Aalborg's id. The figures of the
    last 12 months are rolled up first, as the nightly task would have by now."""
    import time as clock_time

    import django

    os.environ["BELONG_DATA_DIR"] = str(DATA_DIR)
    django.setup()
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from belong.accounts.models import User
    from belong.municipalities.models import StaffRole
    from belong.municipalities.services import grant_role
    from belong.places.models import Municipality
    from belong.statistics.rollup import roll_up

    aalborg = Municipality.objects.get(code=851)
    analyst, _created = User.objects.get_or_create(
        email="analytiker@bench.belong.dk",
        defaults={"display_name": "Analytiker", "is_staff": True},
    )
    if not StaffRole.objects.filter(user=analyst, municipality=aalborg, role="analyst").exists():
        grant_role(granted_by=None, user=analyst, municipality=aalborg, role="analyst")
    if not Authenticator.objects.filter(user=analyst).exists():
        TOTP.activate(analyst, generate_totp_secret())
    roll_up(months_back=12)
    store = SessionStore()
    store[SESSION_KEY] = str(analyst.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = analyst.get_session_auth_hash()
    now = clock_time.time()
    store[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": analyst.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    store["account_authentication_methods_user"] = str(analyst.pk)
    store.create()
    return store.session_key or "", aalborg.pk


def find_post(browser, base: str, session: str) -> str:
    return first_link(browser, base, session, "/opslag/?where=country", r"/opslag/\d+/$")


def find_activity(browser, base: str, session: str) -> str:
    return first_link(browser, base, session, "/aktiviteter/", r"/aktiviteter/\d+/$")


def first_link(browser, base: str, session: str, listing: str, pattern: str) -> str:
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    page.goto(f"{base}{listing}")
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
    context.close()
    return next(h for h in hrefs if re.search(pattern, h))


def weigh(browser, url: str, session: str | None, base: str) -> dict:
    context = browser.new_context()  # a cold cache every time
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if "/accounts/login/" in page.url:
        raise SystemExit(f"{url} asked for a login: the session did not work")
    weight = page.evaluate(WEIGHT)
    context.close()
    return weight


def lighthouse(url: str, session: str | None) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if session:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={session}"}))
    result = subprocess.run(  # noqa: S603
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": CHROME},
        timeout=240,
    )
    report = json.loads(result.stdout)
    if "/accounts/login/" in report.get("finalDisplayedUrl", ""):
        raise SystemExit(f"Lighthouse was sent to the login page from {url}")
    return {
        name: round(category["score"] * 100)
        for name, category in report["categories"].items()
        if category["score"] is not None
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    from playwright.sync_api import sync_playwright

    ensure_lighthouse()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_demo(port)
    try:
        # The database before the browser: Playwright's sync API runs an event loop in this
        # thread, and Django refuses database calls from one.
        staff_session, aalborg = analyst_session()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"]
            )
            session = sign_in(browser, base)
            pages = {
                "front": (f"{base}/", None),
                "search": (f"{base}/opslag/?q=g%C3%A5tur&where=country", session),
                "post": (find_post(browser, base, session), session),
                "inbox": (f"{base}/beskeder/", session),
                "activity": (find_activity(browser, base, session), session),
                "municipality": (f"{base}/kommune/aalborg/", None),
                "dashboard": (f"{base}/personale/kommuner/{aalborg}/statistik/", staff_session),
            }
            weights = {name: weigh(browser, url, s, base) for name, (url, s) in pages.items()}
            browser.close()
        for name, (url, page_session) in pages.items():
            runs = [lighthouse(url, page_session) for _ in range(args.runs)]
            weight = weights[name]
            print(f"{name}_transfer_kb: {weight['total'] / 1024:.1f} KB")
            print(f"{name}_js_kb: {weight['js'] / 1024:.1f} KB")
            for category in ("performance", "accessibility"):
                scores = sorted(run.get(category, 0) for run in runs)
                print(f"{name}_lighthouse_{category}: {scores[len(scores) // 2]} score")
            sys.stdout.flush()
    finally:
        stop(server)


if __name__ == "__main__":
    main()
