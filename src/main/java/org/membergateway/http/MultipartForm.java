package org.membergateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.ws.rs.core.MediaType;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) one part at a time, as the bytes arrive.
 *
 * <p>The gateway's pages take files only to hash them (a candidate's literature, an election notice):
 * a part's body is a stream that ends at the next boundary, so a file is digested while it is read
 * and never held in memory or written to disk, which a general multipart library (Jersey's MIMEPull
 * keeps parts over a few kilobytes in temporary files) would do before the resource saw it. Each
 * part's headers are bounded; the caller bounds the bodies it reads.
 */
public final class MultipartForm {

    /** The longest header line of a part; browsers write a few hundred bytes. */
    static final int MAX_HEADER_LINE = 8 * 1024;
    /** Headers a part may carry (Content-Disposition, Content-Type, perhaps a few more). */
    static final int MAX_HEADERS = 16;

    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

    /** One part: its field name, the file name a browser gives a file (null for a plain field), its body. */
    public record Part(String name, String filename, InputStream body) {
        public boolean isFile() {
            return filename != null;
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    /** Read ahead of the parts; always room for a whole delimiter to be looked at in one place. */
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;
    private PartBody current;
    private boolean finished;

    private MultipartForm(InputStream in, String boundary) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.in = in;
    }

    /** At least {@code n} bytes buffered, unless the body ends first; returns how many are. */
    private int fill(int n) throws IOException {
        if (limit - position >= n) {
            return limit - position;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < n && !eof) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - position;
    }

    private int read() throws IOException {
        return fill(1) == 0 ? -1 : buffer[position++] & 0xff;
    }

    private boolean delimiterAt(int at) {
        return java.util.Arrays.equals(buffer, at, at + delimiter.length, delimiter, 0, delimiter.length);
    }

    /** A reader of {@code body} if {@code type} is multipart/form-data with a boundary; empty otherwise. */
    public static Optional<MultipartForm> of(MediaType type, InputStream body) {
        if (type == null || !"multipart".equalsIgnoreCase(type.getType())
                || !"form-data".equalsIgnoreCase(type.getSubtype())) {
            return Optional.empty();
        }
        String boundary = type.getParameters().get("boundary");
        // RFC 2046: 1-70 characters.
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            return Optional.empty();
        }
        return Optional.of(new MultipartForm(body, boundary));
    }

    /**
     * The next part, after skipping what is left of the one before; empty at the closing boundary.
     *
     * @throws MalformedException when the body is not multipart/form-data as announced
     */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (current == null) {
            // The body opens with the first boundary, without the CRLF before later ones (browsers send no preamble).
            int opening = delimiter.length - 2;
            if (fill(opening) < opening
                    || !java.util.Arrays.equals(buffer, position, position + opening, delimiter, 2, delimiter.length)) {
                throw new MalformedException("the body does not open with its boundary");
            }
            position += opening;
        } else {
            current.transferTo(OutputStreamSink.INSTANCE);
        }
        int a = read();
        int b = read();
        if (a == '-' && b == '-') {
            finished = true;
            return Optional.empty();
        }
        if (a != '\r' || b != '\n') {
            throw new MalformedException("a boundary is not followed by a line end");
        }
        String disposition = null;
        for (int headers = 0; ; headers++) {
            String line = line();
            if (line.isEmpty()) {
                break;
            }
            if (headers >= MAX_HEADERS) {
                throw new MalformedException("too many headers in a part");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                disposition = line.substring(colon + 1).strip();
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new MalformedException("a part has no Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition.substring("form-data".length()));
        if (!name.find()) {
            throw new MalformedException("a part has no name");
        }
        Matcher filename = FILENAME.matcher(disposition.substring("form-data".length()));
        current = new PartBody();
        return Optional.of(new Part(name.group(1), filename.find() ? filename.group(1) : null, current));
    }

    /** A plain field's value as UTF-8 text, at most {@code maxBytes}; longer is {@link MalformedException}. */
    public static String text(Part part, int maxBytes) throws IOException {
        byte[] bytes = part.body().readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new MalformedException("field " + part.name() + " is longer than " + maxBytes + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = read();
            if (c < 0) {
                throw new MalformedException("the body ends inside a part's headers");
            }
            if (c == '\r' && fill(1) > 0 && buffer[position] == '\n') {
                position++;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_HEADER_LINE) {
                throw new MalformedException("a part's header line is too long");
            }
            line.write(c);
        }
    }

    /**
     * A part's bytes up to (not including) the next delimiter, which it consumes. The buffer is
     * scanned for a CR that starts the whole delimiter; everything before it is handed out in bulk,
     * so a body that merely contains the beginning of the delimiter comes through whole.
     */
    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int available = fill(delimiter.length);
            int end = position + available;
            int max = Math.min(end, position + length);
            int at = position;
            while (at < max) {
                if (buffer[at] == '\r' && (end - at < delimiter.length || delimiterAt(at))) {
                    break;
                }
                at++;
            }
            int n = at - position;
            if (n > 0) {
                System.arraycopy(buffer, position, into, offset, n);
                position = at;
                return n;
            }
            if (available >= delimiter.length && delimiterAt(position)) {
                position += delimiter.length;
                ended = true;
                return -1;
            }
            // Fewer bytes than a delimiter left, and no more coming.
            throw new MalformedException("the body ends before its closing boundary");
        }
    }

    /** Where skipped bytes go. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** The body is not the multipart/form-data it says it is. */
    public static final class MalformedException extends IOException {
        public MalformedException(String message) {
            super(message);
        }
    }
}
