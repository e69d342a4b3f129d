"""Load: simulated citizens against `belong serve` on PostgreSQL and Redis, with locust.

    python bench/load.py [--users 200] [--duration 180] [--spawn-rate 5] [--posts 3000]
                         [--cluster var/cluster/env]

Each citizen signs in with a password, keeps a WebSocket open on one of their conversations,
and then, with a pause of 1 to 5 seconds between steps, searches, reads posts, opens the
inbox and the conversation, and writes messages to the other person, whose open socket
says so. The per-citizen limits (search, messages, sign-in) stay in force: each simulated
citizen comes from an address of its own (X-Forwarded-For, trusted from one proxy, as
behind nginx).

The load_* figures are those of --duration seconds with every citizen on, after all have
signed in (locust's --reset-stats). The start, when all of them sign in within a minute
and each sign-in hashes a password on purpose slowly, is reported on its own
(load_rampup_*); its errors count in load_errors too.

Without --cluster it uses PostgreSQL at DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/belong_load, created if missing), starts a Redis of its
own and one `belong serve` (pages over WSGI, WebSockets over ASGI, 2 workers) with a bare
Django view beside the pages. With --cluster it targets scripts/cluster's nginx (start that
with CLUSTER_TRUSTED_PROXIES=2: the benchmark poses as one more proxy in front of nginx).

Afterwards it measures, for a few seconds each with 8 connections, the search page (signed
in) and the bare view behind the same server: `page_rps_ratio` is their ratio.
Prints `name: value unit` lines.
"""

from __future__ import annotations

# locust patches the standard library for gevent; it must come first.
from locust import FastHttpUser, between, events, task  # isort: skip

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlencode

