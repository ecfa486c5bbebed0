package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/**
 * Runs the conformance table (src/test/resources/policy/conformance.yml) against the real policy
 * files: every scenario's outcome, rule ids (in order), approvers and grant must match.
 */
class PolicyConformanceTest {

    record Scenario(String name, JsonNode node) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every {@code conformance*.yml} under src/test/resources/policy/: one table per topic, so a rule
     * change adds its own file (or rows to the file of its clause) without rewriting the others.
     */
    static List<Scenario> scenarios() throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : tables()) {
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
                root.get("scenarios").forEach(node -> scenarios.add(new Scenario(node.get("name").asText(), node)));
            }
        }
        return scenarios;
    }

    private static List<Path> tables() throws IOException {
        try {
            Path directory = Path.of(PolicyConformanceTest.class.getResource("/policy/conformance.yml").toURI()).getParent();
            try (Stream<Path> files = Files.list(directory)) {
                return files.filter(f -> f.getFileName().toString().matches("conformance.*\\.yml")).sorted().toList();
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    static Stream<Arguments> table() throws IOException {
        return scenarios().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void scenario(Scenario scenario) {
        Decision decision = decide(scenario.node());
        JsonNode expect = scenario.node().get("expect");
        assertThat(decision.outcome()).as("outcome; reasons: %s", decision.reasons())
                .isEqualTo(Outcome.valueOf(expect.get("outcome").asText()));
        assertThat(decision.ruleIds()).as("rule ids").containsExactlyElementsOf(texts(expect.get("rules")));
        if (expect.has("approvers")) {
            assertThat(decision.approvers()).as("approvers")
                    .extracting(a -> a.role() + " " + a.scopeType() + " " + a.scopeId())
                    .containsExactlyInAnyOrderElementsOf(texts(expect.get("approvers")));
        }
        if (expect.has("grant")) {
            assertThat(decision.allowedBy()).isNotNull();
            assertThat(decision.allowedBy().id()).isEqualTo(expect.get("grant").asText());
        }
        if (expect.has("steps")) {
            // Each step "RULE: ROLE SCOPE ID, ...": every one must be given (escalations add reviewers).
            assertThat(decision.steps()).as("approval steps")
                    .extracting(step -> step.rule() + ": " + String.join(", ", step.approvers().stream()
                            .map(a -> a.role() + " " + a.scopeType() + " " + a.scopeId()).toList()))
                    .containsExactlyElementsOf(texts(expect.get("steps")));
        }
        if (expect.has("rows")) {
            assertThat(decision.rows()).isEqualTo(RowSet.valueOf(expect.get("rows").asText()));
        }
        assertThat(decision.policyVersion()).isEqualTo(PolicyWorld.POLICY.version());
        for (Reason reason : decision.reasons()) {
            assertThat(reason.clause()).as("every reason cites the policy").matches("(confidentiality|AP&P) .*§.*");
            assertThat(reason.message()).isNotBlank();
        }
    }

    @Test
    void theTableIsLargeAndProducesEveryContractRuleId() throws IOException {
        List<Scenario> scenarios = scenarios();
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(60);
        assertThat(scenarios).extracting(Scenario::name).doesNotHaveDuplicates();
        Set<RuleId> produced = EnumSet.noneOf(RuleId.class);
        for (Scenario scenario : scenarios) {
            decide(scenario.node()).reasons().forEach(r -> produced.add(r.rule()));
        }
        assertThat(produced).containsExactlyInAnyOrder(RuleId.values());
    }

    /** A scenario's request and facts, built once (the benchmark reuses them). */
    record Input(AccessRequest request, Facts facts) {
    }

    static Decision decide(JsonNode scenario) {
        Input input = input(scenario);
        return PolicyWorld.ENGINE.decide(input.request(), input.facts());
    }

    static Input input(JsonNode scenario) {
        JsonNode who = scenario.get("requester");
        Requester requester = who.has("vendor") ? Requester.vendor(who.get("vendor").asLong(), "A vendor")
                : PolicyWorld.person(enums(Role.class, who.get("roles")), set(who.get("locals")), set(who.get("regions")),
                        set(who.get("employerGroups")));
        List<CandidacyFact> candidacies = texts(scenario.get("candidacies")).stream().map(PolicyWorld::candidacy).toList();
        AcknowledgementStatus ack = who.has("acknowledgement")
                ? AcknowledgementStatus.valueOf(who.get("acknowledgement").asText()) : AcknowledgementStatus.CURRENT;
        JsonNode r = scenario.get("request");
        Long campaignId = r.hasNonNull("campaignId") ? r.get("campaignId").asLong() : null;
        Long agreementId = scenario.has("agreement") ? scenario.get("agreement").asLong() : null;
        long rows = scenario.has("rows") ? scenario.get("rows").asLong() : 500;
        Channel channel = !r.has("channel") ? Channel.EMAIL : r.get("channel").isNull() ? null : Channel.valueOf(r.get("channel").asText());
        List<String> fields = r.has("fields") ? texts(r.get("fields")) : List.of("first_name", "last_name", "home_email");
        AccessRequest request = new AccessRequest(Purpose.valueOf(r.get("purpose").asText()), campaignId,
                PolicyWorld.scope(r.get("scope").asText()), filters(r.get("filters"), r.get("electionId")),
                r.has("audience") ? Audience.valueOf(r.get("audience").asText()) : Audience.MEMBERS, channel, fields, "test");
        long earlier = scenario.has("earlierRows") ? scenario.get("earlierRows").asLong() : 0;
        return new Input(request, PolicyWorld.facts(requester, candidacies, ack, campaignId, agreementId, rows, earlier));
    }

    /** {@code filters: {worksite: ..., classification: ...}}; absent = none. */
    /** A row's {@code filters} (worksite, classification) and its {@code electionId}, for voting data. */
    private static AccessRequest.Filters filters(JsonNode node, JsonNode electionId) {
        String election = electionId == null || electionId.isNull() ? null : electionId.asText();
        if ((node == null || node.isNull()) && election == null) {
            return AccessRequest.Filters.NONE;
        }
        return new AccessRequest.Filters(node != null && node.hasNonNull("worksite") ? node.get("worksite").asText() : null,
                node != null && node.hasNonNull("classification") ? node.get("classification").asText() : null, election);
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    private static Set<String> set(JsonNode node) {
        return new LinkedHashSet<>(texts(node));
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, JsonNode node) {
        Set<E> values = EnumSet.noneOf(type);
        texts(node).forEach(t -> values.add(Enum.valueOf(type, t)));
        return values;
    }
}
