package org.membergateway.signin;

import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.CredentialsMatcher;
import org.apache.shiro.realm.AuthenticatingRealm;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.directory.Account;
import org.membergateway.directory.PeopleDao;

/**
 * Shiro realm for people: username and password against the Argon2id hash in {@code people}.
 * The principal of a successful sign-in is the {@link Account}.
 *
 * <p>An unknown username is verified against a decoy hash before it is refused, so it takes as
 * long as a wrong password. Shiro's own authentication cache stays off: it caches the stored hash,
 * not the outcome, and would still run Argon2id on every call ({@link GatewayAuthenticator} keeps
 * verified outcomes instead).
 */
final class PersonRealm extends AuthenticatingRealm {

    static final String NAME = "people";

    private final PeopleDao people;
    private final PasswordHasher hasher;

    PersonRealm(PeopleDao people, PasswordHasher hasher) {
        this.people = people;
        this.hasher = hasher;
        setName(NAME);
        setAuthenticationTokenClass(UsernamePasswordToken.class);
        setAuthenticationCachingEnabled(false);
        setCredentialsMatcher(argon2(hasher));
    }

    private static CredentialsMatcher argon2(PasswordHasher hasher) {
        return (token, info) -> hasher.verify((String) info.getCredentials(),
                ((UsernamePasswordToken) token).getPassword());
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        UsernamePasswordToken up = (UsernamePasswordToken) token;
        Account account = people.account(up.getUsername()).orElse(null);
        if (account == null) {
            hasher.verifyDecoy(up.getPassword());
            throw new UnknownAccountException("unknown username or wrong password");
        }
        return new SimpleAuthenticationInfo(account, account.passwordHash(), getName());
    }
}