import gevent
import websocket
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "belong-load-2026"  # noqa: S105 (the simulated citizens' password)
SEARCH_WORDS = ["gåtur", "kaffe", "strik", "fodbold", "brætspil", "løb", "musik", "hund", "sang"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


# --- Data ------------------------------------------------------------------------------------


def prepare(users: int, posts: int, out: str) -> None:
    """Run in a child process (plain threads, no gevent): places, posts, citizens in pairs
    with one conversation per pair. Writes what the simulated citizens need as JSON."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from belong.accounts.models import User
    from belong.messaging.models import Conversation
    from belong.posts.models import Post
    from belong.posts.search import visible_posts

    call_command("migrate", interactive=False, verbosity=0)
    if Post.objects.count() < posts:
        call_command("seed", posts=posts - Post.objects.count(), seed=2026, verbosity=0)
    home = Post.objects.select_related("author").order_by("pk").first().author.postcode
    User.objects.filter(email__endswith="@load.belong.dk").delete()
    password = make_password(PASSWORD)
    created = User.objects.bulk_create(
        [
            User(
                email=f"load{n}@load.belong.dk",
                display_name=f"Borger {n}",
                password=password,
                birth_date=datetime_date(1960 + n % 40),
                postcode=home,
            )
            for n in range(users)
        ]
    )
    created = list(User.objects.filter(email__endswith="@load.belong.dk").order_by("pk"))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created]
    )
    conversations = Conversation.objects.bulk_create(
        [
            Conversation(starter=created[n], recipient=created[n + 1], post_title="Gåtur")
            for n in range(0, len(created) - 1, 2)
        ]
    )
    reader = created[0]
    post_ids = list(visible_posts(reader).values_list("pk", flat=True)[:500])
    citizens = [
        {"email": u.email, "conversation": conversations[n // 2].pk}
        for n, u in enumerate(created[: 2 * len(conversations)])
    ]
    Path(out).write_text(json.dumps({"citizens": citizens, "posts": post_ids}))


def datetime_date(year: int):
    import datetime

    return datetime.date(year, 6, 1)


# --- The simulated citizen -------------------------------------------------------------------

PLAN: dict = {}


def record(name: str, started: float, error: Exception | None = None, kind: str = "WS") -> None:
    events.request.fire(
        request_type=kind,
        name=name,
        response_time=(time.perf_counter() - started) * 1000,
        response_length=0,
        exception=error,
        context={},
    )


class Citizen(FastHttpUser):
    """geventhttpclient's client (locust's FastHttpUser): it takes a fraction of the CPU of
    the requests-based one, and the benchmark shares its machine with the server."""

    wait_time = between(1, 5)

    def on_start(self):
        self.me = PLAN["citizens"].pop()
        # An address of its own, as nginx would pass it on.
        number = len(PLAN["citizens"])
        self.headers = {
            "X-Forwarded-For": f"198.18.{number // 250}.{number % 250 + 1}",
            "Accept-Language": "da",
        }
        self.csrf = ""
        self.socket = None
        self.closing = False
        try:
            self.sign_in()
            gevent.spawn(self.listen)
        finally:
            PLAN["signed_in"] += 1
            if PLAN["signed_in"] == PLAN["users"]:
                PLAN["all_signed_in"]()

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == name), "")

    def get(self, path: str, name: str):
        return self.client.get(path, name=name, headers=self.headers)

    def form(self, fields: dict, **headers) -> dict:
        return {
            "data": urlencode(fields),
            "headers": {
                **self.headers,
                "Content-Type": "application/x-www-form-urlencoded",
                **headers,
            },
        }

    def sign_in(self):
        self.get("/accounts/login/", name="/accounts/login/")
        self.csrf = self.cookie("csrftoken")
        with self.client.post(
            "/accounts/login/",
            **self.form(
                {
                    "login": self.me["email"],
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": self.csrf,
                },
                Referer=self.host + "/accounts/login/",
            ),
            name="/accounts/login/ (sign in)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
        self.csrf = self.cookie("csrftoken") or self.csrf

    def listen(self):
        """The open conversation page's socket: each push is one "something new"."""
        url = f"{PLAN['ws_base']}/ws/beskeder/{self.me['conversation']}/"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.client.cookiejar)
        started = time.perf_counter()
        try:
            self.socket = websocket.create_connection(
                url, cookie=cookie, origin=self.host, timeout=5
            )
        except Exception as error:  # noqa: BLE001 (counted as a failure)
            record("ws connect", started, error)
            return
        record("ws connect", started)
        while True:
            try:
                raw = self.socket.recv()
            except websocket.WebSocketTimeoutException:
                if self.closing or PLAN.get("over"):
                    return
                continue  # a quiet while: the page keeps listening
            except Exception:  # noqa: BLE001 (closed at the end)
                return
            if not raw:
                return
            push = json.loads(raw)
            # From the moment the server published the stored message (its clock is this
            # machine's) to this page hearing of it.
            stored = float(push["sent_at"])
            events.request.fire(
                request_type="WS",
                name="ws delivery",
                response_time=max(0.0, time.time() - stored) * 1000,
                response_length=len(raw),
                exception=None,
                context={},
            )

    def on_stop(self):
        # Not close(): its closing handshake waits for the read lock, which the listening
        # greenlet takes again after every quiet while.
        self.closing = True
        if self.socket is not None:
            self.socket.abort()
            self.socket.shutdown()

    @task(3)
    def search(self):
        word = random.choice(SEARCH_WORDS)
        self.get(f"/opslag/?q={word}", name="/opslag/?q=")

    @task(3)
    def read_post(self):
        self.get(f"/opslag/{random.choice(PLAN['posts'])}/", name="/opslag/<id>/")

    @task(1)
    def inbox(self):
        self.get("/beskeder/", name="/beskeder/")

    @task(2)
    def read_conversation(self):
        self.get(f"/beskeder/{self.me['conversation']}/", name="/beskeder/<id>/")

    @task(2)
    def write(self):
        pk = self.me["conversation"]
        # Belong asks a person to wait after two messages in a row ("now it is their
        # turn"); a citizen who sees that reads the conversation instead.
        mine = PLAN["in_a_row"].setdefault(pk, {})
        if mine.get(self.me["email"], 0) >= 2:
            self.read_conversation()
            return
        token = uuid.uuid4().hex
        with self.client.post(
            f"/beskeder/{pk}/send/",
            **self.form(
                {"body": "Hej! Skal vi gå en tur?", "client_token": token},
                **{"X-CSRFToken": self.csrf, "Referer": f"{self.host}/beskeder/{pk}/"},
            ),
            name="/beskeder/<id>/send/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 400 and 'class="message" role="status"' in response.text:
                # "Now it is their turn": both wrote at once, and the other's message was
                # stored first by the server though answered last here. A person sees the
                # kind note and waits; the page did what it should.
                response.success()
                mine.clear()
                mine[self.me["email"]] = 2
                PLAN["turn_waits"] += 1
                return
            if response.status_code != 302:
                response.failure(f"send answered {response.status_code}")
                return
        count = mine.get(self.me["email"], 0) + 1
        mine.clear()  # this message answers the other person
        mine[self.me["email"]] = count


# --- Running it ------------------------------------------------------------------------------


def run_locust(host: str, users: int, spawn_rate: float, duration: float):
    """Start `users` citizens at `spawn_rate` a second; once every one of them has signed in,
    run for `duration` seconds with all of them on (as locust's --reset-stats, the figures
    are those of the full load). The start (everyone signing in within a minute) comes
    back on its own."""
    environment = Environment(user_classes=[Citizen], events=events, host=host)
    runner = environment.create_local_runner()
    ramp: dict = {}

    def all_signed_in():
        if "seconds" in ramp:
            return
        stats = environment.stats
        sign_in = stats.entries.get(("/accounts/login/ (sign in)", "POST"))
        ramp.update(
            seconds=time.monotonic() - ramp["started"],
            requests=stats.total.num_requests,
            failures=stats.total.num_failures,
            p95=stats.total.get_response_time_percentile(0.95),
            sign_in_p95=sign_in.get_response_time_percentile(0.95) if sign_in else 0,
        )
        stats.reset_all()
        gevent.spawn_later(duration, runner.quit)

    def timed(request_type, name, response_time, **kwargs):
        if "seconds" in ramp and request_type != "WS":
            PLAN["timeline"].append((time.monotonic(), response_time))

    environment.events.request.add_listener(timed)
    PLAN.update(signed_in=0, users=users, all_signed_in=all_signed_in, timeline=[])
    ramp["started"] = time.monotonic()
    # A sign-in that never comes back must not hold the run up for ever.
    gevent.spawn_later(users / spawn_rate + 120, all_signed_in)
    runner.start(users, spawn_rate=spawn_rate)
    runner.greenlet.join()
    PLAN["over"] = True
    return environment.stats, ramp


def closed_loop_rps(host: str, path: str, cookies: dict, seconds: float, clients: int = 8):
    """Requests a second that `clients` connections get, one request after another."""
    from geventhttpclient import URL, HTTPClient

    url = URL(host + path)
    header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    done = [0]
    errors = [0]
    deadline = time.perf_counter() + seconds

    def loop():
        client = HTTPClient.from_url(url, concurrency=1, network_timeout=30)
        while time.perf_counter() < deadline:
            response = client.get(url.request_uri, headers=header)
            response.read()
            if response.status_code == 200:
                done[0] += 1
            else:
                errors[0] += 1
        client.close()

    started = time.perf_counter()
    gevent.joinall([gevent.spawn(loop) for _ in range(clients)])
    return done[0] / (time.perf_counter() - started), errors[0]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "belong",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-collectstatic",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def signed_in_cookies(host: str, email: str) -> dict:
    import requests

    session = requests.Session()
    session.headers["X-Forwarded-For"] = "198.18.255.1"
    session.get(host + "/accounts/login/")
    session.post(
        host + "/accounts/login/",
        data={
            "login": email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken"),
        },
        headers={"Referer": host + "/accounts/login/"},
        allow_redirects=False,
    )
    return session.cookies.get_dict()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=float, default=180, help="seconds (default 180)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="citizens started a second")
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2, help="granian workers (own server)")
    parser.add_argument("--ratio-seconds", type=float, default=8)
    parser.add_argument("--cluster", help="scripts/cluster's env file (var/cluster/env)")
    parser.add_argument("--prepare-into", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.prepare_into:
        prepare(args.users, args.posts, args.prepare_into)
        return

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    started: list[subprocess.Popen] = []
    workdir = Path(tempfile.mkdtemp(prefix="belong-load-"))
    try:
        if args.cluster:
            settings = dict(
                line.split("=", 1)
                for line in Path(args.cluster).read_text().splitlines()
                if "=" in line and not line.startswith("#")
            )
            env.update(settings)
            env["DATABASE_URL"] = settings.get("DATABASE_DIRECT_URL", settings["DATABASE_URL"])
            env["DATABASE_TRANSACTION_POOLING"] = "false"
            host = settings["CLUSTER_URL"]
            ws_base = host.replace("http://", "ws://")
        else:
            database = env.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/belong_load"
            if not database.startswith("postgres"):
                raise SystemExit("bench/load.py needs PostgreSQL: set DATABASE_URL=postgres://...")
            name = database.rsplit("/", 1)[1]
            server_url = database.rsplit("/", 1)[0]
            exists = subprocess.run(  # noqa: S603
                [
                    "psql",
                    f"{server_url}/postgres",
                    "-tAc",  # noqa: S607
                    f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            if not exists:
                subprocess.run(
                    [
                        "psql",
                        f"{server_url}/postgres",
                        "-qc",  # noqa: S603,S607
                        f'CREATE DATABASE "{name}"',
                    ],
                    check=True,
                )
            redis_port = free_port()
            started.append(
                subprocess.Popen(  # noqa: S603
                    [
                        "redis-server",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        str(redis_port),  # noqa: S607
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        str(workdir),
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            port = free_port()
            while True:
                try:
                    with socket.socket() as probe:
                        probe.bind(("127.0.0.1", port + 1))
                    break
                except OSError:
                    port = free_port()
            env.update(
                DATABASE_URL=database,
                REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
                SECRET_KEY=f"load-{uuid.uuid4().hex}{uuid.uuid4().hex}",
                ALLOWED_HOSTS="127.0.0.1,localhost",
                BELONG_DATA_DIR=str(workdir / "data"),
                BELONG_ROOT_URLCONF="bench.bare_urls",
                BELONG_ALLOW_PLAIN_HTTP="true",
                SECURE_SSL_REDIRECT="false",
                SECURE_COOKIES="false",
                TRUSTED_PROXY_COUNT="1",
                LOG_LEVEL="ERROR",
            )
            host = f"http://127.0.0.1:{port}"
            ws_base = f"ws://127.0.0.1:{port + 1}"

        plan_file = workdir / "plan.json"
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                __file__,
                "--prepare-into",
                str(plan_file),
                "--users",
                str(args.users),
                "--posts",
                str(args.posts),
            ],
            env=env,
            check=True,
            cwd=ROOT,
        )
        if not args.cluster:
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "belong", "collectstatic", "--no-input", "-v0"],
                env=env,
                check=True,
                cwd=ROOT,
            )
            started.append(start_server(env, port, args.workers))
        wait_until_up(host + "/healthz")

        plan = json.loads(plan_file.read_text())
        PLAN.update(
            citizens=list(plan["citizens"]),
            posts=plan["posts"],
            turn_waits=0,
            in_a_row={},
            ws_base=ws_base,
        )
        first_email = plan["citizens"][0]["email"]
        stats, ramp = run_locust(
            host, min(args.users, len(plan["citizens"])), args.spawn_rate, args.duration
        )
        total = stats.total
        http = [e for (name, method), e in stats.entries.items() if method != "WS"]
        http_requests = sum(e.num_requests for e in http)
        http_failures = sum(e.num_failures for e in http)
        delivery = stats.entries.get(("ws delivery", "WS"))
        print(f"load_users: {args.users} citizens")
        print(f"load_duration: {args.duration:.0f} s")
        print(f"load_requests: {http_requests} requests")
        print(f"load_errors: {total.num_failures + ramp.get('failures', 0)} errors")
        print(f"load_http_errors: {http_failures} errors")
        # The page requests' times (sign-ins included); the WebSocket pushes on their own.
        from locust.stats import StatsEntry

        requests = StatsEntry(stats, "requests", "", use_response_times_cache=False)
        for entry in http:
            requests.extend(entry)
        print(f"load_p95_ms: {requests.get_response_time_percentile(0.95):.0f} ms")
        print(f"load_p99_ms: {requests.get_response_time_percentile(0.99):.0f} ms")
        # Signing in hashes a password on purpose slowly; the rest of a visit without it.
        browsing = StatsEntry(stats, "browsing", "", use_response_times_cache=False)
        for (name, method), entry in stats.entries.items():
            if "login" not in name and method != "WS":
                browsing.extend(entry)
        print(f"load_browsing_p95_ms: {browsing.get_response_time_percentile(0.95):.0f} ms")
        print(f"load_rps: {http_requests / args.duration:.1f} req/s")
        print(f"load_turn_waits: {PLAN['turn_waits']} sends")
        if delivery and delivery.num_requests:
            print(f"load_ws_deliveries: {delivery.num_requests} pushes")
            print(f"load_ws_delivery_p95_ms: {delivery.get_response_time_percentile(0.95):.0f} ms")
        if ramp.get("seconds"):
            print(f"load_rampup_s: {ramp['seconds']:.0f} s")
            print(f"load_rampup_requests: {ramp['requests']} requests")
            print(f"load_rampup_errors: {ramp['failures']} errors")
            print(f"load_rampup_p95_ms: {ramp['p95']:.0f} ms")
            print(f"load_rampup_sign_in_p95_ms: {ramp['sign_in_p95']:.0f} ms")
        timeline = PLAN["timeline"]
        if timeline:
            first = timeline[0][0]
            buckets: dict[int, list[float]] = {}
            for moment, milliseconds in timeline:
                buckets.setdefault(int((moment - first) // 30), []).append(milliseconds)
            for number, times in sorted(buckets.items()):
                times.sort()
                print(
                    f"# seconds {number * 30}-{number * 30 + 30}: {len(times)} requests, p95"
                    f" {times[int(0.95 * (len(times) - 1))]:.0f} ms, p99"
                    f" {times[int(0.99 * (len(times) - 1))]:.0f} ms"
                )
        for (name, method), entry in sorted(stats.entries.items()):
            print(
                f"# {method} {name}: {entry.num_requests} requests, median"
                f" {entry.median_response_time:.0f} ms, p95"
                f" {entry.get_response_time_percentile(0.95):.0f} ms, p99"
                f" {entry.get_response_time_percentile(0.99):.0f} ms"
            )
            if entry.num_failures:
                print(f"# {method} {name}: {entry.num_failures} of {entry.num_requests} failed")
        for error in list(stats.errors.values())[:5]:
            print(f"# error: {error.method} {error.name}: {error.error} x{error.occurrences}")

        if args.cluster:
            print("# page_rps_ratio: measured with the own server only (no bare view here)")
            return
        # The same server's search page against its bare view, the search limit lifted (one
        # person searching without pause meets it at once: it measures the page here).
        old = started.pop()
        old.terminate()
        old.wait(timeout=30)
        started.append(start_server({**env, "BELONG_LIMIT_SEARCH": ""}, port, args.workers))
        wait_until_up(host + "/healthz")
        cookies = signed_in_cookies(host, first_email)
        search_rps, search_errors = closed_loop_rps(
            host, "/opslag/?q=g%C3%A5tur", cookies, args.ratio_seconds
        )
        bare_rps, bare_errors = closed_loop_rps(host, "/bench/bare/", {}, args.ratio_seconds)
        print(f"search_rps: {search_rps:.0f} req/s")
        print(f"bare_rps: {bare_rps:.0f} req/s")
        print(f"page_rps_ratio: {search_rps / max(bare_rps, 0.001):.3f}")
        if search_errors or bare_errors:
            print(f"# ratio phase errors: search {search_errors}, bare {bare_errors}")
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
