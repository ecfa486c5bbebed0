package org.membergateway.acknowledgements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for acknowledgements (V4__acknowledgements.sql): insert and read; rows are never changed. */
final class AcknowledgementStore {

    /** Everything one row holds; client address and user agent are stored but never returned. */
    record Row(UUID id, String username, String documentId, String version, String language, String documentSha256,
               String method, String typedName, LocalDate signedOn, String witness, Instant signedAt,
               Instant expiresAt, String recordedBy, String clientAddress, String userAgent, String receipt,
               String signature, String keyFingerprint) {
        Acknowledgement view() {
            return new Acknowledgement(id.toString(), username, documentId, version, language, documentSha256, method,
                    signedAt, expiresAt, signedOn, witness, recordedBy, keyFingerprint, receipt, signature);
        }

        @Override
        public String toString() {
            return "Row[" + id + "]";
        }
    }

    private final Jdbi jdbi;

    AcknowledgementStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Handle h, Row row) {
        h.createUpdate("""
                        INSERT INTO acknowledgements (id, username, document_id, version, language, document_sha256, method,
                            typed_name, signed_on, witness, signed_at, expires_at, recorded_by, client_address, user_agent,
                            receipt, signature, key_fingerprint)
                        VALUES (:id, :username, :documentId, :version, :language, :sha, :method, :typedName, :signedOn,
                            :witness, :signedAt, :expiresAt, :recordedBy, :clientAddress, :userAgent, :receipt,
                            :signature, :fingerprint)""")
                .bind("id", row.id()).bind("username", row.username()).bind("documentId", row.documentId())
                .bind("version", row.version()).bind("language", row.language()).bind("sha", row.documentSha256())
                .bind("method", row.method()).bind("typedName", row.typedName()).bind("signedOn", row.signedOn())
                .bind("witness", row.witness()).bind("signedAt", utc(row.signedAt()))
                .bind("expiresAt", utc(row.expiresAt())).bind("recordedBy", row.recordedBy())
                .bind("clientAddress", row.clientAddress()).bind("userAgent", row.userAgent())
                .bind("receipt", row.receipt()).bind("signature", row.signature())
                .bind("fingerprint", row.keyFingerprint())
                .execute();
    }

    /** A person's acknowledgements, newest first. */
    List<Acknowledgement> list(String username, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM acknowledgements WHERE username = :u ORDER BY signed_at DESC, recorded_at DESC LIMIT :limit""")
                .bind("u", username).bind("limit", limit)
                .map((rs, ctx) -> row(rs).view())
                .list());
    }

    /**
     * For each document and version the person acknowledged by {@code now}: the latest expiry.
     * One indexed query; status() decides from it.
     */
    Map<String, Map<String, Instant>> latestExpiries(String username, Instant now) {
        Map<String, Map<String, Instant>> expiries = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT document_id, version, max(expires_at) AS expires_at FROM acknowledgements
                        WHERE username = :u AND signed_at <= :now GROUP BY document_id, version""")
                .bind("u", username).bind("now", utc(now))
                .map((rs, ctx) -> {
                    expiries.computeIfAbsent(rs.getString(1), d -> new HashMap<>())
                            .put(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant());
                    return null;
                })
                .list());
        return expiries;
    }

    /** The person's display name; empty if there is no such person. */
    Optional<String> displayName(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT display_name FROM people WHERE username = :u")
                .bind("u", username).mapTo(String.class).findOne());
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("document_id"),
                rs.getString("version"), rs.getString("language"), rs.getString("document_sha256"),
                rs.getString("method"), rs.getString("typed_name"), rs.getObject("signed_on", LocalDate.class),
                rs.getString("witness"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"),
                rs.getString("client_address"), rs.getString("user_agent"), rs.getString("receipt"),
                rs.getString("signature"), rs.getString("key_fingerprint"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
