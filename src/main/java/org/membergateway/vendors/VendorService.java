package org.membergateway.vendors;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.exports.ExportKeyException;
import org.membergateway.exports.PublicKeyRecipient;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.members.MemberCsv;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.Purpose;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.RequestStatus;

/**
 * Vendors, their agreements, extracts and destruction attestations (README, Vendors; confidentiality
 * §3-4). An agreement names one service, fields within that service's profile, the days it is in
 * force and the OpenPGP key extracts are encrypted to, pinned by fingerprint; it is never edited,
 * only ended or replaced by a new one. Extracts are list requests with purpose VENDOR_SERVICE that
 * the policy engine decides on the vendor's agreement. Every change is audited inside its
 * transaction, before the answer leaves.
 */
public final class VendorService {

    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 1000;
    public static final int MAX_METHOD = 200;
    /** Agreements are renewed, not signed for ever: at most this long from validFrom to validUntil. */
    public static final int MAX_YEARS = 10;
    private static final int MAX_LISTED = 500;

    private final Jdbi jdbi;
    private final ServiceProfiles profiles;
    private final FieldCatalogue catalogue;
    private final ApiKeys apiKeys;
    private final ListRequestService requests;
    private final AuditTrail audit;
    private final VendorsConfiguration config;
    private final Clock clock;

