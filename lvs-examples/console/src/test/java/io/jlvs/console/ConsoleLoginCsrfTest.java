package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Login CSRF: a login counts only with a form this console handed out (its one-use token, matched by the
 * form's SameSite=Strict cookie) and not from a page of another site; a refused form is not a failed
 * password (the rate limit does not count it).
 */
class ConsoleLoginCsrfTest extends ConsoleTest {

    private HttpResponse<String> login(ConsoleFixture.LoginForm form, String token, Map<String, String> headers) throws Exception {
        return console.post("/login", form == null ? null : form.cookie(),
                Map.of("user", "olga", "password", ConsoleFixture.PASSWORD, "csrf", token), headers);
    }

    private void refused(HttpResponse<String> r, String what) {
        assertEquals(403, r.statusCode(), what + ": " + r.body());
        assertTrue(ConsoleLoginTest.noSession(r), what + ": " + r.headers().map());
        assertTrue(r.body().contains("did not come from this console"), what + ": " + r.body());
    }

    @Test
    void aLoginWithoutTheFormsTokenOrCookieIsRefused() throws Exception {
        ConsoleFixture.LoginForm form = console.loginForm();
        refused(console.post("/login", form.cookie(), Map.of("user", "olga", "password", ConsoleFixture.PASSWORD)), "no token");
        refused(login(null, console.loginForm().token(), Map.of()), "no cookie (a cross-site POST carries no Strict cookie)");
        refused(login(form, "forged", Map.of()), "a token the console never issued");
    }

    @Test
    void aTokenWithAnotherFormsCookieIsRefused() throws Exception {
        ConsoleFixture.LoginForm mine = console.loginForm();
        ConsoleFixture.LoginForm attackers = console.loginForm();
        refused(login(mine, attackers.token(), Map.of()), "the attacker's token with the victim's cookie");
    }

    @Test
    void aTokenServesOnceAndExpires() throws Exception {
        ConsoleFixture.LoginForm form = console.loginForm();
        assertEquals(303, login(form, form.token(), Map.of()).statusCode());
        refused(login(form, form.token(), Map.of()), "the same form again");
        ConsoleFixture.LoginForm old = console.loginForm();
        console.ticker.advance(LoginRoutes.FORM_LIFETIME.plusSeconds(1));
        refused(login(old, old.token(), Map.of()), "a form older than its lifetime");
    }

    @Test
    void aBrowserThatSaysThePostComesFromAnotherSiteIsRefused() throws Exception {
        for (Map<String, String> headers : java.util.List.of(Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "https://evil.example"))) {
            ConsoleFixture.LoginForm form = console.loginForm();
            refused(login(form, form.token(), headers), headers.toString());
        }
        ConsoleFixture.LoginForm form = console.loginForm();
        assertEquals(303, login(form, form.token(), Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null")).statusCode(),
                "a same-origin form under Referrer-Policy no-referrer sends Origin: null");
    }

    @Test
    void refusedFormsAreNotCountedAsWrongPasswords() throws Exception {
        ConsoleFixture.LoginForm form = console.loginForm();
        for (int i = 0; i < LoginLimiter.MAX_FAILURES + 2; i++) {
            refused(login(form, "forged" + i, Map.of()), "forged " + i);
        }
        assertEquals(303, console.login("olga", ConsoleFixture.PASSWORD).statusCode(), "not rate limited by forged forms");
    }

    @Test
    void aChangePostedFromAnotherSiteIsRefusedEvenWithTheToken() throws Exception {
        String cookie = console.session("olga");
        HttpResponse<String> r = console.post("/servers/weight", cookie, Map.of("service", "web", "server", "rs1", "weight", "7",
                "csrf", console.csrf(cookie)), Map.of("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(console.director.calls().isEmpty());
    }
}
