package org.membergateway.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import java.lang.annotation.Annotation;
import org.membergateway.http.ErrorResponse;

/**
 * What every page response gets, whichever resource or error made it: the language chosen with the
 * switch is remembered, and an error meant for the JSON API (a refused form, a page that does not
 * exist, a database that cannot answer) reaches a browser as a page in its language, with the same
 * status, never as JSON.
 */
public final class PageResponses implements ContainerResponseFilter {

    private final Pages pages;

    public PageResponses(Pages pages) {
        this.pages = pages;
    }

    /** Pages are everything but the JSON API and the static assets. */
    public static boolean isPage(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return !path.startsWith("api/") && !path.startsWith("/api/") && !path.startsWith("assets/")
                && !path.startsWith("/assets/");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isPage(request)) {
            return;
        }
        String chosen = request.getUriInfo().getQueryParameters().getFirst("lang");
        if (chosen != null && Language.of(chosen).isPresent()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, new NewCookie.Builder(Pages.LANGUAGE_COOKIE)
                    .value(Language.of(chosen).get().code()).path("/").maxAge(365 * 24 * 3600).httpOnly(true)
                    .sameSite(NewCookie.SameSite.LAX).secure(request.getSecurityContext().isSecure()).build());
        }
        if (response.getStatus() >= 400 && !(response.getEntity() instanceof PageView)) {
            String detail = response.getEntity() instanceof ErrorResponse error ? error.message() : null;
            response.setEntity(new ErrorPage(pages.context(request), response.getStatus(), detail), new Annotation[0],
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }
}
