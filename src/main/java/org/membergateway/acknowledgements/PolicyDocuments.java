package org.membergateway.acknowledgements;

import org.membergateway.policy.PolicyException;

import org.membergateway.policy.PolicySource;
import org.membergateway.policy.PolicyYaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The texts people acknowledge (confidentiality §10), loaded once at start from
 * {@code documents/index.yml} of a {@link PolicySource}: documents, their versions, each version's
 * text per language with its SHA-256 (computed here, from the exact bytes that are served), which
 * version is current, and which documents are required before anyone receives member data.
 *
 * <p>Anything wrong (a missing file, a current version that is not listed, text that is not UTF-8,
 * an unknown key in the index) is a {@link PolicyException} naming the entry: the gateway does
 * not start under a policy it cannot read.
 */
public final class PolicyDocuments {

    public static final String INDEX = "documents/index.yml";
    private static final String TEXT_ROOT = "documents/";
    public static final int MAX_INDEX_BYTES = 256 * 1024;
    public static final int MAX_TEXT_BYTES = 512 * 1024;
    public static final Pattern DOCUMENT_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    /** ISO 639-1 (or -3) codes, lower case: en, vi, es, ... */
    public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** One text: a version of a document in one language. */
    public record Text(String language, String path, byte[] bytes, String sha256) {
        public Text {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Text[" + path + " sha256=" + sha256 + "]";
        }
    }

    /** One version of a document, with its texts by language (in the index's order). */
    public record Version(String version, LocalDate published, Map<String, Text> texts) {
        public Version {
            texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }

        public Optional<Text> text(String language) {
            return Optional.ofNullable(texts.get(language));
        }
    }

    /** A document people acknowledge. */
    public record Document(String id, String title, boolean required, String currentVersion, List<Version> versions) {
        public Document {
            versions = List.copyOf(versions);
        }

        public Optional<Version> version(String version) {
            return versions.stream().filter(v -> v.version().equals(version)).findFirst();
        }

        public Version current() {
            return version(currentVersion).orElseThrow();
        }
    }

    // The index as written; records so that Jackson rejects unknown keys and we check the rest.
    record IndexFile(List<DocumentEntry> documents) { }

    record DocumentEntry(String id, String title, Boolean required, String currentVersion, List<VersionEntry> versions) { }

    record VersionEntry(String version, String published, LinkedHashMap<String, String> texts) { }

    private final PolicySource source;
    private final List<Document> documents;

    private PolicyDocuments(PolicySource source, List<Document> documents) {
        this.source = source;
        this.documents = List.copyOf(documents);
    }

    /** The bundled documents, or those of {@code policy.directory} when configured. */
    public static PolicyDocuments load(PolicySource source) {
        String where = source.describe(INDEX);
        byte[] bytes = source.read(INDEX, MAX_INDEX_BYTES)
                .orElseThrow(() -> new PolicyException(where + " is missing: it lists the texts people acknowledge"));
        IndexFile index;
        try {
            // A key written twice would silently win over the first: refuse it, and unknown keys (typos) too.
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            index = yaml.readValue(utf8(where, bytes), IndexFile.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(where + ": " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new PolicyException(where + ": " + e.getMessage(), e);
        }
        if (index == null || index.documents() == null || index.documents().isEmpty()) {
            throw new PolicyException(where + ": 'documents' must list at least one document");
        }
        List<Document> documents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < index.documents().size(); i++) {
            Document document = document(source, where + ": documents[" + i + "]", index.documents().get(i));
            if (!ids.add(document.id())) {
                throw new PolicyException(where + ": documents[" + i + "].id: '" + document.id() + "' is listed twice");
            }
            documents.add(document);
        }
        if (documents.stream().noneMatch(Document::required)) {
            throw new PolicyException(where + ": no document is 'required: true'; at least the confidentiality "
                    + "agreement must be (confidentiality §10)");
        }
        return new PolicyDocuments(source, documents);
    }

    private static Document document(PolicySource source, String at, DocumentEntry entry) {
        if (entry == null) {
            throw new PolicyException(at + ": empty entry");
        }
        String id = require(at + ".id", entry.id(), DOCUMENT_ID, "lower-case letters, digits and '-'");
        if (entry.title() == null || entry.title().isBlank() || entry.title().length() > 200) {
            throw new PolicyException(at + ".title: required, at most 200 characters");
        }
        if (entry.required() == null) {
            throw new PolicyException(at + ".required: say true or false");
        }
        if (entry.versions() == null || entry.versions().isEmpty()) {
            throw new PolicyException(at + ".versions: at least one version");
        }
        List<Version> versions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < entry.versions().size(); v++) {
            Version version = version(source, at + ".versions[" + v + "]", entry.versions().get(v));
            if (!seen.add(version.version())) {
                throw new PolicyException(at + ".versions[" + v + "].version: '" + version.version() + "' is listed twice");
            }
            versions.add(version);
        }
        String current = require(at + ".currentVersion", entry.currentVersion(), VERSION, "a listed version");
        if (!seen.contains(current)) {
            throw new PolicyException(at + ".currentVersion: '" + current + "' is not one of the listed versions "
                    + seen);
        }
        return new Document(id, entry.title().strip(), entry.required(), current, versions);
    }

