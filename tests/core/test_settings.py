import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "belong.example.dk",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_COOKIES": "true",
}


def check_deploy(tmp_path, **overrides):
    skip = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(PRODUCTION)
    env.update(overrides)
    env["BELONG_DATA_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "belong", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_settings(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_default_secret_key(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "belong.E001" in result.stdout + result.stderr


def test_debug_is_off_unless_asked_for():
    from django.conf import settings

    assert settings.DEBUG is False


MINIMAL_PRODUCTION = {k: PRODUCTION[k] for k in ("SECRET_KEY", "ALLOWED_HOSTS")}


def check_deploy_with_only(tmp_path, values):
    skip = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "BELONG_ALLOW_PLAIN_HTTP"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(values, BELONG_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "-m", "belong", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_only_the_secret_key_and_hosts_set(tmp_path):
    """HSTS, the SSL redirect and secure cookies are production's defaults."""
    result = check_deploy_with_only(tmp_path, MINIMAL_PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_plain_http_is_an_explicit_opt_out(tmp_path):
    result = check_deploy_with_only(
        tmp_path, {**MINIMAL_PRODUCTION, "BELONG_ALLOW_PLAIN_HTTP": "true"}
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output


@pytest.mark.parametrize("key", ["abc", "x" * 60, "short-but-random-Q9z"])
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    result = check_deploy_with_only(tmp_path, {**MINIMAL_PRODUCTION, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "belong.E003" in result.stdout + result.stderr


def test_production_refuses_any_host(tmp_path):
    result = check_deploy_with_only(tmp_path, {**MINIMAL_PRODUCTION, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "belong.E004" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "check"),
    [("SECRET_KEY", "abc", "belong.E003"), ("ALLOWED_HOSTS", "*", "belong.E004")],
)
def test_serve_refuses_a_weak_key_and_any_host(tmp_path, variable, value, check):
    skip = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(MINIMAL_PRODUCTION, BELONG_DATA_DIR=str(tmp_path))
    env[variable] = value
    result = subprocess.run(
        [sys.executable, "-m", "belong", "serve", "--port", "9"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert check in result.stdout + result.stderr
