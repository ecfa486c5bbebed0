package org.membergateway.acknowledgements;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.directory.PeopleDao;
import org.membergateway.policy.AcknowledgementLookup;
import org.membergateway.policy.AcknowledgementStatus;

/**
 * Confidentiality acknowledgements (confidentiality §10; README, Confidentiality acknowledgements): people acknowledge the
 * current version of each required text online by typing their name, or staff log one signed on
 * paper; the gateway signs a receipt of each with its OpenPGP key. {@link #status} is the fact the
 * policy engine decides on before anyone receives member data.
 *
 * <p>Every acknowledgement is recorded in the audit trail inside the transaction that stores it:
 * if the trail cannot record it, nothing is stored and the caller gets 503.
 */
public final class AcknowledgementService implements AcknowledgementLookup {

    /** Where people sign; for messages such as "sign at POST /api/v1/acknowledgements". */
    public static final String SIGN_AT = "POST /api/v1/acknowledgements";
    public static final int MAX_NAME = 200;
    public static final int MAX_CLIENT_ADDRESS = 64;
    public static final int MAX_USER_AGENT = 256;
    /** Most acknowledgements one list returns (a person signs a few a year). */
    public static final int MAX_LIST = 1000;
    private static final Set<Role> MAY_SEE_OTHERS = EnumSet.of(Role.STAFF, Role.AUDITOR);

    /** A required document and the version people must acknowledge now. */
    public record RequiredDocument(String documentId, String version, String title, List<String> languages) {
        public RequiredDocument {
            languages = List.copyOf(languages);
        }
    }

    /** Where a person stands with one required document. */
    public record DocumentStatus(String documentId, String version, String title, List<String> languages,
                                 AcknowledgementStatus status,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt) {
    }

    /** Where a person stands overall, document by document, and where to sign. */
    public record StatusReport(String username, AcknowledgementStatus status, List<DocumentStatus> documents,
                               String signAt) {
    }

    /** Where the request came from, as far as the server saw it; stored, never returned or logged. */
    public record Client(String address, String userAgent) {
        public static final Client NONE = new Client(null, null);

        public Client {
            address = bounded(address, MAX_CLIENT_ADDRESS);
            userAgent = bounded(userAgent, MAX_USER_AGENT);
        }

        private static String bounded(String value, int max) {
            if (value == null) {
                return null;
            }
            StringBuilder clean = new StringBuilder();
            value.codePoints().filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
                    .forEach(clean::appendCodePoint);
            if (clean.length() > max) {
                // Cut on a code point boundary.
                clean.setLength(Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max);
            }
            String result = clean.toString().strip();
            return result.isEmpty() ? null : result;
        }

        @Override
        public String toString() {
            return "Client[REDACTED]";
        }
    }

    private final Jdbi jdbi;
    private final AcknowledgementDao acknowledgements;
    /** Display names are the directory's: read through its DAO, on demand. */
    private final PeopleDao people;
    private final PolicyDocuments documents;
    private final GatewayOpenPgpKey key;
    private final AuditTrail audit;
    private final Clock clock;
    private final Period validity;

    public AcknowledgementService(Jdbi jdbi, PolicyDocuments documents, GatewayOpenPgpKey key, AuditTrail audit,
                                  Clock clock, Period validity) {
        if (validity.isNegative() || validity.isZero()
                || LocalDate.EPOCH.plus(validity).isAfter(LocalDate.EPOCH.plus(AcknowledgementsConfiguration.MAX_VALIDITY))) {
            throw new IllegalStateException("acknowledgements.validity must be a positive period of at most "
                    + AcknowledgementsConfiguration.MAX_VALIDITY + " (e.g. P12M), not " + validity);
        }
        this.jdbi = jdbi;
        this.acknowledgements = jdbi.onDemand(AcknowledgementDao.class);
        this.people = jdbi.onDemand(PeopleDao.class);
        this.documents = documents;
        this.key = key;
        this.audit = audit;
        this.clock = clock;
        this.validity = validity;
    }

    public PolicyDocuments documents() {
        return documents;
    }

    public Period validity() {
        return validity;
    }

    // ---- the gate fact ---------------------------------------------------------------------

    /**
     * {@link AcknowledgementStatus#CURRENT} only if the person has acknowledged the current version
     * of every required document and none of those has expired at {@code now}. Otherwise, over the
     * required documents: MISSING if one was never acknowledged in any version, else OUTDATED if
     * one was acknowledged only in an earlier version, else EXPIRED.
     */
    @Override
    public AcknowledgementStatus status(String username, Instant now) {
        return report(username, now).status();
    }

