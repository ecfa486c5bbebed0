package org.membergateway.directory;

/**
 * A person's sign-in record: what the password check needs, nothing more. Roles and scopes are
 * read only after the password matched, so a wrong password and an unknown username cost the
 * same queries.
 *
 * @param securityStamp raised by every change that must end cached sign-ins (password, roles,
 *     scopes, lockout, disablement)
 * @param disabled an administrator disabled the person: no sign-in is accepted
 */
public record Account(long id, String username, String passwordHash, long securityStamp, boolean disabled) {

    /** The hash stays out of logs. */
    @Override
    public String toString() {
        return "Account[" + username + "]";
    }
}
