package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.jetty.io.EofException;
import org.glassfish.jersey.server.internal.LocalizationMessages;
import org.junit.jupiter.api.Test;

/** What no other mapper answers is still the one error body, and never the exception's text. */
class UnexpectedErrorMapperTest {

    private final UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();

    @Test
    void anUnexpectedFailureIsA500WithAnIdAndNotItsMessage() {
        Response response = mapper.toResponse(new IllegalStateException("Failing row contains (M1, José, Nguyễn)"));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        ErrorResponse body = (ErrorResponse) response.getEntity();
        assertThat(body.error()).isEqualTo("INTERNAL_ERROR");
        assertThat(body.message()).matches(".*error id [0-9a-f]{16}\\.").doesNotContain("José", "Failing row");
    }

    @Test
    void aClientThatWentAwayIsA400AndAFormOfAnotherTypeA415() {
        assertThat(mapper.toResponse(new RuntimeException(new EofException("early EOF"))).getStatus()).isEqualTo(400);
        Response form = mapper.toResponse(new IllegalStateException(LocalizationMessages.FORM_PARAM_CONTENT_TYPE_ERROR()));
        assertThat(form.getStatus()).isEqualTo(415);
        assertThat(((ErrorResponse) form.getEntity()).message()).contains("application/x-www-form-urlencoded");
    }
}
