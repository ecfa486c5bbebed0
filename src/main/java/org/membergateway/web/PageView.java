package org.membergateway.web;

import io.dropwizard.views.common.View;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.membergateway.auth.Role;

/**
 * A page: a FreeMarker template under {@code /web/templates/} (HTML-escaped by default) with its
 * context and title. Templates call {@link #t} for every word they show, so a page is in whatever
 * language its reader chose.
 */
public abstract class PageView extends View {

    private final PageContext page;
    private final String title;
    private final List<FormError> errors;

    protected PageView(String template, PageContext page, String title) {
        this(template, page, title, List.of());
    }

    protected PageView(String template, PageContext page, String title, List<FormError> errors) {
        super("/web/templates/" + template, StandardCharsets.UTF_8);
        this.page = page;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public PageContext getPage() {
        return page;
    }

    /** The page's title: its {@code <h1>} and the first part of {@code <title>}. */
    public String getTitle() {
        return title;
    }

    /** Problems with what was sent, summarised at the top of the page and shown at their fields. */
    public List<FormError> getErrors() {
        return errors;
    }

    /** The error for one form field, or null. */
    public FormError errorFor(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst().orElse(null);
    }

    /** The roles by name, for templates: {@code page.has(roles.AUDITOR)}. */
    public Map<String, Role> getRoles() {
        return ROLES;
    }

    private static final Map<String, Role> ROLES = java.util.Arrays.stream(Role.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Role::name, r -> r));

    /** A message of the page's language. */
    public String t(String key, Object... args) {
        return page.messages().get(key, args);
    }

    /** A problem with one field of a form: the field's id (linked from the summary) and what to do. */
    public record FormError(String field, String message) {
    }
}
