package org.membergateway.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource that serves pages to people in a browser, not the JSON API: its callers sign in with
 * the session cookie of {@code /login} (never HTTP Basic), are sent to the sign-in page when they
 * have none, and every state-changing form they post carries the session's CSRF token. Access is
 * still declared per method with {@code @RolesAllowed} or {@code @PermitAll}: deny by default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Page {
}
