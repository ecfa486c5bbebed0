package org.membergateway.directory;

import java.util.Locale;
import java.util.regex.Pattern;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.ScopeType;

/**
 * A scope named in a client's input ({@code scopeType} and {@code scopeId} of a campaign, an
 * election, a role's locals...): checked once, here, so that every endpoint refuses a bad one with
 * the same 400 and the same words.
 */
public final class ScopeInput {

    /** What an id of a local, region or employer group may look like. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private ScopeInput() {
    }

    /**
     * {@code id} if it is well formed for {@code type} (statewide: {@link ScopeType#STATEWIDE_ID});
     * whether it exists is {@link #requireExisting}'s, inside the caller's transaction.
     *
     * @throws DirectoryException 400 naming {@code scopeId}
     */
    public static String id(ScopeType type, String id) {
        if (type == ScopeType.STATEWIDE) {
            if (!ScopeType.STATEWIDE_ID.equals(id)) {
                throw DirectoryException.invalid("scopeId", "a STATEWIDE scope has the id " + ScopeType.STATEWIDE_ID);
            }
            return id;
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw DirectoryException.invalid("scopeId", "required: 1-32 of A-Z a-z 0-9 _ -");
        }
        return id;
    }

    /**
     * Refuses a scope the union does not have: a list, campaign or election over a local nobody
     * imported would reach nobody today and whoever is imported under that id tomorrow.
     *
     * @throws DirectoryException 400 naming {@code field}
     */
    public static void requireExisting(UnionDao union, String field, ScopeType type, String id) {
        if (DirectoryPolicyFacts.place(union, type, id).isEmpty()) {
            throw DirectoryException.invalid(field, type == ScopeType.STATEWIDE
                    ? "a STATEWIDE scope has the id " + ScopeType.STATEWIDE_ID
                    : "no " + type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " has the id " + id);
        }
    }
}
