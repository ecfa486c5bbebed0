package org.membergateway.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * Elections for integration tests, written straight into the table (V20) so that tests of what hangs
 * on an election (candidacies, mailings, inspections) do not depend on how elections are entered.
 */
public final class TestElections {

    /** The terms every election made here publishes. */
    public static final int MAIL_RATE_CENTS = 62;
    public static final int EMAIL_RATE_CENTS = 3;
    public static final int LEAD_DAYS = 7;

    private TestElections() {
    }

    /** A vendor row with no agreement or key, for elections whose deliveries a test never makes. */
    public static long placeholderVendor(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO vendors (name) VALUES (:name) RETURNING id")
                .bind("name", name).mapTo(Long.class).one());
    }

    /** An election with the terms above, paid after delivery; {@code ballotsMailedOn} may be null. */
    public static void insert(Jdbi jdbi, String id, Office office, ScopeType scopeType, String scopeId,
                              LocalDate nominationsCloseOn, LocalDate ballotsMailedOn, LocalDate electionDay,
                              long mailVendorId, Long emailVendorId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO elections (id, name, office, scope_type, scope_id, nominations_close_on,
                            ballots_mailed_on, election_day, mail_vendor_id, email_vendor_id, mail_rate_cents,
                            email_rate_cents, payment_in_advance, lead_days, terms_sha256, created_at, created_by)
                        VALUES (:id, :name, :office, :scopeType, :scopeId, :nominationsCloseOn, :ballotsMailedOn,
                            :electionDay, :mailVendorId, :emailVendorId, :mail, :email, false, :lead, :sha, :at, 'test')""")
                .bind("id", id).bind("name", "Election " + id).bind("office", office.name())
                .bind("scopeType", scopeType.name()).bind("scopeId", scopeId)
                .bind("nominationsCloseOn", nominationsCloseOn).bind("ballotsMailedOn", ballotsMailedOn)
                .bind("electionDay", electionDay).bind("mailVendorId", mailVendorId)
                .bind("emailVendorId", emailVendorId).bind("mail", MAIL_RATE_CENTS).bind("email", EMAIL_RATE_CENTS)
                .bind("lead", LEAD_DAYS).bind("sha", "0".repeat(64))
                .bind("at", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .execute());
    }

    /**
     * The election a test's candidacy names, entered unless it exists: for tests about something
     * else that only need a candidate. Its day is far ahead, so the candidacy counts whatever the
     * test's clock says, and no calendar window of it is open.
     */
    public static String forCandidacy(Jdbi jdbi, String id, Office office, ScopeType scopeType, String scopeId) {
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM elections WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one()) > 0;
        if (!exists) {
            insert(jdbi, id, office, scopeType, scopeId, LocalDate.of(2099, 9, 1), null, LocalDate.of(2099, 11, 3),
                    placeholderVendor(jdbi, "Mail house for " + id), null);
        }
        return id;
    }
}
