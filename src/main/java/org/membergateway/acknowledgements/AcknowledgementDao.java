package org.membergateway.acknowledgements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Acknowledgements (V4__acknowledgements.sql): insert and read; rows are never changed. */
interface AcknowledgementDao {

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

    /** The latest expiry of one document and version a person acknowledged. */
    record LatestExpiry(String documentId, String version, Instant expiresAt) {
    }

    @SqlUpdate("""
            INSERT INTO acknowledgements (id, username, document_id, version, language, document_sha256, method,
                typed_name, signed_on, witness, signed_at, expires_at, recorded_by, client_address, user_agent,
                receipt, signature, key_fingerprint)
            VALUES (:id, :username, :documentId, :version, :language, :documentSha256, :method, :typedName, :signedOn,
                :witness, :signedAt, :expiresAt, :recordedBy, :clientAddress, :userAgent, :receipt,
                :signature, :keyFingerprint)""")
    void insert(@BindMethods Row row);

    /** A person's acknowledgements, newest first. */
    @SqlQuery("""
            SELECT id, username, document_id, version, language, document_sha256, method, typed_name, signed_on,
                   witness, signed_at, expires_at, recorded_by, client_address, user_agent, receipt, signature,
                   key_fingerprint
            FROM acknowledgements WHERE username = :username ORDER BY signed_at DESC, recorded_at DESC LIMIT :limit""")
    @RegisterConstructorMapper(Row.class)
    List<Row> list(@Bind("username") String username, @Bind("limit") int limit);

    /** One acknowledgement by its id; the caller decides who may see it. */
    @SqlQuery("""
            SELECT id, username, document_id, version, language, document_sha256, method, typed_name, signed_on,
                   witness, signed_at, expires_at, recorded_by, client_address, user_agent, receipt, signature,
                   key_fingerprint
            FROM acknowledgements WHERE id = :id""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> byId(@Bind("id") UUID id);

    /**
     * For each document and version the person acknowledged by {@code now}: the latest expiry.
     * One indexed query; status() decides from it.
     */
    @SqlQuery("""
            SELECT document_id, version, max(expires_at) AS expires_at FROM acknowledgements
            WHERE username = :username AND signed_at <= :now GROUP BY document_id, version""")
    @RegisterConstructorMapper(LatestExpiry.class)
    List<LatestExpiry> latestExpiries(@Bind("username") String username, @Bind("now") Instant now);
}