    private static Version version(PolicySource source, String at, VersionEntry entry) {
        if (entry == null) {
            throw new PolicyException(at + ": empty entry");
        }
        String version = require(at + ".version", entry.version(), VERSION,
                "1-32 of A-Z a-z 0-9 . _ -, starting with a letter or digit (quote dates: \"2017-11-18\")");
        LocalDate published;
        try {
            published = LocalDate.parse(String.valueOf(entry.published()));
        } catch (DateTimeParseException e) {
            throw new PolicyException(at + ".published: an ISO date such as 2017-11-18");
        }
        if (entry.texts() == null || entry.texts().isEmpty()) {
            throw new PolicyException(at + ".texts: at least one language");
        }
        Map<String, Text> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> text : entry.texts().entrySet()) {
            String language = require(at + ".texts", text.getKey(), LANGUAGE, "a language code such as en or vi");
            String path = text.getValue();
            String field = at + ".texts." + language;
            if (path == null || path.isBlank()) {
                throw new PolicyException(field + ": the file of this text, relative to documents/");
            }
            String relative = TEXT_ROOT + path.strip();
            byte[] bytes;
            try {
                bytes = source.read(relative, MAX_TEXT_BYTES).orElseThrow(() -> new PolicyException(
                        field + ": " + source.describe(relative) + " does not exist"));
            } catch (PolicyException e) {
                throw e.getMessage().startsWith(field) ? e : new PolicyException(field + ": " + e.getMessage(), e);
            }
            String decoded = utf8(field + ": " + source.describe(relative), bytes);
            if (decoded.isBlank()) {
                throw new PolicyException(field + ": " + source.describe(relative) + " is empty");
            }
            if (decoded.startsWith("\uFEFF")) {
                throw new PolicyException(field + ": " + source.describe(relative)
                        + " starts with a byte order mark; save it as UTF-8 without BOM");
            }
            texts.put(language, new Text(language, relative, bytes, PolicyYaml.sha256(bytes)));
        }
        return new Version(version, published, texts);
    }

    private static String require(String at, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new PolicyException(at + ": " + (value == null ? "missing" : "'" + value + "' is not valid")
                    + "; expected " + expected);
        }
        return value;
    }

    private static String utf8(String where, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyException(where + " is not valid UTF-8");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Every document, in the index's order. */
    public List<Document> documents() {
        return documents;
    }

    public Optional<Document> document(String id) {
        return documents.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The documents everyone must have acknowledged (current version, not expired) before receiving member data. */
    public List<Document> required() {
        return documents.stream().filter(Document::required).toList();
    }

    public PolicySource source() {
        return source;
    }
}
