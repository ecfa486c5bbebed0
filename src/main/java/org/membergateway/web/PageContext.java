package org.membergateway.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/**
 * What every page needs besides its own data: the language and its words, who is signed in (none on
 * the sign-in page), the session's CSRF token for forms, where the page is (for the language
 * switch), and where the versioned static assets are.
 */
public final class PageContext {

    private final Messages messages;
    private final Requester requester;
    private final String csrf;
    private final String path;
    private final String assets;
    private final ZoneId zone;

    private final String query;

    /** @param query the page's query string without {@code lang} (kept by the language switch); empty if none */
    PageContext(Messages messages, Requester requester, String csrf, String path, String query, String assets, ZoneId zone) {
        this.messages = messages;
        this.requester = requester;
        this.csrf = csrf;
        this.path = path;
        this.query = query;
        this.assets = assets;
        this.zone = zone;
    }

    public Messages messages() {
        return messages;
    }

    public Language language() {
        return messages.language();
    }

    /** The code for {@code <html lang>}. */
    public String lang() {
        return messages.language().code();
    }

    public boolean signedIn() {
        return requester != null;
    }

    /** Who is signed in; null on a page for everyone. */
    public Requester requester() {
        return requester;
    }

    public boolean has(Role role) {
        return requester != null && requester.hasRole(role);
    }

    public boolean hasAny(Set<Role> roles) {
        return requester != null && roles.stream().anyMatch(requester::hasRole);
    }

    /** The token every state-changing form carries in its hidden {@code csrf} field. */
    public String csrf() {
        return csrf;
    }

    /** The path this page was asked for, for links that should come back to it. */
    public String path() {
        return path;
    }

    /** Where the static assets of this build are, e.g. {@code /assets/0.1.0-5.14.0}. */
    public String assets() {
        return assets;
    }

    public ZoneId zone() {
        return zone;
    }

    public String dateTime(OffsetDateTime at) {
        return messages.dateTime(at, zone);
    }

    public String number(long value) {
        return messages.number(value);
    }

    /** One entry of the language switch. */
    public record LanguageLink(String code, String name, String href, boolean current) {
    }

    /** The same page in each language: its path and query (a search, a text's language) with only {@code lang} changed. */
    public List<LanguageLink> languages() {
        return java.util.Arrays.stream(Language.values())
                .map(l -> new LanguageLink(l.code(), l.nativeName(), path + "?" + (query.isEmpty() ? "" : query + "&")
                        + "lang=" + URLEncoder.encode(l.code(), StandardCharsets.UTF_8), l == language()))
                .toList();
    }
}
