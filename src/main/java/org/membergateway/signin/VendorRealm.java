package org.membergateway.signin;

import java.security.MessageDigest;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.authc.DisabledAccountException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UnknownAccountException;
import org.apache.shiro.realm.AuthenticatingRealm;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.Requester;
import org.membergateway.directory.VendorCredentialDao;

/**
 * Shiro realm for vendors: an API key presented as a Bearer token, found by its keyed hash. A
 * lookup by digest leaks nothing useful through timing (an attacker cannot choose digests without
 * the server secret); the digest is still compared in constant time before the vendor is accepted.
 * Cheap enough (one HMAC, one indexed read) to run on every call.
 */
final class VendorRealm extends AuthenticatingRealm {

    static final String NAME = "vendors";

    private final VendorCredentialDao vendorKeys;
    private final ApiKeys keys;

    VendorRealm(VendorCredentialDao vendorKeys, ApiKeys keys) {
        this.vendorKeys = vendorKeys;
        this.keys = keys;
        setName(NAME);
        setAuthenticationTokenClass(BearerToken.class);
        // Never cached: a rotated or revoked key (VendorService) must be refused on the very next call.
        setAuthenticationCachingEnabled(false);
        setCredentialsMatcher((token, info) -> MessageDigest.isEqual(
                keys.digest(((BearerToken) token).getToken()), (byte[]) info.getCredentials()));
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        String key = ((BearerToken) token).getToken();
        if (!ApiKeys.looksLikeKey(key)) {
            throw new UnknownAccountException("not an API key");
        }
        VendorCredentialDao.VendorCredential vendor = vendorKeys.byKeyDigest(keys.digest(key))
                .orElseThrow(() -> new UnknownAccountException("unknown API key"));
        if (!vendor.active()) {
            throw new DisabledAccountException("vendor is not active");
        }
        return new SimpleAuthenticationInfo(Requester.vendor(vendor.id(), vendor.name()), vendor.apiKeyDigest(),
                getName());
    }
}
