package org.membergateway.http;

/** A parameter or body field the client got wrong: 400 naming it (see {@link InvalidParameterMapper}). */
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
