package org.membergateway.http;

/** A query or path parameter the client got wrong: 400 naming the parameter (see {@link InvalidParameterMapper}). */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
