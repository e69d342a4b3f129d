"""Messaging speed: messages stored per second through `send_message` (the service the pages
use), and the time from send to receipt on 500 open WebSocket connections served by granian
(the production ASGI server) with the Redis channel layer.

    python bench/messaging.py [--clients 500] [--servers 2] [--rounds 4] [--rate 200]
                              [--sends 1000] [--redis-url redis://127.0.0.1:6379/3]

The clients are spread over --servers app servers (each its own granian process), so the two
people of a conversation are on different servers and every push crosses the Redis channel
layer, as behind a load balancer.

It uses its own SQLite database under var/bench-messaging (recreated each run) and prints
`name: value unit` lines. Redis must run; nothing else is needed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench-messaging"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(clients: int):
    """Citizens in pairs, one conversation per pair, and a logged-in session for each."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from belong.accounts.models import User
    from belong.messaging.models import Conversation

    call_command("migrate", interactive=False, verbosity=0)
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"bench{n}@bench.belong.dk", display_name=f"Bench {n}", password=unusable)
            for n in range(clients)
        ]
    )
    users = list(User.objects.order_by("pk"))
    conversations = Conversation.objects.bulk_create(
        [
            Conversation(starter=users[n], recipient=users[n + 1], post_title="Bench")
            for n in range(0, clients - 1, 2)
        ]
    )
    conversations = list(Conversation.objects.select_related("starter", "recipient").order_by("pk"))
    sessions = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    # Each client watches the conversation it takes part in.
    watchers = [(conversations[n // 2], users[n], sessions[n]) for n in range(len(users))]
    return conversations, watchers


def start_server(port: int, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "belong", "serve", "--skip-checks", "--interface", "asgi"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("granian did not start")


async def run_clients(ports, watchers, expected, received, ready, done):
    import websockets

    async def client(port, conversation, session_key):
        url = f"ws://127.0.0.1:{port}/ws/beskeder/{conversation.pk}/"
        headers = {"Cookie": f"sessionid={session_key}"}
        async with websockets.connect(
            url, additional_headers=headers, origin=f"http://127.0.0.1:{port}", open_timeout=60
        ) as ws:
            ready.append(1)
            while len(received) < expected:
                try:
                    raw = await asyncio.wait_for(ws.recv(), timeout=1)
                except TimeoutError:
                    if done.is_set():
                        return
                    continue
                received.append((json.loads(raw)["id"], time.perf_counter()))

    # Open the connections in batches, as a crowd of pages would.
    tasks = []
    for start in range(0, len(watchers), 50):
        for number, (conversation, _user, session) in enumerate(
            watchers[start : start + 50], start=start
        ):
            port = ports[number % len(ports)]
            tasks.append(asyncio.create_task(client(port, conversation, session)))
        await asyncio.sleep(0.2)
    await asyncio.gather(*tasks, return_exceptions=False)


def send_rounds(conversations, rounds, rate, sent_at, ready, clients, done):
    from django.db import close_old_connections

    from belong.messaging.services import send_message

    while len(ready) < clients:
        time.sleep(0.05)
    time.sleep(0.5)
    gap = 1 / rate
    next_at = time.perf_counter()
    for n in range(rounds):
        for conversation in conversations:
            next_at += gap
            pause = next_at - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            started = time.perf_counter()
            # The two take turns, as Belong asks ("now it is their turn" after two in a row).
            message = send_message(
                sender=conversation.starter if n % 2 == 0 else conversation.recipient,
                conversation=conversation,
                body=f"Hej nr. {n}",
                client_token=uuid.uuid4().hex,
            )
            sent_at[message.pk] = started
    close_old_connections()
    time.sleep(3)
    done.set()


def service_throughput(sends: int) -> float:
    from belong.messaging.models import Conversation
    from belong.messaging.services import send_message

    conversations = list(Conversation.objects.select_related("starter", "recipient")[:50])
    started = time.perf_counter()
    for n in range(sends):
        conversation = conversations[n % len(conversations)]
        turn = (n // len(conversations)) % 2
        send_message(
            sender=conversation.recipient if turn == 0 else conversation.starter,
            conversation=conversation,
            body="Tak for din besked!",
            client_token=uuid.uuid4().hex,
        )
    return sends / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--servers", type=int, default=2, help="app servers (granian)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--rate", type=float, default=200, help="messages sent per second")
    parser.add_argument("--sends", type=int, default=1000)
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"
    )
    args = parser.parse_args(argv)

    shutil.rmtree(DATA_DIR, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        BELONG_DATA_DIR=str(DATA_DIR),
        REDIS_URL=args.redis_url,
        CHANNELS_PREFIX=f"bench-{uuid.uuid4().hex[:8]}",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        LOG_LEVEL="ERROR",
        # The local server speaks plain HTTP and ws://, with no TLS proxy in front.
        BELONG_ALLOW_PLAIN_HTTP="true",
        # The benchmark sends far faster than any person may; it measures the service.
        BELONG_LIMIT_MESSAGE="",
        BELONG_LIMIT_FIRST_CONTACT="",
        BELONG_LIMIT_FIRST_CONTACT_NEW="",
    )
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    conversations, watchers = prepare(args.clients)
    print(f"clients: {len(watchers)} websockets")
    print(f"conversations: {len(conversations)} conversations")
    print(f"messages_sent_per_s: {service_throughput(args.sends):.0f} msg/s")

    ports: list[int] = []
    servers: list[subprocess.Popen] = []
    for _ in range(max(1, args.servers)):
        ports.append(free_port())
        servers.append(start_server(ports[-1], {**os.environ}))
    print(f"servers: {len(servers)} app servers")
    try:
        sent_at: dict[int, float] = {}
        received: list[tuple[int, float]] = []
        ready: list[int] = []
        done = threading.Event()
        expected = 2 * len(conversations) * args.rounds
        sender = threading.Thread(
            target=send_rounds,
            args=(conversations, args.rounds, args.rate, sent_at, ready, len(watchers), done),
        )
        sender.start()
        asyncio.run(run_clients(ports, watchers, expected, received, ready, done))
        done.set()
        sender.join()
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)
    latencies = [(at - sent_at[pk]) * 1000 for pk, at in received if pk in sent_at]
    print(f"ws_send_rate: {args.rate:.0f} msg/s")
    print(f"ws_deliveries: {len(latencies)} of {expected} receipts")
    print(f"ws_delivery_p50_ms: {percentile(latencies, 0.50):.1f} ms")
    print(f"ws_delivery_p99_ms: {percentile(latencies, 0.99):.1f} ms")
    print(f"ws_delivery_max_ms: {max(latencies):.1f} ms")


if __name__ == "__main__":
    main()
