package org.membergateway.acknowledgements;

import org.membergateway.policy.PolicyException;

import org.membergateway.policy.PolicySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts people acknowledge: what is bundled, and that every mistake in a policy directory stops the start, named. */
class PolicyDocumentsTest {

    /**
     * SHA-256 of the union's own Vietnamese text ("Confidentiality of member records", 18 Nov 2017),
     * as the union published it: the bundled copy must be that text byte for byte, because receipts
     * record this digest as what people acknowledged.
     */
    static final String UNION_TEXT_SHA256 = "bb184c9a702bf41b0a4c66a7af055ab488c0f904d96875443d060c8b97105bc5";

    @Test
    void theBundledDocumentsAreThePolicyAndTheAgreementInEnglishAndVietnamese() throws Exception {
        PolicyDocuments documents = PolicyDocuments.load(PolicySource.bundled());
        assertThat(documents.documents()).extracting(PolicyDocuments.Document::id)
                .containsExactly("confidentiality-policy", "confidentiality-agreement");
        assertThat(documents.required()).hasSize(2);
        PolicyDocuments.Document policy = documents.document("confidentiality-policy").orElseThrow();
        assertThat(policy.currentVersion()).isEqualTo("2017-11-18");
        assertThat(policy.current().texts().keySet()).containsExactly("en", "vi");
        PolicyDocuments.Text vi = policy.current().text("vi").orElseThrow();
        assertThat(vi.sha256()).as("an exact copy of the union's policy").isEqualTo(UNION_TEXT_SHA256)
                .isEqualTo(org.membergateway.policy.PolicyYaml.sha256(vi.bytes()));
        PolicyDocuments.Text en = policy.current().text("en").orElseThrow();
        assertThat(en.text()).startsWith("CONFIDENTIALITY OF MEMBER RECORDS").contains("November 18, 2017");
        assertThat(paragraphs(en.text())).as("the translation keeps the paragraphs, in order")
                .hasSize(paragraphs(vi.text()).size()).hasSize(13);

        PolicyDocuments.Text agreement = documents.document("confidentiality-agreement").orElseThrow()
                .current().text("en").orElseThrow();
        assertThat(agreement.text()).contains("officer elections", "password", "report", "not keep lists",
                "approved");
    }

    static List<String> paragraphs(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aPolicyDirectoryReplacesTheBundledCopy() throws Exception {
        Path dir = PolicyTestDirectories.withNewAgreementVersion("2027-01-01");
        PolicyDocuments documents = PolicyDocuments.load(PolicySource.configured(dir.toString()));
        PolicyDocuments.Document agreement = documents.document("confidentiality-agreement").orElseThrow();
        assertThat(agreement.currentVersion()).isEqualTo("2027-01-01");
        assertThat(agreement.versions()).extracting(PolicyDocuments.Version::version)
                .containsExactly("2026-11-01", "2027-01-01");
        assertThat(PolicySource.configured("").isBundled()).isTrue();
    }

    @Test
    void everyMistakeStopsTheLoadNamingTheEntry() throws Exception {
        expectError(dir -> Files.delete(dir.resolve("documents/index.yml")), "documents/index.yml is missing");
        expectError(dir -> Files.delete(dir.resolve("documents/confidentiality-policy/2017-11-18.vi.txt")),
                "documents[0].versions[0].texts.vi", "2017-11-18.vi.txt does not exist");
        expectError(dir -> replace(dir, "currentVersion: \"2017-11-18\"", "currentVersion: \"2018-01-01\""),
                "documents[0].currentVersion: '2018-01-01' is not one of the listed versions");
        expectError(dir -> replace(dir, "title: Confidentiality of member records", "titel: x"),
                "Unrecognized field \"titel\"", "line ");
        expectError(dir -> replace(dir, "id: confidentiality-agreement", "id: confidentiality-policy"),
                "documents[1].id: 'confidentiality-policy' is listed twice");
        expectError(dir -> replace(dir, "          en: confidentiality-policy/2017-11-18.en.txt",
                        "          EN: confidentiality-policy/2017-11-18.en.txt"),
                "documents[0].versions[0].texts: 'EN' is not valid");
        expectError(dir -> replace(dir, "en: confidentiality-policy/2017-11-18.en.txt", "en: ../../etc/passwd"),
                "documents[0].versions[0].texts.en", "Not a relative policy file path");
        expectError(dir -> Files.write(dir.resolve("documents/confidentiality-policy/2017-11-18.en.txt"),
                new byte[] {'a', (byte) 0xC3, 0x28}), "texts.en", "is not valid UTF-8");
        expectError(dir -> Files.writeString(dir.resolve("documents/confidentiality-policy/2017-11-18.en.txt"), "  \n"),
                "texts.en", "is empty");
        expectError(dir -> replace(dir, "required: true", "required: false"), "no document is 'required: true'");
        assertThatThrownBy(() -> PolicySource.configured("/nonexistent/policy"))
                .hasMessageContaining("/nonexistent/policy").hasMessageContaining("GATEWAY_POLICY_DIR");
    }

    interface Change {
        void apply(Path dir) throws Exception;
    }

    static void expectError(Change change, String... messages) throws Exception {
        Path dir = PolicyTestDirectories.copyOfBundled();
        change.apply(dir);
        assertThatThrownBy(() -> PolicyDocuments.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(messages[0])
                .satisfies(e -> {
                    for (String message : messages) {
                        assertThat(e.getMessage()).contains(message);
                    }
                });
    }

    static void replace(Path dir, String from, String to) throws Exception {
        Path index = dir.resolve("documents/index.yml");
        String yaml = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(yaml).contains(from);
        Files.writeString(index, yaml.replace(from, to));
    }
}
