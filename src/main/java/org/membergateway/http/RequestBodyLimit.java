package org.membergateway.http;

import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;

/**
 * Caps every request body the resources read (JSON, forms, keys) at {@link #MAX_BYTES}: a larger
 * one is refused with 413 {@code BODY_TOO_LARGE}, at once when its {@code Content-Length} says so,
 * otherwise as soon as the byte past the cap arrives. The stream stops there, so nothing ever
 * holds more than the cap, chunked or not. Methods marked {@link StreamedBody} bound their input
 * themselves.
 */
public final class RequestBodyLimit implements ReaderInterceptor {

    /** 1 MiB: a list request is a few hundred bytes, the largest body (a vendor and its key) a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    @Context
    private ResourceInfo resource;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!streamed()) {
            String length = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                throw tooLarge();
            }
            context.setInputStream(new Capped(context.getInputStream(), MAX_BYTES));
        }
        return context.proceed();
    }

    private boolean streamed() {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(StreamedBody.class);
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static BodyTooLargeException tooLarge() {
        return new BodyTooLargeException();
    }

    /** 413 in the one error body. Unchecked, so no parser on the way mistakes it for bad input. */
    public static final class BodyTooLargeException extends ApiException {
        BodyTooLargeException() {
            super(413, "BODY_TOO_LARGE", null, "The request body is larger than " + MAX_BYTES
                    + " bytes (1 MiB), the most any JSON or form body may be; nothing was done.");
        }
    }

    /** Passes at most {@code max} bytes and throws on the next one. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never asks for more than one byte past the cap, so the overflow is seen at the cap.
            long room = max - read + 1;
            int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, room)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, max - read + 1));
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw tooLarge();
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