    /** For denial messages: where to sign, and which documents and versions. */
    @Override
    public String whereToSign() {
        return "Read the texts at GET /api/v1/policy-documents and acknowledge each at " + SIGN_AT + ": "
                + requiredDocuments().stream().map(d -> d.documentId() + " version " + d.version())
                        .collect(java.util.stream.Collectors.joining(", ")) + ".";
    }

    /** The required documents and the version of each people must acknowledge now. */
    public List<RequiredDocument> requiredDocuments() {
        return documents.required().stream()
                .map(d -> new RequiredDocument(d.id(), d.currentVersion(), d.title(),
                        List.copyOf(d.current().texts().keySet())))
                .toList();
    }

    /** {@link #status} with the detail per required document. */
    public StatusReport report(String rawUsername, Instant now) {
        String username = Usernames.normalize(rawUsername).orElse(rawUsername == null ? "" : rawUsername);
        Map<String, Map<String, Instant>> expiries = new HashMap<>();
        for (AcknowledgementDao.LatestExpiry latest : acknowledgements.latestExpiries(username, now)) {
            expiries.computeIfAbsent(latest.documentId(), d -> new HashMap<>()).put(latest.version(), latest.expiresAt());
        }
        List<DocumentStatus> statuses = new ArrayList<>();
        for (RequiredDocument required : requiredDocuments()) {
            Map<String, Instant> versions = expiries.get(required.documentId());
            AcknowledgementStatus status;
            Instant expiresAt = null;
            if (versions == null || versions.isEmpty()) {
                status = AcknowledgementStatus.MISSING;
            } else if (versions.containsKey(required.version())) {
                expiresAt = versions.get(required.version());
                status = expiresAt.isAfter(now) ? AcknowledgementStatus.CURRENT : AcknowledgementStatus.EXPIRED;
            } else {
                status = AcknowledgementStatus.OUTDATED;
            }
            statuses.add(new DocumentStatus(required.documentId(), required.version(), required.title(),
                    required.languages(), status, expiresAt));
        }
        AcknowledgementStatus overall = AcknowledgementStatus.CURRENT;
        for (AcknowledgementStatus worst : List.of(AcknowledgementStatus.MISSING, AcknowledgementStatus.OUTDATED,
                AcknowledgementStatus.EXPIRED)) {
            if (statuses.stream().anyMatch(s -> s.status() == worst)) {
                overall = worst;
                break;
            }
        }
        return new StatusReport(username, overall, statuses, SIGN_AT);
    }

    // ---- acknowledging ---------------------------------------------------------------------

    /** {@code POST /acknowledgements}: the requester acknowledges a text by typing their own name. */
    public Acknowledgement acknowledge(Requester requester, NewAcknowledgement input, Client client) {
        if (input == null) {
            throw AcknowledgementException.invalid("body",
                    "a JSON object with documentId, version, language and typedName");
        }
        String username = requester.username();
        if (input.username() != null && !Usernames.normalize(input.username()).map(username::equals).orElse(false)) {
            audit.record(AuditEvent.of(AuditEventType.ACKNOWLEDGEMENT, requester.actor(),
                    "person:" + Usernames.normalize(input.username()).orElse("invalid") + "/acknowledgement")
                    .withDecision("DENIED"));
            throw AcknowledgementException.forbidden("You can acknowledge only for yourself. A signature on paper is "
                    + "logged by STAFF with POST /api/v1/acknowledgements/paper.");
        }
        PolicyDocuments.Text text = currentText(input.documentId(), input.version(), input.language());
        String typedName = name("typedName", input.typedName());
        String displayName = people.displayName(username).orElse(requester.displayName());
        if (!comparable(typedName).equals(comparable(displayName))) {
            throw AcknowledgementException.invalid("typedName", "type your name as your account shows it ("
                    + displayName + "); case and extra spaces do not matter");
        }
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = expiry(signedAt);
        UUID id = UUID.randomUUID();
        Receipt receipt = receipt(id, username, Acknowledgement.ONLINE, input.documentId(), input.version(), text)
                .field("typed-name", typedName)
                .field("signed-at", signedAt)
                .field("expires-at", expiresAt)
                .field("recorded-by", username)
                .field("gateway-key", key.fingerprint());
        return store(new AcknowledgementDao.Row(id, username, input.documentId(), input.version(), text.language(),
                text.sha256(), Acknowledgement.ONLINE, typedName, null, null, signedAt, expiresAt, username,
                client.address(), client.userAgent(), receipt.text(), key.detachedSignature(receipt.bytes()),
                key.fingerprint()), requester.actor(), "SIGNED");
    }

