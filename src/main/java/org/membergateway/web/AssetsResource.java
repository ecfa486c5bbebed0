package org.membergateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pages' static files, served from the jar under a path that names the build, so a browser may
 * keep them for a year and a new build is fetched at once: the GOV.UK Frontend design system (its
 * CSS and the optional script; without the GOV.UK typeface and crest, which are the UK government's
 * own), and the gateway's few additions. Nothing here is generated from a request.
 */
@Path("/assets/{version}/{file}")
public final class AssetsResource {

    public static final String GOVUK_VERSION = "5.14.0";
    private static final String GOVUK = "/META-INF/resources/webjars/govuk-frontend/" + GOVUK_VERSION + "/dist/govuk/";
    /** The typeface and the crest are left out: the stylesheet falls back to Arial and shows no crest. */
    private static final Pattern FONT_FACES = Pattern.compile("@font-face\\{[^}]*}");

    private record Asset(String type, byte[] bytes) {
    }

    private final String version;
    private final Map<String, Asset> assets;

    public AssetsResource() {
        String govukCss = FONT_FACES.matcher(text(GOVUK + "govuk-frontend.min.css")).replaceAll("")
                .replace("url(/assets/images/govuk-crest.svg)", "none");
        this.assets = Map.of(
                "govuk-frontend.min.css", new Asset("text/css; charset=utf-8", govukCss.getBytes(StandardCharsets.UTF_8)),
                "govuk-frontend.min.js", new Asset("text/javascript; charset=utf-8", bytes(GOVUK + "govuk-frontend.min.js")),
                "app.css", new Asset("text/css; charset=utf-8", bytes("/web/assets/app.css")),
                "print.css", new Asset("text/css; charset=utf-8", bytes("/web/assets/print.css")),
                "app.js", new Asset("text/javascript; charset=utf-8", bytes("/web/assets/app.js")),
                "favicon.svg", new Asset("image/svg+xml", bytes("/web/assets/favicon.svg")));
        this.version = digest(assets);
    }

    /** The part of asset URLs that names this build's files: it changes whenever one of them does. */
    public String version() {
        return version;
    }

    private static String digest(Map<String, Asset> assets) {
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            assets.keySet().stream().sorted().forEach(name -> {
                sha256.update(name.getBytes(StandardCharsets.UTF_8));
                sha256.update(assets.get(name).bytes());
            });
            return java.util.HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @PermitAll
    public Response asset(@PathParam("version") String requested, @PathParam("file") String file) {
        Asset asset = assets.get(file);
        if (asset == null || !version.equals(requested)) {
            return Response.status(Response.Status.NOT_FOUND).type("text/plain").entity("no such asset").build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(365 * 24 * 3600);
        cache.getCacheExtension().put("immutable", null);
        return Response.ok(asset.bytes(), asset.type()).cacheControl(cache).build();
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = AssetsResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
