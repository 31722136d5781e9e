from people.tests.permissions import ANON, EXPERT, FOCAL, Case, everyone, signed_in

CASES = [
    # A focal point's home is their invitations to nominate; an expert's is their own portal.
    Case("home", {**signed_in(), ANON: 302, FOCAL: 302, EXPERT: 302}),
    Case("healthz", everyone()),
    Case("login", {**everyone(302), ANON: 200}),  # signed-in users are sent home
    Case("logout", everyone(405)),  # logging out is POST only (CSRF-safe)
    Case("password_change", signed_in()),
    Case("password_change_done", signed_in()),
    Case("set_language", everyone(302), method="post"),
]
