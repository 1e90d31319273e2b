package io.jlvs.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's few static files, read from its own jar once at start. A request names one of them
 * exactly; nothing in a request ever becomes a file system or class path lookup, so no path can
 * reach another file.
 */
final class StaticAssets {
    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> assets = Map.of(
            "console.css", load("console.css", "text/css; charset=utf-8"),
            "console.js", load("console.js", "text/javascript; charset=utf-8"));

    void serve(Context ctx) {
        Asset a = assets.get(ctx.pathParam("name"));
        if (a == null) {
            WebSecurity.refuse(ctx, HttpStatus.NOT_FOUND, "no such file");
            return;
        }
        ctx.contentType(a.contentType()).result(a.bytes());
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static/" + name + " is missing from the console's jar");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