    /** {@code POST /acknowledgements/paper}: staff log an acknowledgement signed on paper. */
    public Acknowledgement recordPaper(String actor, PaperAcknowledgement input) {
        if (input == null) {
            throw AcknowledgementException.invalid("body",
                    "a JSON object with username, documentId, version, language, signedOn and witness");
        }
        String username = Usernames.normalize(input.username())
                .orElseThrow(() -> AcknowledgementException.invalid("username", "the username of the person who signed"));
        PolicyDocuments.Text text = currentText(input.documentId(), input.version(), input.language());
        LocalDate signedOn;
        try {
            signedOn = LocalDate.parse(input.signedOn() == null ? "" : input.signedOn());
        } catch (DateTimeParseException e) {
            throw AcknowledgementException.invalid("signedOn", "the date on the form, as YYYY-MM-DD");
        }
        String witness = name("witness", input.witness());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (signedOn.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw AcknowledgementException.invalid("signedOn", signedOn + " is in the future");
        }
        Instant signedAt = signedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant expiresAt = expiry(signedAt);
        if (!expiresAt.isAfter(now)) {
            throw AcknowledgementException.invalid("signedOn", signedOn + " is longer ago than an acknowledgement is "
                    + "valid (" + validity + "); the person must sign the current text again");
        }
        if (people.displayName(username).isEmpty()) {
            throw AcknowledgementException.invalid("username", "no person has the username " + username);
        }
        UUID id = UUID.randomUUID();
        Receipt receipt = receipt(id, username, Acknowledgement.PAPER, input.documentId(), input.version(), text)
                .field("signed-on", signedOn.toString())
                .field("witness", witness)
                .field("signed-at", signedAt)
                .field("expires-at", expiresAt)
                .field("recorded-by", actor)
                .field("recorded-at", now)
                .field("gateway-key", key.fingerprint());
        return store(new AcknowledgementDao.Row(id, username, input.documentId(), input.version(), text.language(),
                text.sha256(), Acknowledgement.PAPER, null, signedOn, witness, signedAt, expiresAt, actor, null, null,
                receipt.text(), key.detachedSignature(receipt.bytes()), key.fingerprint()), actor, "PAPER_RECORDED");
    }

    /**
     * For the demo: makes every required document current for {@code username} (a paper record by
     * {@code system}, English text), unless it is already. Returns true if anything was recorded.
     */
    public boolean ensureCurrent(String username, String language, String witness) {
        Instant now = clock.instant();
        StatusReport report = report(username, now);
        boolean recorded = false;
        for (DocumentStatus document : report.documents()) {
            if (document.status() != AcknowledgementStatus.CURRENT) {
                String lang = document.languages().contains(language) ? language : document.languages().get(0);
                recordPaper("system", new PaperAcknowledgement(username, document.documentId(), document.version(), lang,
                        LocalDate.ofInstant(now, ZoneOffset.UTC).toString(), witness));
                recorded = true;
            }
        }
        return recorded;
    }

    /** {@code GET /acknowledgements?username=}: one's own; STAFF and AUDITOR may ask for anyone. */
    public List<Acknowledgement> list(Requester requester, String rawUsername) {
        return acknowledgements.list(visibleUsername(requester, rawUsername), MAX_LIST).stream()
                .map(AcknowledgementDao.Row::view).toList();
    }

    /**
     * One acknowledgement, if it is the requester's own: a receipt page and its downloads show
     * nobody else's, whatever their role. Empty for someone else's, an unknown id or one that is
     * not an id at all, so that a stranger's receipt looks like no receipt.
     */
    public Optional<Acknowledgement> own(Requester requester, String id) {
        return byId(id).filter(row -> row.username().equals(requester.username())).map(AcknowledgementDao.Row::view);
    }

    /** One acknowledgement under the rule of {@link #list}: one's own, or anyone's for STAFF and AUDITOR. */
    public Optional<Acknowledgement> find(Requester requester, String id) {
        return byId(id).filter(row -> row.username().equals(requester.username())
                        || MAY_SEE_OTHERS.stream().anyMatch(requester::hasRole))
                .map(AcknowledgementDao.Row::view);
    }

