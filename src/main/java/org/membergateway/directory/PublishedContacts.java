package org.membergateway.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;

/**
 * What a leader publishes for their role (confidentiality §6): the work email and phone members
 * see on {@code /leaders}. Only the person themself or an ADMIN sets it; every change is a
 * directory change in the audit trail, without the values.
 */
public final class PublishedContacts {

    /** The longest email address SMTP carries (RFC 5321), as the members table allows. */
    public static final int MAX_EMAIL = 254;
    public static final int MAX_PHONE = 32;
    /** One @, something on each side, a dot in the domain; no spaces. The mail system decides the rest. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** E.164 as people type it: an optional +, digits, spaces, dots, dashes and brackets, ending in a digit. */
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]*[0-9]");

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final Clock clock;

    public PublishedContacts(Jdbi jdbi, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code GET}: the contact as members would see it (the default when the person has not chosen). */
    public PublishedContactDao.Contact contact(Requester requester, String rawUsername) {
        String username = selfOrAdmin(requester, rawUsername);
        return jdbi.withExtension(PublishedContactDao.class, dao -> dao.contact(username))
                .orElseThrow(() -> DirectoryException.notFound("no such person"));
    }

    /** {@code PUT}: validates, stores and audits (the values never go into the trail). */
    public PublishedContactDao.Contact publish(Requester requester, String rawUsername, PublishedContactBody body) {
        String username = selfOrAdmin(requester, rawUsername);
        if (body == null) {
            throw DirectoryException.invalid("workEmail", "a body {workEmail?, phone?, published?} is required");
        }
        String email = blankToNull(body.workEmail());
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            throw DirectoryException.invalid("workEmail", "workEmail: an email address such as name@example.org, at most "
                    + MAX_EMAIL + " characters");
        }
        String phone = blankToNull(body.phone());
        if (phone != null) {
            long digits = phone.chars().filter(Character::isDigit).count();
            if (phone.length() > MAX_PHONE || !PHONE.matcher(phone).matches() || digits < 7 || digits > 15) {
                throw DirectoryException.invalid("phone", "phone: a phone number of 7 to 15 digits such as +1 503 555 0100,"
                        + " at most " + MAX_PHONE + " characters");
            }
        }
        boolean published = body.published() == null || body.published();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return jdbi.inTransaction(h -> {
            long id = h.attach(PeopleDao.class).id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            PublishedContactDao dao = h.attach(PublishedContactDao.class);
            dao.publish(id, email, phone, published, now, requester.actor());
            // Which parts are published, never what they are.
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, requester.actor(),
                    "person:" + username + "/published-contact:" + (!published ? "withdrawn"
                            : (email == null ? "" : "email") + (email != null && phone != null ? "+" : "")
                            + (phone == null ? "" : "phone") + (email == null && phone == null ? "none" : "")))
                    .withDecision("UPDATED"));
            return dao.contact(username).orElseThrow();
        });
    }

    private static String selfOrAdmin(Requester requester, String rawUsername) {
        String username = Usernames.normalize(rawUsername).orElse(null);
        boolean self = username != null && username.equals(requester.username());
        if (!self && !requester.hasRole(Role.ADMIN)) {
            throw DirectoryException.forbidden("Only an ADMIN or the person themself may do this.");
        }
        if (username == null) {
            throw DirectoryException.notFound("no such person");
        }
        return username;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
