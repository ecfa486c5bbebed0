package org.membergateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.membergateway.acknowledgements.NewAcknowledgement;
import org.membergateway.acknowledgements.PaperAcknowledgement;
import org.membergateway.directory.NewCampaign;
import org.membergateway.directory.NewCandidacy;
import org.membergateway.directory.NewPerson;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.exports.LeakTracer;
import org.membergateway.http.ApiException;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.JsonBodyErrorMapper;
import org.membergateway.http.JsonLimits;
import org.membergateway.members.MemberCsv;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AccessRequestParser;
import org.membergateway.policy.Audience;
import org.membergateway.policy.CampaignFact;
import org.membergateway.policy.CandidacyFact;
import org.membergateway.policy.Channel;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.PolicyFacts;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;
import org.membergateway.requests.ApprovalBody;
import org.membergateway.vendors.DestructionBody;
import org.membergateway.vendors.ExtractBody;
import org.membergateway.vendors.NewAgreement;
import org.membergateway.vendors.NewVendor;

/**
 * Fuzz target (a): bytes as the body of every JSON endpoint, read by a mapper configured as
 * GatewayApplication configures the API's (unknown fields refused, {@link JsonLimits}), answered
 * through {@link JsonBodyErrorMapper} exactly as Jersey would, and the list-request body also
 * through {@link AccessRequestParser} (decisions, list requests, vendor extracts). The first byte
 * picks the body type, the rest is the body.
 *
 * <p>Property: the only exceptions are Jackson's (which the mapper answers 4xx, never 5xx: a 500
 * here means a body type Jackson cannot build) and the parser's documented 400s; no message
 * repeats a string value of the body, except texts that are the API's own vocabulary (enum
 * constants, member field names) and the two places that quote an id or field name the client
 * typed ({@code scope.id}, {@code fields[i]}). Bounded work is the mapper's and parser's limits;
 * the long run (bench/fuzz/run.sh) enforces it with libFuzzer's time-out and memory limit.
 *
 * <p>In the normal build (no {@code JAZZER_FUZZ}) this replays the seeds and every input a long run
 * kept under {@code src/test/resources/org/membergateway/fuzz/JsonBodyFuzzTestInputs/}.
 */
class JsonBodyFuzzTest {

    static final List<Class<?>> BODIES = List.of(AccessRequestBody.class, ApprovalBody.class,
            ExportBuilder.ExportBody.class, NewPerson.class, NewCandidacy.class, NewCampaign.class, NewVendor.class,
            NewAgreement.class, ExtractBody.class, DestructionBody.class, NewAcknowledgement.class,
            PaperAcknowledgement.class, LeakTracer.TraceBody.class);

    private static final ObjectMapper API = apiMapper();
    private static final ObjectMapper LENIENT = new ObjectMapper();
    private static final JsonBodyErrorMapper ERRORS = new JsonBodyErrorMapper();
    private static final FieldCatalogue CATALOGUE = PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS).fields();
    /** Words the API may repeat because they are its own: enum constants and member field names. */
    private static final String VOCABULARY = vocabulary();
    private static final PolicyFacts FACTS = new PolicyFacts() {
        @Override
        public Optional<PlacedScope> place(ScopeType type, String id) {
            return switch (type) {
                case LOCAL -> "L001".equals(id) ? Optional.of(PlacedScope.local("L001", "R1", "STATE_AGENCIES"))
                        : Optional.empty();
                case REGION -> "R1".equals(id) ? Optional.of(PlacedScope.region("R1")) : Optional.empty();
                case EMPLOYER_GROUP -> "STATE_AGENCIES".equals(id)
                        ? Optional.of(PlacedScope.employerGroup("STATE_AGENCIES")) : Optional.empty();
                case STATEWIDE -> Optional.of(PlacedScope.STATEWIDE);
            };
        }

        @Override
        public List<CandidacyFact> candidacies(String username) {
            return List.of();
        }

        @Override
        public Optional<CampaignFact> campaign(long id) {
            return Optional.empty();
        }
    };

    static ObjectMapper apiMapper() {
        ObjectMapper mapper = Jackson.newObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonLimits.apply(mapper);
        return mapper;
    }

    @FuzzTest(maxDuration = "10m")
    void jsonBodies(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Class<?> type = BODIES.get(Byte.toUnsignedInt(data[0]) % BODIES.size());
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        String message;
        try {
            Object parsed = API.readValue(body, type);
            if (!(parsed instanceof AccessRequestBody request)) {
                return;
            }
            AccessRequestParser.parse(request, FACTS, CATALOGUE);
            return;
        } catch (JsonProcessingException e) {
            Response response = ERRORS.toResponse(e);
            if (response.getStatus() < 400 || response.getStatus() >= 500) {
                throw new AssertionError(type.getSimpleName() + ": answered " + response.getStatus(), e);
            }
            message = ((ErrorResponse) response.getEntity()).message();
        } catch (InvalidParameterException e) {
            message = e.getMessage();
        } catch (ApiException e) {
            if (e.status() < 400 || e.status() >= 500) {
                throw new AssertionError(type.getSimpleName() + ": answered " + e.status(), e);
            }
            message = e.getMessage();
        } catch (java.io.IOException e) {
            // Only a JsonProcessingException can come from a byte array; anything else is a surprise.
            throw new AssertionError(type.getSimpleName() + ": " + e.getClass().getName(), e);
        }
        if (message == null || message.isBlank()) {
            throw new AssertionError(type.getSimpleName() + ": a refusal without a message");
        }
        assertNoValueEchoed(type, body, message);
    }

    /** No string value of the body (8 characters or more, not the API's own words) is in the message. */
    static void assertNoValueEchoed(Class<?> type, byte[] body, String message) {
        JsonNode tree;
        try {
            tree = LENIENT.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return; // not JSON: the message is the mapper's "not valid JSON (line, column)"
        }
        List<String> values = new ArrayList<>();
        collect(tree, "", values);
        for (String value : values) {
            if (value.length() >= 8 && message.contains(value) && !VOCABULARY.contains(value)) {
                throw new AssertionError(type.getSimpleName() + ": the message repeats a value of the body");
            }
        }
    }

    private static void collect(JsonNode node, String path, List<String> values) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            // An id or field name the client typed may be quoted back ("there is no local L083").
            if (!path.equals("scope.id") && !path.matches("fields\\[\\d+]")) {
                values.add(node.textValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", values);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), (path.isEmpty() ? "" : path + ".") + field.getKey(), values);
            }
        }
    }

    private static String vocabulary() {
        StringBuilder words = new StringBuilder();
        for (Class<? extends Enum<?>> type : List.of(Purpose.class, Audience.class, Channel.class, ScopeType.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                words.append(constant.name()).append(' ');
            }
        }
        CATALOGUE.fields().forEach(f -> words.append(f).append(' '));
        words.append(ScopeType.STATEWIDE_ID);
        return words.toString();
    }
}