    private Optional<AcknowledgementDao.Row> byId(String id) {
        UUID uuid;
        try {
            uuid = id == null || id.length() != 36 ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            uuid = null;
        }
        return uuid == null ? Optional.empty() : acknowledgements.byId(uuid);
    }

    /** {@code GET /acknowledgements/status?username=}: the same rule as {@link #list}. */
    public StatusReport report(Requester requester, String rawUsername) {
        return report(visibleUsername(requester, rawUsername), clock.instant());
    }

    private String visibleUsername(Requester requester, String rawUsername) {
        if (rawUsername == null || rawUsername.isEmpty()) {
            return requester.username();
        }
        String username = Usernames.normalize(rawUsername)
                .orElseThrow(() -> AcknowledgementException.invalid("username", "not a valid username"));
        if (!username.equals(requester.username()) && MAY_SEE_OTHERS.stream().noneMatch(requester::hasRole)) {
            throw AcknowledgementException.forbidden("Only STAFF and AUDITOR may see someone else's acknowledgements.");
        }
        return username;
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The text people may acknowledge now: a known document, its current version, a language it has. */
    private PolicyDocuments.Text currentText(String documentId, String version, String language) {
        if (documentId == null || documentId.isEmpty()) {
            throw AcknowledgementException.invalid("documentId", "required; one of " + documentIds());
        }
        PolicyDocuments.Document document = documents.document(documentId).orElseThrow(() ->
                AcknowledgementException.invalid("documentId", "unknown document '" + printable(documentId)
                        + "'; one of " + documentIds()));
        if (version == null || version.isEmpty()) {
            throw AcknowledgementException.invalid("version", "required; the current version of " + documentId
                    + " is " + document.currentVersion());
        }
        PolicyDocuments.Version found = document.version(version).orElseThrow(() ->
                AcknowledgementException.invalid("version", documentId + " has no version '" + printable(version)
                        + "'; the current version is " + document.currentVersion()));
        if (!found.version().equals(document.currentVersion())) {
            throw AcknowledgementException.invalid("version", "version " + version + " of " + documentId
                    + " is no longer current; acknowledge the current text, version " + document.currentVersion());
        }
        if (language == null || language.isEmpty()) {
            throw AcknowledgementException.invalid("language", "required; one of " + found.texts().keySet());
        }
        return found.text(language).orElseThrow(() -> AcknowledgementException.invalid("language", documentId + " "
                + version + " has no text in '" + printable(language) + "'; one of " + found.texts().keySet()));
    }

    private List<String> documentIds() {
        return documents.documents().stream().map(PolicyDocuments.Document::id).toList();
    }

    private Receipt receipt(UUID id, String username, String method, String documentId, String version,
                            PolicyDocuments.Text text) {
        PolicyDocuments.Document document = documents.document(documentId).orElseThrow();
        return Receipt.builder()
                .field("id", id.toString())
                .field("username", username)
                .field("method", method)
                .field("document-id", documentId)
                .field("document-title", document.title())
                .field("version", version)
                .field("language", text.language())
                .field("document-sha256", text.sha256())
                .field("document-url", "/api/v1/policy-documents/" + documentId + "/" + version + "/" + text.language());
    }

    private Acknowledgement store(AcknowledgementDao.Row row, String actor, String decision) {
        jdbi.useTransaction(h -> {
            h.attach(AcknowledgementDao.class).insert(row);
            audit.record(AuditEvent.of(AuditEventType.ACKNOWLEDGEMENT, actor, "person:" + row.username()
                    + "/acknowledgement:" + row.id() + "/" + row.documentId() + "/" + row.version() + "/" + row.language())
                    .withDecision(decision));
        });
        return row.view();
    }

    private Instant expiry(Instant signedAt) {
        return signedAt.atZone(ZoneOffset.UTC).plus(validity).toInstant();
    }

    /** A typed name or witness: 1-200 characters of printable text, stored NFC-normalized and trimmed. */
    private static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw AcknowledgementException.invalid(field, "required");
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC).strip().replaceAll("(?U)\\s+", " ");
        if (normalized.length() > MAX_NAME) {
            throw AcknowledgementException.invalid(field, "at most " + MAX_NAME + " characters");
        }
        if (normalized.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || (c >= 0xD800 && c <= 0xDFFF))) {
            throw AcknowledgementException.invalid(field, "contains a control character or broken Unicode");
        }
        return normalized;
    }

    /** Names compare without regard to case, Unicode composition or runs of whitespace. */
    static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("(?U)\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Echoing input in a message: bounded and without control characters. */
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
