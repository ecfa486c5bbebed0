package org.membergateway.acknowledgements;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts people acknowledge (README, Confidentiality acknowledgements). Public: the policy is no secret, people read it
 * before they sign in to acknowledge it, and whoever holds a receipt can fetch the text it names
 * and check its SHA-256.
 */
@Path("/api/v1/policy-documents")
@Tag(name = "acknowledgements", description = "Confidentiality texts, signed acknowledgements and the gateway's OpenPGP key")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyDocumentsResource {

    static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    /** The SHA-256 of one text. */
    public record LanguageView(String sha256) {
    }

    /** One version of one document. */
    public record DocumentVersionView(String id, String title, String version,
                                      @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate published, boolean current,
                                      boolean required, Map<String, LanguageView> languages) {
    }

    private final PolicyDocuments documents;

    public PolicyDocumentsResource(PolicyDocuments documents) {
        this.documents = documents;
    }

    @GET
    @PermitAll
    @Operation(summary = "Texts to acknowledge, every version",
            description = "One entry per document and version: whether it is the current version, whether it is required "
                    + "before member data, and the SHA-256 of its text in each language. No authentication.",
            responses = @ApiResponse(responseCode = "200", description = "The documents",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = DocumentVersionView.class)))))
    public List<DocumentVersionView> list() {
        List<DocumentVersionView> views = new ArrayList<>();
        for (PolicyDocuments.Document document : documents.documents()) {
            for (PolicyDocuments.Version version : document.versions()) {
                Map<String, LanguageView> languages = new LinkedHashMap<>();
                version.texts().forEach((language, text) -> languages.put(language, new LanguageView(text.sha256())));
                views.add(new DocumentVersionView(document.id(), document.title(), version.version(), version.published(),
                        version.version().equals(document.currentVersion()), document.required(), languages));
            }
        }
        return views;
    }

    @GET
    @Path("/{id}/{version}/{language}")
    @PermitAll
    @Produces(TEXT_UTF8)
    @Operation(summary = "One text, byte for byte",
            description = "The exact bytes whose SHA-256 receipts record (also in the ETag). No authentication.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The text", content = @Content(mediaType = "text/plain")),
                @ApiResponse(responseCode = "404", description = "No such document, version or language")
            })
    public Response text(@PathParam("id") String id, @PathParam("version") String version,
                         @PathParam("language") String language) {
        PolicyDocuments.Text text = documents.document(id)
                .flatMap(d -> d.version(version))
                .flatMap(v -> v.text(language))
                .orElseThrow(() -> AcknowledgementException.notFound("No such text: see GET /api/v1/policy-documents"));
        return Response.ok(text.bytes(), TEXT_UTF8).tag(text.sha256()).build();
    }
}
