package org.membergateway.demo;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Role;
import org.membergateway.directory.Account;
import org.membergateway.directory.PeopleDao;

/**
 * The demo accounts that still sign in with the password the README publishes. A demo-named
 * account whose password was changed is not one of them: the test is the published password
 * against the stored Argon2id hash, not the name.
 */
public final class PublishedDemoPasswords {

    private PublishedDemoPasswords() {
    }

    /** Usernames, in role order, of the demo accounts whose stored hash matches the published password. */
    public static List<String> stillPublished(Jdbi jdbi, PasswordHasher hasher) {
        PeopleDao people = jdbi.onDemand(PeopleDao.class);
        List<String> published = new ArrayList<>();
        for (Role role : Role.values()) {
            String username = DemoAccounts.username(role);
            String hash = people.account(username).map(Account::passwordHash).orElse(null);
            if (hash != null && hasher.verify(hash, DemoAccounts.password(role).toCharArray())) {
                published.add(username);
            }
        }
        return published;
    }
}
