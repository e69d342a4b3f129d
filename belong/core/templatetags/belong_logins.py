"""Template tags for the logins through others offered on a page."""

from django import template

register = template.Library()

# Providers (by class id) offered on the login page only: the staff login with the
# municipality's identity provider signs in no one new, and is no account to connect.
LOGIN_PAGE_ONLY = {"saml"}


@register.filter
def offered_here(providers, request) -> list:
    """`{% get_providers as all %}{% with providers=all|offered_here:request %}`: the
    providers this page offers."""
    match = getattr(request, "resolver_match", None)
    on_login_page = match is not None and match.url_name == "account_login"
    return [
        provider for provider in providers if on_login_page or provider.id not in LOGIN_PAGE_ONLY
    ]
