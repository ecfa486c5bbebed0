package org.membergateway.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;

/**
 * The address a request came from, as the server sees it (behind a proxy, with Dropwizard's
 * {@code useForwardedHeaders}, the client's), for tallying failed sign-ins per source. A servlet
 * filter puts it on the request, where Jersey's filters and resources find it as a property.
 */
public final class ClientAddress implements Filter {

    static final String ATTRIBUTE = ClientAddress.class.getName();
    /** Longest address kept (an IPv6 address with a zone fits); anything longer is cut. */
    static final int MAX_LENGTH = 100;
    public static final String UNKNOWN = "unknown";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, clean(request.getRemoteAddr()));
        chain.doFilter(request, response);
    }

    /** The request's source address, or {@value #UNKNOWN}. */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(ATTRIBUTE) instanceof String address ? address : UNKNOWN;
    }

    static String clean(String address) {
        if (address == null || address.isBlank()) {
            return UNKNOWN;
        }
        StringBuilder kept = new StringBuilder(Math.min(address.length(), MAX_LENGTH));
        for (int i = 0; i < address.length() && kept.length() < MAX_LENGTH; i++) {
            char c = address.charAt(i);
            // Addresses are hex digits, dots, colons and a zone: nothing else belongs in an audit target.
            kept.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '%' || c == '-'
                    || c == '_' || c == '[' || c == ']') ? c : '?');
        }
        return kept.toString();
    }
}
