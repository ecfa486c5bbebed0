package org.membergateway.directory;

import java.util.List;
import java.util.Set;
import org.membergateway.auth.Passwords;
import org.membergateway.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GATEWAY_BOOTSTRAP_ADMIN_PASSWORD}: the first administrator of a new installation. If set
 * and no person holds ADMIN, the person {@value #USERNAME} is created with it (or, if that username
 * exists without ADMIN, nothing happens and a warning says why). Once an ADMIN exists the setting
 * is ignored; unset it after the first start.
 */
public final class BootstrapAdmin {

    public static final String USERNAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private BootstrapAdmin() {
    }

    /** @return true if the admin was created now */
    public static boolean createIfNoAdmin(DirectoryService directory, String password) {
        if (password == null || password.isEmpty() || directory.anyPersonWithRole(Role.ADMIN)) {
            return false;
        }
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new IllegalStateException("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD " + problem
                    + "; no administrator was created");
        }
        if (directory.person(USERNAME).isPresent()) {
            LOG.warn("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD is set and no ADMIN exists, but the person '{}' exists"
                    + " without ADMIN; use the 'person' command to give someone ADMIN", USERNAME);
            return false;
        }
        directory.createOrReset("system", USERNAME, "Administrator", Set.of(Role.ADMIN), List.of(), List.of(),
                List.of(), password.toCharArray());
        LOG.info("Created the administrator '{}' from GATEWAY_BOOTSTRAP_ADMIN_PASSWORD; unset it now", USERNAME);
        return true;
    }
}
