from conftest import user_of


def test_login_page_sends_a_strict_csp(client, db):
    r = client.get("/accounts/login/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Frame-Options"] == "DENY"


def test_login_with_demo_style_password_works(client, world):
    r = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert r.status_code == 302 and r.headers["Location"] == "/"


def test_login_is_throttled_after_repeated_failures(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    r = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session


def test_pages_require_login(client, world):
    r = client.get("/organizations/")
    assert r.status_code == 302 and r.headers["Location"].startswith("/accounts/login/")


def test_language_choice_is_saved_for_the_user(client, world):
    client.force_login(user_of(world, "alice"))
    r = client.post("/language/", {"language": "en", "next": "/account/"})
    assert r.status_code == 302 and r.headers["Location"] == "/account/"
    alice = user_of(world, "alice")
    alice.refresh_from_db()
    assert alice.language == "en"
    assert client.get("/account/").headers["Content-Language"] == "en"


def test_language_switch_refuses_foreign_redirect(client, world):
    r = client.post("/language/", {"language": "kk", "next": "https://evil.example/"})
    assert r.headers["Location"] == "/"


def test_default_language_is_mongolian(client, world):
    client.force_login(user_of(world, "alice"))
    assert client.get("/account/").headers["Content-Language"] == "mn"


def test_password_reset_sends_mail(client, world, mailoutbox):
    alice = world.people["alice"]
    alice.user.email = "alice@example.mn"
    alice.user.save()
    client.post("/accounts/reset/", {"email": "alice@example.mn"})
    assert len(mailoutbox) == 1 and "/accounts/reset/" in mailoutbox[0].body


def test_api_token_is_shown_once_and_stored_hashed(client, world):
    from urdun.organizations.models import ApiToken

    client.force_login(user_of(world, "alice"))
    client.post("/account/tokens/", {"name": "ERP", "scope": "read"})
    page = client.get("/account/").content.decode()
    token = ApiToken.objects.get(user=user_of(world, "alice"))
    assert "urd_" in page
    assert "urd_" not in client.get("/account/").content.decode()
    assert len(token.key_hash) == 64
