package io.jlvs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logging in and out, and what a request without a session gets. */
class ConsoleLoginTest extends ConsoleTest {

    @Test
    void rightPasswordOpensASessionWithAStrictHttpOnlyCookie() throws Exception {
        HttpResponse<String> r = console.login("olga", ConsoleFixture.PASSWORD);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/", r.headers().firstValue("Location").orElseThrow());
        String cookie = console.sessionCookie(r);
        assertTrue(cookie.startsWith("jlvs-session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.split(";", 2)[0].length() >= "jlvs-session=".length() + 43, "a 256-bit id: " + cookie);

        HttpResponse<String> page = console.get("/", cookie.split(";", 2)[0]);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("olga (operator)"), page.body());
        assertTrue(page.body().contains("10.11.12.11:80"), page.body());
        assertTrue(page.body().contains("200 OK &lt;b&gt;"), "jlvsd's text is escaped: " + page.body());
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() throws Exception {
        HttpResponse<String> r = console.login("olga", "not the password");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Wrong user name or password."), r.body());
        assertTrue(noSession(r), r.headers().map().toString());
        assertEquals(401, console.login("mallory", ConsoleFixture.PASSWORD).statusCode());
    }

    @Test
    void noSessionRedirectsPagesToLoginAndRefusesTheApi() throws Exception {
        HttpResponse<String> page = console.get("/", null);
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
        assertEquals(401, console.get("/api/status", null).statusCode());
        assertEquals(401, console.get("/api/status", "jlvs-session=forged").statusCode());
        assertEquals(401, console.post("/servers/weight", null, Map.of("service", "web", "server", "rs1", "weight", "7", "csrf", "x")).statusCode());
        assertTrue(console.director.calls().isEmpty());
    }

    @Test
    void repeatedWrongPasswordsAreRateLimitedEvenForTheRightOneAfterwards() throws Exception {
        for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
            assertEquals(401, console.login("olga", "guess " + i).statusCode(), "attempt " + (i + 1));
        }
        HttpResponse<String> limited = console.login("olga", ConsoleFixture.PASSWORD);
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertTrue(noSession(limited), limited.headers().map().toString());
        assertTrue(limited.body().contains("Too many failed logins"), limited.body());
    }

    @Test
    void oneAddressCannotSpreadGuessesOverManyUsers() throws Exception {
        for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
            assertEquals(401, console.login("user" + i, "guess").statusCode());
        }
        assertEquals(429, console.login("victor", ConsoleFixture.PASSWORD).statusCode());
    }

    @Test
    void anIdleSessionExpires() throws Exception {
        String cookie = console.session("victor");
        assertEquals(200, console.get("/api/status", cookie).statusCode());
        console.ticker.advance(console.console.config().sessionTimeout().minusSeconds(30));
        assertEquals(200, console.get("/api/status", cookie).statusCode(), "used within its timeout: still open");
        console.ticker.advance(console.console.config().sessionTimeout().plusSeconds(1));
        assertEquals(401, console.get("/api/status", cookie).statusCode(), "idle past its timeout");
        HttpResponse<String> page = console.get("/", cookie);
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
    }

    static boolean noSession(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.contains("-session="));
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String cookie = console.session("victor");
        String csrf = console.csrf(cookie);
        assertEquals(403, console.post("/logout", cookie, Map.of("csrf", "wrong")).statusCode());
        assertEquals(200, console.get("/api/status", cookie).statusCode());
        HttpResponse<String> out = console.post("/logout", cookie, Map.of("csrf", csrf));
        assertEquals(303, out.statusCode());
        assertEquals(401, console.get("/api/status", cookie).statusCode());
        assertFalse(console.get("/", cookie).body().contains("victor"));
    }
}
