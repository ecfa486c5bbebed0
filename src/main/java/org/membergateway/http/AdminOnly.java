package org.membergateway.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources that only an ADMIN may call (README, HTTP API): the same as
 * {@code @RolesAllowed(RoleNames.ADMIN)}, enforced by {@code org.membergateway.signin.AccessControlFeature}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
