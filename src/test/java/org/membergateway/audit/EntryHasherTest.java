package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** The canonical form against an independent RFC 8785 implementation, and the worked example of docs/audit-format.md. */
class EntryHasherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EntryHasher hasher = new EntryHasher();

    /** The entry as a plain JSON object in arbitrary member order, null members left out, then JCS'd by erdtman. */
    private static String jcs(long seq, String at, String actor, String action, String target, String decision,
                              List<String> reasons, String policyVersion, Long rows, String exportDigest) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", seq);
        if (target != null) {
            o.put("target", target);
        }
        o.putArray("reasons").addAll(reasons.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (rows != null) {
            o.put("rows", rows);
        }
        if (exportDigest != null) {
            o.put("exportDigest", exportDigest);
        }
        o.put("actor", actor);
        if (policyVersion != null) {
            o.put("policyVersion", policyVersion);
        }
        o.put("at", at);
        if (decision != null) {
            o.put("decision", decision);
        }
        o.put("action", action);
        return new JsonCanonicalizer(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o)).getEncodedString();
    }

    @Test
    void canonicalBytesAreRfc8785ForAllKindsOfValues() throws Exception {
        String[] texts = {"plain", "quote \" and backslash \\ and slash /", "Ph\u1ea1m V\u0103n \u0110\u1ee9c",
            "emoji \ud83d\udcdc and \u00e9", "tab\tnew\nline\u0001ctl", "\u007f del", "a".repeat(500)};
        for (String text : texts) {
            for (boolean withOptionals : new boolean[] {true, false}) {
                String at = "2026-11-03T10:15:30.123400Z";
                List<String> reasons = withOptionals ? List.of("OUT_OF_SCOPE", "DEFAULT_DENY") : List.of();
                String target = withOptionals ? text : null;
                String decision = withOptionals ? "DENIED" : null;
                String policy = withOptionals ? "2017-11-18+sha256.ab12" : null;
                Long rows = withOptionals ? 9_007_199_254_740_991L : null;
                String digest = withOptionals ? "ab".repeat(32) : null;
                String expected = jcs(7, at, text, "DECISION", target, decision, reasons, policy, rows, digest);
                byte[] ours = hasher.canonical(7, at, text, "DECISION", target, decision, reasons, policy, rows, digest);
                assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(ours).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void theWorkedExampleOfTheFormatDocument() {
        AuditEntry entry = new AuditEntry(1, Instant.parse("2026-11-03T10:15:30.1234Z"), "lpresident83", "DECISION",
                "list-request:42", "DENIED", List.of("OUT_OF_SCOPE"), "2017-11-18", null, null,
                Sha256Hash.ZERO, Sha256Hash.ZERO);
        String canonical = new String(hasher.canonical(entry), StandardCharsets.UTF_8);
        assertThat(canonical).isEqualTo("{\"action\":\"DECISION\",\"actor\":\"lpresident83\",\"at\":\"2026-11-03T10:15:30.123400Z\","
                + "\"decision\":\"DENIED\",\"policyVersion\":\"2017-11-18\",\"reasons\":[\"OUT_OF_SCOPE\"],\"seq\":1,"
                + "\"target\":\"list-request:42\"}");
        byte[] leaf = hasher.leafHash(entry);
        assertThat(leaf).isEqualTo(Rfc6962.leafHash(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] hash = hasher.entryHash(Sha256Hash.ZERO.bytes(), leaf);
        assertThat(HexFormat.of().formatHex(leaf)).isEqualTo(WORKED_LEAF);
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(WORKED_HASH);
    }

    @Test
    void theCheckpointExampleOfTheFormatDocument() throws Exception {
        // The example key's private seed is the bytes 1..32; Ed25519 is deterministic.
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (i + 1);
        }
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(HexFormat.of().parseHex("302e020100300506032b657004220420"
                        + HexFormat.of().formatHex(seed))));
        byte[] publicKey = java.util.Arrays.copyOfRange(java.util.Base64.getDecoder().decode(
                "AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk"), 1, 33);
        org.membergateway.crypto.SignedNote.Signer signer =
                new org.membergateway.crypto.SignedNote.Signer("member-gateway/audit", key, publicKey);
        assertThat(signer.verifierKey()).isEqualTo("member-gateway/audit+51f0d8b6+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk");
        assertThat(signer.sign(Checkpointer.body("member-gateway/audit", 1, HexFormat.of().parseHex(WORKED_LEAF))))
                .isEqualTo("member-gateway/audit\n1\noSrDabU87Ko18yFPpiiANadrmh8BWibvoI7qbX/x86Y=\n\n"
                        + "\u2014 member-gateway/audit UfDYtk9Bmz5TrM7CwN/3RTVYAM5ROoTCKq4A4Q58PjdFZIrl4vsY70ND0Rb2qkEXnUHi8iL"
                        + "PkbNm44nXIu6vyN624Ak=\n");
    }

    static final String WORKED_LEAF = "a12ac369b53cecaa35f3214fa6288035a76b9a1f015a26efa08eea6d7ff1f3a6";
    static final String WORKED_HASH = "1d3c2c35b410d6b94f6a3626ff1c1a3d153e5e17a9dd3c2fc94465b1f6ccc131";

    @Test
    void theLogLineAddsBothHashesInCanonicalOrder() throws Exception {
        AuditEntry entry = new AuditEntry(3, Instant.parse("2026-11-03T10:15:30Z"), "system", "MEMBER_IMPORT", "members",
                null, List.of(), null, 72_000L, null, Sha256Hash.ZERO, Sha256Hash.ofHex("ff".repeat(32)));
        String line = hasher.jsonLine(entry);
        assertThat(line).isEqualTo(new JsonCanonicalizer(line).getEncodedString())
                .contains("\"hash\":\"" + "ff".repeat(32) + "\"")
                .contains("\"prevHash\":\"" + "00".repeat(32) + "\"")
                .contains("\"at\":\"2026-11-03T10:15:30.000000Z\"");
    }

    /** A binary COPY tuple of the verifier's 14 columns, as PostgreSQL would send it. */
    private static byte[] tuple(long seq, long postgresMicros, String actor, String action, String target, String decision,
                                String reasons, String policy, Long rows, String digest) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream data = new java.io.DataOutputStream(out);
        try {
            data.writeShort(14);
            data.writeInt(8);
            data.writeLong(seq);
            data.writeInt(8);
            data.writeLong(postgresMicros);
            for (String text : new String[] {actor, action, target, decision, reasons, policy}) {
                writeText(data, text);
            }
            if (rows == null) {
                data.writeInt(-1);
            } else {
                data.writeInt(8);
                data.writeLong(rows);
            }
            writeText(data, digest);
            for (int i = 0; i < 3; i++) {
                data.writeInt(32);
                data.write(new byte[32]);
            }
            data.writeInt(6); // ctid (block, offset)
            data.writeInt((int) seq / 30);
            data.writeShort((int) seq % 30 + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeText(java.io.DataOutputStream data, String text) throws java.io.IOException {
        if (text == null) {
            data.writeInt(-1);
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            data.writeInt(utf8.length);
            data.write(utf8);
        }
    }

    @Test
    void theVerifiersByteLevelPathHashesExactlyLikeTheWriter() {
        java.util.Random random = new java.util.Random(5);
        StoredColumns row = new StoredColumns();
        StoredColumns.TimeFormatter times = new StoredColumns.TimeFormatter();
        String[] texts = {"plain", "quote \" and \\", "Ph\u1ea1m V\u0103n \u0110\u1ee9c", "emoji \ud83d\udcdc", "tab\tctl\u0001"};
        for (int i = 0; i < 2_000; i++) {
            // Times from year 1 to 9999, and around today.
            Instant at = i % 2 == 0 ? Instant.ofEpochSecond(-62_135_596_800L + (long) (random.nextDouble() * 315_537_897_599L),
                    random.nextInt(1_000_000) * 1000L) : Instant.now().plusSeconds(random.nextInt(1_000_000));
            long micros = postgresMicros(at);
            String text = texts[i % texts.length];
            List<String> reasons = i % 3 == 0 ? List.of() : i % 3 == 1 ? List.of("OUT_OF_SCOPE") : List.of("A1", "B_2", "C");
            String target = i % 4 == 0 ? null : text;
            Long rows = i % 5 == 0 ? null : (long) i;
            String digest = i % 2 == 0 ? null : "cd".repeat(32);
            assertThat(row.parse(tuple(i + 1, micros, text, "DECISION", target, i % 7 == 0 ? null : "DENIED",
                    String.join(",", reasons), "v1", rows, digest))).isTrue();
            byte[] fromBytes = hasher.leafHashOfStored(i + 1, times.format(micros).clone(), row.row, row.offset, row.length, rows);
            byte[] fromStrings = hasher.leafHash(i + 1, AuditTime.format(AuditTime.truncate(at)), text, "DECISION", target,
                    i % 7 == 0 ? null : "DENIED", reasons, "v1", rows, digest);
            assertThat(fromBytes).as("entry %d at %s", i, at).isEqualTo(fromStrings);
        }
        for (String malformed : new String[] {",A", "A,", "A,,B", "a", "A B", "1A"}) {
            assertThat(row.parse(tuple(1, 0, "x", "DECISION", null, null, malformed, null, null, null))).isTrue();
            assertThat(hasher.leafHashOfStored(1, times.format(0), row.row, row.offset, row.length, null)).as(malformed).isNull();
        }
        assertThat(times.format(postgresMicros(Instant.parse("+10000-01-01T00:00:00Z")))).isNull();
    }

    private static long postgresMicros(Instant at) {
        return (at.getEpochSecond() - 946_684_800L) * 1_000_000L + at.getNano() / 1000;
    }

    @Test
    void timesAreUtcMicrosecondsWithSixDigits() {
        assertThat(AuditTime.format(AuditTime.truncate(Instant.parse("2026-11-03T10:15:30.123456789Z"))))
                .isEqualTo("2026-11-03T10:15:30.123456Z");
        assertThat(AuditTime.format(Instant.parse("2026-11-03T10:15:30Z"))).isEqualTo("2026-11-03T10:15:30.000000Z");
    }

    @Test
    void eventsRejectValuesThatHaveNoPlaceInTheTrail() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditEvent.of(AuditEventType.DECISION, "a\nb", null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditEvent.of(AuditEventType.DECISION, "x", null)
                .withReasons(List.of("not a rule"))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditEvent.of(AuditEventType.DECISION, "x", null)
                .withExportDigest("ABC")).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditEvent.of(AuditEventType.DECISION, "x", "\ud800"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
