package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.views.common.View;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The pages' template engine escapes what it prints, and a broken template never reaches a reader. */
class PageRendererTest {

    /** A view of an inline test template under src/test/resources/web/templates/test/. */
    public static final class Probe extends View {
        private final String value;

        Probe(String template, String value) {
            super("/web/templates/test/" + template, StandardCharsets.UTF_8);
            this.value = value;
        }

        public String getValue() {
            return value;
        }
    }

    static String render(View view) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pages.renderer().render(view, Locale.ENGLISH, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whatATemplatePrintsIsEscaped() throws Exception {
        assertThat(render(new Probe("escaped.ftlh", "<script>alert('x')</script> & \"more\"")))
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
                .doesNotContain("<script>");
    }

    @Test
    void aBrokenTemplateFailsWithoutPrintingItsErrorIntoThePage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Pages.renderer().render(new Probe("broken.ftlh", "x"), Locale.ENGLISH, out))
                .hasMessageContaining("noSuchValue");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing of the error reaches the reader")
                .doesNotContain("FreeMarker template error", "FTL stack trace", "noSuchValue");
    }
}
