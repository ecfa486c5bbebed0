package org.membergateway.web;

import freemarker.template.Configuration;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.time.ZoneId;
import java.util.Map;
import org.membergateway.auth.Requester;
import org.membergateway.signin.WebSessions;

/**
 * Makes the {@link PageContext} of a page request: the language (the switch's {@code ?lang=},
 * remembered in a cookie, else the browser's {@code Accept-Language}), who is signed in, and the
 * session's form token.
 */
public final class Pages {

    /** Remembers the language chosen with the switch, for a year. */
    public static final String LANGUAGE_COOKIE = "mg_lang";

    private final String assets;
    private final ZoneId zone;

    /** @param assetVersion the part of asset URLs that changes with every build, so they can be cached for good */
    public Pages(String assetVersion, ZoneId zone) {
        this.assets = "/assets/" + assetVersion;
        this.zone = zone;
    }

    public PageContext context(ContainerRequestContext request) {
        Language language = language(request);
        Requester requester = request.getSecurityContext() != null
                && request.getSecurityContext().getUserPrincipal() instanceof Requester r ? r : null;
        WebSessions.Active session = WebSessions.of(request);
        return new PageContext(Messages.of(language), requester, session == null ? null : session.csrfToken(),
                request.getUriInfo().getRequestUri().getRawPath(), queryWithoutLanguage(request), assets, zone);
    }

    /** The raw query string without its {@code lang} parameters, as the browser sent the rest. */
    static String queryWithoutLanguage(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        return java.util.Arrays.stream(raw.split("&")).filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    static Language language(ContainerRequestContext request) {
        String chosen = request.getUriInfo().getQueryParameters().getFirst("lang");
        if (chosen != null && Language.of(chosen).isPresent()) {
            return Language.of(chosen).get();
        }
        Cookie remembered = request.getCookies().get(LANGUAGE_COOKIE);
        if (remembered != null && Language.of(remembered.getValue()).isPresent()) {
            return Language.of(remembered.getValue()).get();
        }
        return Language.preferred(request.getAcceptableLanguages());
    }

    public String assets() {
        return assets;
    }

    /**
     * The pages' template engine: FreeMarker with HTML auto-escaping. A template error is rethrown
     * (the page becomes the 500 error page) instead of FreeMarker's default of printing the error
     * and the template's stack into the page, which would show the reader the gateway's insides.
     */
    public static FreemarkerViewRenderer renderer() {
        FreemarkerViewRenderer renderer = new FreemarkerViewRenderer(Configuration.VERSION_2_3_34);
        renderer.configure(Map.of("template_exception_handler", "rethrow", "localized_lookup", "false"));
        return renderer;
    }
}
