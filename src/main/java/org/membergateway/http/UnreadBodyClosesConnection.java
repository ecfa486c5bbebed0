package org.membergateway.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Says {@code Connection: close} on a response to a request whose body the gateway never read
 * (refused by authentication or authorization, no such resource, a method that takes no body).
 *
 * <p>Jetty cannot keep such a connection: the rest of the body may still be on its way, and it
 * closes the connection once it comes. It says so itself only when the response is still
 * uncommitted at the end of the request, and Jersey has always committed it by then, so the
 * response went out looking persistent: a client that reused the connection had its next request
 * fail with no response ("header parser received no bytes"), or its own body write fail, at the
 * moment the close arrived. Announced, the client opens a new connection instead. Whether the
 * body was read is decided by the code path, not by how far the bytes have travelled.
 */
public final class UnreadBodyClosesConnection implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)
                || !hasBody(http)) {
            chain.doFilter(request, response);
            return;
        }
        TrackedRequest tracked = new TrackedRequest(http);
        chain.doFilter(tracked, new AnnouncingResponse(out, tracked));
    }

    /** HTTP/1 only: HTTP/2 streams end on their own and forbid the header. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getProtocol().startsWith("HTTP/1.")
                && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
    }

    /** Remembers whether anything read the body. */
    private static final class TrackedRequest extends HttpServletRequestWrapper {
        private volatile boolean read;
        private ServletInputStream stream;

        TrackedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        read = true;
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        read = true;
                        return in.read(b, off, len);
                    }

                    @Override
                    public int readLine(byte[] b, int off, int len) throws IOException {
                        read = true;
                        return in.readLine(b, off, len);
                    }

                    @Override
                    public long skip(long n) throws IOException {
                        read = true;
                        return in.skip(n);
                    }

                    @Override
                    public int available() throws IOException {
                        return in.available();
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        read = true;
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            read = true;
            return super.getReader();
        }
    }

    /** Adds the header just before anything can commit the response. */
    private static final class AnnouncingResponse extends HttpServletResponseWrapper {
        private final TrackedRequest request;

        AnnouncingResponse(HttpServletResponse response, TrackedRequest request) {
            super(response);
            this.request = request;
        }

        private void beforeCommit() {
            if (!request.read && !isCommitted()) {
                setHeader("Connection", "close");
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            beforeCommit();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            beforeCommit();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            beforeCommit();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            beforeCommit();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            beforeCommit();
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            beforeCommit();
            super.sendRedirect(location);
        }
    }
}
