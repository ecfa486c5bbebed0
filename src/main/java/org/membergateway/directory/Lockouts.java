package org.membergateway.directory;

import java.util.Collection;
import java.util.Set;

/**
 * The sign-in lockout as the directory's administrators see it. Sign-in keeps it (keyed by a hash
 * of the name the directory cannot compute), so it is handed to the directory rather than read here.
 */
public interface Lockouts {

    /** Of these usernames, those locked now. */
    Set<String> locked(Collection<String> usernames);

    /** Ends the username's lock and forgets its failures. */
    void unlock(String username);

    /** For tools without sign-in (the command line): nobody is shown locked; unlock is refused. */
    Lockouts NONE = new Lockouts() {
        @Override
        public Set<String> locked(Collection<String> usernames) {
            return Set.of();
        }

        @Override
        public void unlock(String username) {
            throw new UnsupportedOperationException("unlock needs the running gateway");
        }
    };
}
