package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming multipart reader: fields and files come through byte for byte, also files that
 * hold the beginning of the delimiter, end in CR, or are empty; a body that is not the multipart it
 * announces is refused, never read as something else.
 */
class MultipartFormTest {

    static final String BOUNDARY = "----WebKitFormBoundaryX3bY9aQ";
    static final MediaType TYPE = new MediaType("multipart", "form-data", Map.of("boundary", BOUNDARY));

    static byte[] body(Object... nameFilenameContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameFilenameContent.length; i += 3) {
            String filename = (String) nameFilenameContent[i + 1];
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + nameFilenameContent[i] + "\""
                    + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream")
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes((byte[]) nameFilenameContent[i + 2]);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    record Read(String name, String filename, byte[] content) {
    }

    static List<Read> readAll(InputStream in) throws IOException {
        MultipartForm form = MultipartForm.of(TYPE, in).orElseThrow();
        List<Read> parts = new ArrayList<>();
        for (Optional<MultipartForm.Part> p = form.next(); p.isPresent(); p = form.next()) {
            parts.add(new Read(p.get().name(), p.get().filename(), p.get().body().readAllBytes()));
        }
        return parts;
    }

    @Test
    void fieldsAndAFileThatHoldsPiecesOfTheDelimiterComeThroughWhole() throws IOException {
        byte[] file = new byte[200_000];
        new Random(7).nextBytes(file);
        byte[] almost = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(almost, 0, file, 500, almost.length);
        byte[] crlfDash = "\r\n-\r\n--\r\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(crlfDash, 0, file, 9_000, crlfDash.length);
        file[file.length - 1] = '\r';
        List<Read> parts = readAll(new ByteArrayInputStream(body("csrf", null, "tok".getBytes(StandardCharsets.UTF_8),
                "title", null, "Vì một hợp đồng công bằng".getBytes(StandardCharsets.UTF_8),
                "literature", "leaflet.pdf", file, "after", null, new byte[0])));
        assertThat(parts).extracting(Read::name).containsExactly("csrf", "title", "literature", "after");
        assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("Vì một hợp đồng công bằng");
        assertThat(parts.get(2).filename()).isEqualTo("leaflet.pdf");
        assertThat(parts.get(2).content()).isEqualTo(file);
        assertThat(parts.get(3).content()).isEmpty();
        assertThat(parts.get(0).filename()).isNull();
    }

    @Test
    void aBodyArrivingAByteAtATimeReadsTheSame() throws IOException {
        byte[] body = body("a", null, "1".getBytes(StandardCharsets.UTF_8), "f", "x.bin", "\r\n--\r\n".getBytes(StandardCharsets.UTF_8));
        InputStream trickle = new InputStream() {
            int at;

            @Override
            public int read() {
                return at < body.length ? body[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        List<Read> parts = readAll(trickle);
        assertThat(parts.get(1).content()).isEqualTo("\r\n--\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatIsNotTheMultipartItAnnouncesIsRefused() {
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream("csrf=abc&title=x".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MultipartForm.MalformedException.class);
        byte[] cut = java.util.Arrays.copyOf(body("f", "x.bin", new byte[1000]), 600);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(cut))).isInstanceOf(MultipartForm.MalformedException.class);
        byte[] nameless = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(nameless))).isInstanceOf(MultipartForm.MalformedException.class);
        assertThat(MultipartForm.of(MediaType.APPLICATION_FORM_URLENCODED_TYPE, InputStream.nullInputStream())).isEmpty();
        assertThat(MultipartForm.of(MediaType.MULTIPART_FORM_DATA_TYPE, InputStream.nullInputStream())).as("no boundary").isEmpty();
    }

    @Test
    void aFieldLongerThanItsBoundIsRefused() throws IOException {
        MultipartForm form = MultipartForm.of(TYPE, new ByteArrayInputStream(body("title", null, new byte[5000]))).orElseThrow();
        MultipartForm.Part part = form.next().orElseThrow();
        assertThatThrownBy(() -> MultipartForm.text(part, 4096)).isInstanceOf(MultipartForm.MalformedException.class);
    }
}