    /** @param clock in the union's time zone: agreements are in force by calendar day */
    public VendorService(Jdbi jdbi, ServiceProfiles profiles, FieldCatalogue catalogue, ApiKeys apiKeys,
                         ListRequestService requests, AuditTrail audit, VendorsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.apiKeys = apiKeys;
        this.requests = requests;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public ServiceProfiles profiles() {
        return profiles;
    }

    // ---- vendors and agreements ------------------------------------------------------------

    /** {@code POST /vendors}: the vendor, its API key (returned once) and its first agreement. */
    public CreatedVendor create(Requester admin, NewVendor input) {
        if (input == null) {
            throw invalid("body", "expected a JSON object with name, service, allowedFields, validFrom, validUntil"
                    + " and openpgpPublicKey");
        }
        String name = text("name", input.name(), MAX_NAME, true);
        if (name.contains("\n")) {
            throw invalid("name", "one line, no line breaks");
        }
        VendorAgreementDao.Terms terms = terms(input.agreement());
        String apiKey = apiKeys.generate();
        byte[] digest = apiKeys.digest(apiKey);
        return jdbi.inTransaction(h -> {
            VendorAgreementDao agreements = h.attach(VendorAgreementDao.class);
            long vendorId = h.attach(VendorDao.class).insertVendor(name, digest);
            long agreementId = agreements.insert(vendorId, terms, admin.username());
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(), "vendor:" + vendorId)
                    .withDecision("CREATED"));
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(), agreementTarget(vendorId,
                    agreementId, terms.fingerprint())).withDecision("CREATED"));
            AgreementView agreement = agreements.find(agreementId).orElseThrow().asOf(today());
            return new CreatedVendor(vendorId, name, apiKey, agreementId, terms.fingerprint(), agreement);
        });
    }

    /**
     * {@code POST /vendors/{id}/agreements}: a new agreement that ends the vendor's current one.
     * The only way to a different key or field list: what an agreement says never changes.
     */
    public AgreementView newAgreement(Requester admin, long vendorId, NewAgreement input) {
        if (input == null) {
            throw invalid("body", "expected a JSON object with service, allowedFields, validFrom, validUntil and"
                    + " openpgpPublicKey");
        }
        VendorAgreementDao.Terms terms = terms(input);
        return jdbi.inTransaction(h -> {
            h.attach(VendorDao.class).lockVendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            VendorAgreementDao agreements = h.attach(VendorAgreementDao.class);
            var ended = agreements.endActive(vendorId, admin.username());
            long agreementId = agreements.insert(vendorId, terms, admin.username());
            if (ended.isPresent()) {
                agreements.supersede(ended.get(), agreementId);
                audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(),
                        "vendor:" + vendorId + "/agreement:" + ended.get()).withDecision("SUPERSEDED"));
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(), agreementTarget(vendorId,
                    agreementId, terms.fingerprint())).withDecision("CREATED"));
            return agreements.find(agreementId).orElseThrow().asOf(today());
        });
    }

    /** {@code POST /vendors/{id}/agreements/{agreementId}/end}: no extract can be made under it any more. */
    public AgreementView endAgreement(Requester admin, long vendorId, long agreementId) {
        return jdbi.inTransaction(h -> {
            h.attach(VendorDao.class).lockVendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            VendorAgreementDao agreements = h.attach(VendorAgreementDao.class);
            AgreementView agreement = agreements.find(agreementId).filter(a -> a.vendorId() == vendorId)
                    .orElseThrow(() -> VendorException.notFound("vendor " + vendorId + " has no agreement " + agreementId));
            if (!agreements.end(vendorId, agreementId, admin.username())) {
                throw VendorException.conflict("ALREADY_ENDED", "agreement " + agreementId + " ended on "
                        + agreement.endedAt());
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(),
                    "vendor:" + vendorId + "/agreement:" + agreementId).withDecision("ENDED"));
            return agreements.find(agreementId).orElseThrow().asOf(today());
        });
    }

    /**
     * {@code POST /vendors/{id}/api-key}: a new API key for the vendor, returned once. The key it
     * replaces (or none, after a revocation) matches nothing from the commit on.
     */
    public IssuedApiKey rotateKey(Requester admin, long vendorId) {
        String apiKey = apiKeys.generate();
        byte[] digest = apiKeys.digest(apiKey);
        return jdbi.inTransaction(h -> {
            VendorDao vendors = h.attach(VendorDao.class);
            VendorDao.Vendor before = vendors.lockVendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            vendors.replaceKey(vendorId, digest);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(), "vendor:" + vendorId + "/api-key")
                    .withDecision(before.hasApiKey() ? "ROTATED" : "ISSUED"));
            return new IssuedApiKey(vendorId, apiKey, vendors.vendor(vendorId).orElseThrow().keyIssuedAt());
        });
    }

    /** {@code DELETE /vendors/{id}/api-key}: the vendor's API key stops working; 409 if it has none. */
    public VendorView revokeKey(Requester admin, long vendorId) {
        jdbi.useTransaction(h -> {
            VendorDao vendors = h.attach(VendorDao.class);
            vendors.lockVendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            if (!vendors.revokeKey(vendorId)) {
                throw VendorException.conflict("NO_API_KEY", "vendor " + vendorId + " has no API key to revoke");
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, admin.actor(), "vendor:" + vendorId + "/api-key")
                    .withDecision("REVOKED"));
        });
        return get(vendorId);
    }

    /** {@code GET /vendors/{id}}. */
    public VendorView get(long vendorId) {
        LocalDate today = today();
        return jdbi.withHandle(h -> {
            VendorDao.Vendor vendor = h.attach(VendorDao.class).vendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            return view(vendor, h.attach(VendorAgreementDao.class).byVendor(vendorId).stream().map(a -> a.asOf(today)).toList());
        });
    }

    /** {@code GET /vendors}: every vendor with its current (or latest) agreement. */
    public List<VendorView> list() {
        LocalDate today = today();
        return jdbi.withHandle(h -> {
            VendorAgreementDao agreements = h.attach(VendorAgreementDao.class);
            return h.attach(VendorDao.class).vendors(MAX_LISTED).stream()
                    .map(v -> view(v, agreements.current(v.id()).map(a -> List.of(a.asOf(today))).orElse(List.of())))
                    .toList();
        });
    }

    private static VendorView view(VendorDao.Vendor v, List<AgreementView> agreements) {
        return new VendorView(v.id(), v.name(), v.active(), v.keyIssuedAt(), v.keyRevokedAt(), v.createdAt(), agreements);
    }

    // ---- extracts ----------------------------------------------------------------------------

    /**
     * {@code POST /vendors/{id}/extracts}: a VENDOR_SERVICE list request decided on the vendor's
     * current agreement (none, ended or expired: AGREEMENT_INVALID), answered as in README, List requests and exports.
     */
    public ListRequest requestExtract(Requester staff, long vendorId, ExtractBody input) {
        if (input == null) {
            throw invalid("body", "expected a JSON object with scope, audience and fields");
        }
        AgreementFact agreement = currentAgreement(vendorId);
        String justification = input.justification() == null || input.justification().isBlank()
                ? "Vendor extract for vendor " + vendorId + (agreement == null ? "" : " under agreement " + agreement.id())
                : input.justification();
        AccessRequestBody body = new AccessRequestBody(Purpose.VENDOR_SERVICE.name(), null, input.scope(),
                input.filters(), input.audience(), null, input.fields(), justification);
        // The election committee's VENDOR_SERVICE grant is for the extracts of approved election mailings
        // (requestElectionExtract); a staff member who also sits on the committee asks here as staff.
        return requests.createExtract(withoutRole(staff, Role.ELECTION_COMMITTEE), body, agreement, vendorId);
    }

    /**
     * The extract of an election mailing the election committee approved (docs/elections.md): a list
     * request with purpose VENDOR_SERVICE made by the committee member, decided on the vendor's current
     * agreement like any extract, and exported only to the vendor's pinned key.
     *
     * @throws org.membergateway.requests.RequestDeniedException if the policy denies it (audited)
     */
    public ListRequest requestElectionExtract(Requester committee, long vendorId, AccessRequestBody body) {
        return requests.createExtract(committee, body, currentAgreement(vendorId), vendorId);
    }

    /** The vendor's agreement in force (or latest), as the policy sees it; null if it has none; 404 for no vendor. */
    private AgreementFact currentAgreement(long vendorId) {
        return jdbi.withHandle(h -> {
            h.attach(VendorDao.class).vendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            return h.attach(VendorAgreementDao.class).current(vendorId)
                    .map(a -> a.fact(profiles().profile(ServiceKind.valueOf(a.service())).audiences())).orElse(null);
        });
    }

    private static Requester withoutRole(Requester person, Role role) {
        if (!person.hasRole(role)) {
            return person;
        }
        java.util.Set<Role> roles = new java.util.HashSet<>(person.roles());
        roles.remove(role);
        return Requester.person(person.username(), person.displayName(), roles, person.locals(), person.regions(),
                person.employerGroups(), person.memberId(), person.designation());
    }

    // ---- destruction attestations ------------------------------------------------------------

    /**
     * Records that a vendor destroyed an extract's data. A vendor attests for itself ({@code vendorId}
     * is its own); staff attest on a vendor's behalf (a signed paper statement, say). Only the
     * vendor's own approved extract; one attestation per extract.
     */
    public AttestationView attest(Requester caller, long vendorId, long requestId, DestructionBody input) {
        if (input == null) {
            throw invalid("body", "expected a JSON object with destroyedOn and method");
        }
        LocalDate destroyedOn = date("destroyedOn", input.destroyedOn());
        LocalDate today = today();
        if (destroyedOn.isAfter(today)) {
            throw invalid("destroyedOn", "must not be in the future (today is " + today + ")");
        }
        String method = text("method", input.method(), MAX_METHOD, true);
        String note = input.note() == null ? "" : text("note", input.note(), MAX_TEXT, false);
        return jdbi.inTransaction(h -> {
            VendorDao vendors = h.attach(VendorDao.class);
            if (caller.isPerson()) {
                vendors.vendor(vendorId).orElseThrow(VendorService::noSuchVendor);
            }
            VendorDao.Extract extract = vendors.extract(vendorId, requestId)
                    .orElseThrow(() -> VendorException.notFound("no such extract"));
            if (extract.status() != RequestStatus.APPROVED) {
                throw VendorException.conflict("NOT_APPROVED", "extract " + requestId + " is " + extract.status()
                        + "; only an approved extract was released and can be destroyed");
            }
            if (destroyedOn.isBefore(extract.createdAt().atZoneSameInstant(clock.getZone()).toLocalDate())) {
                throw invalid("destroyedOn", "is before extract " + requestId + " was requested");
            }
            AttestationView attestation = vendors.insertAttestation(requestId, caller.actor(), destroyedOn, method, note)
                    .orElseThrow(() -> VendorException.conflict("ALREADY_ATTESTED", "extract " + requestId
                            + " already has a destruction attestation; it is never replaced"));
            audit.record(AuditEvent.of(AuditEventType.EXTRACT_DESTRUCTION_ATTESTED, caller.actor(),
                    "list-request:" + requestId).withDecision("ATTESTED"));
            return attestation;
        });
    }

    /** Approved extracts with no attestation {@code attestationDueAfter} after their approval. */
    public List<OverdueExtract> overdue() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.getAttestationDueAfter().toJavaDuration());
        return jdbi.withExtension(VendorDao.class, vendors -> vendors.overdue(cutoff, MAX_LISTED));
    }

    public long attestationDueAfterDays() {
        return config.getAttestationDueAfter().toJavaDuration().toDays();
    }

    // ---- validation ----------------------------------------------------------------------------

    /** The agreement's terms, each checked: 400 naming the first field at fault. */
    VendorAgreementDao.Terms terms(NewAgreement input) {
        ServiceKind service = service(input.service());
        ServiceProfile profile = profiles.profile(service);
        List<String> fields = allowedFields(input.allowedFields(), profile);
        LocalDate validFrom = date("validFrom", input.validFrom());
        LocalDate validUntil = date("validUntil", input.validUntil());
        LocalDate today = today();
        if (validUntil.isBefore(validFrom)) {
            throw invalid("validUntil", "must not be before validFrom (" + validFrom + ")");
        }
        if (validUntil.isBefore(today)) {
            throw invalid("validUntil", "is in the past (today is " + today + "); an agreement that has ended allows nothing");
        }
        if (validUntil.isAfter(validFrom.plusYears(MAX_YEARS))) {
            throw invalid("validUntil", "at most " + MAX_YEARS + " years after validFrom; agreements are renewed");
        }
        String purpose = input.purpose() == null || input.purpose().isBlank()
                ? profile.description() : text("purpose", input.purpose(), MAX_TEXT, true);
        boolean statusRequired = fields.stream().anyMatch(catalogue::isMembershipStatus);
        String justification = null;
        if (statusRequired) {
            if (input.membershipStatusJustification() == null || input.membershipStatusJustification().isBlank()) {
                throw invalid("membershipStatusJustification", "required when allowedFields names membership-status"
                        + " fields " + fields.stream().filter(catalogue::isMembershipStatus).toList()
                        + ": say why the service needs them (confidentiality §4; for " + service + ": \""
                        + profile.statusJustification() + "\")");
            }
            justification = text("membershipStatusJustification", input.membershipStatusJustification(), MAX_TEXT, true);
        } else if (input.membershipStatusJustification() != null && !input.membershipStatusJustification().isBlank()) {
            throw invalid("membershipStatusJustification", "only with membership-status fields in allowedFields");
        }
        PublicKeyRecipient key = key(input.openpgpPublicKey(), validFrom, validUntil);
        return new VendorAgreementDao.Terms(service, fields, purpose, validFrom, validUntil,
                input.openpgpPublicKey().strip() + "\n", key.fingerprint(), statusRequired, justification);
    }

    private static ServiceKind service(String value) {
        for (ServiceKind kind : ServiceKind.values()) {
            if (kind.name().equals(value)) {
                return kind;
            }
        }
        throw invalid("service", (value == null ? "required" : "unknown value") + "; expected one of "
                + List.of(ServiceKind.values()));
    }

    /** Known member fields, each at most once, all within the service's profile; in catalogue order. */
    private static List<String> allowedFields(List<String> fields, ServiceProfile profile) {
        if (fields == null || fields.isEmpty()) {
            throw invalid("allowedFields", "name at least one member field; " + profile.service() + " may have "
                    + profile.fields());
        }
        if (fields.size() > MemberCsv.COLUMNS.size()) {
            throw invalid("allowedFields", "at most " + MemberCsv.COLUMNS.size() + " fields");
        }
        Set<String> seen = new HashSet<>();
        List<String> outside = new ArrayList<>();
        int firstOutside = -1;
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (field == null || !MemberCsv.COLUMNS.contains(field)) {
                throw invalid("allowedFields[" + i + "]", "unknown field" + (field == null || field.length() > 40 ? ""
                        : " \"" + field + "\"") + "; member fields are " + MemberCsv.COLUMNS);
            }
            if (!seen.add(field)) {
                throw invalid("allowedFields[" + i + "]", field + " is named twice");
            }
            if (!profile.allows(field)) {
                outside.add(field);
                firstOutside = firstOutside < 0 ? i : firstOutside;
            }
        }
        if (!outside.isEmpty()) {
            throw invalid("allowedFields[" + firstOutside + "]", outside + " are outside what " + profile.service()
                    + " needs (" + profile.clause() + "); its profile allows " + profile.fields()
                    + " (policies/vendor-services.yml)");
        }
        return MemberCsv.COLUMNS.stream().filter(seen::contains).toList();
    }

    /**
     * The key must be able to receive extracts for the whole agreement: now, from its first day
     * and on its last, so an export never finds the pinned key expired mid-agreement.
     */
    private PublicKeyRecipient key(String armored, LocalDate validFrom, LocalDate validUntil) {
        Instant now = clock.instant();
        PublicKeyRecipient recipient;
        try {
            recipient = PublicKeyRecipient.fromArmored(armored, now);
        } catch (ExportKeyException e) {
            throw invalid("openpgpPublicKey", e.getMessage());
        }
        Instant first = validFrom.atStartOfDay(clock.getZone()).toInstant();
        Instant last = validUntil.plusDays(1).atStartOfDay(clock.getZone()).toInstant().minusSeconds(1);
        for (Instant at : List.of(first, last)) {
            if (at.isBefore(now)) {
                continue;
            }
            try {
                PublicKeyRecipient later = PublicKeyRecipient.fromArmored(armored, at);
                if (!later.fingerprint().equals(recipient.fingerprint())) {
                    throw new IllegalStateException("fingerprint changed between readings");
                }
            } catch (ExportKeyException e) {
                throw invalid("openpgpPublicKey", "cannot receive extracts for the whole agreement (checked at "
                        + at + "): " + e.getMessage() + "; extend the key's expiry or end the agreement earlier");
            }
        }
        return recipient;
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            throw invalid(field, "required: an ISO-8601 date such as 2026-12-01");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "not an ISO-8601 date such as 2026-12-01");
        }
    }

    private static String text(String field, String raw, int max, boolean required) {
        String value = raw == null ? "" : raw.strip();
        if ((required && value.isEmpty()) || value.length() > max
                || value.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, (required ? "required: 1-" : "at most ") + max + " characters, no control characters");
        }
        return value;
    }

    private static String agreementTarget(long vendorId, long agreementId, String fingerprint) {
        return "vendor:" + vendorId + "/agreement:" + agreementId + "/openpgp-key:" + fingerprint;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static VendorException noSuchVendor() {
        return VendorException.notFound("no such vendor");
    }

    private static InvalidParameterException invalid(String field, String message) {
        return new InvalidParameterException(field, field + ": " + message);
    }
}
