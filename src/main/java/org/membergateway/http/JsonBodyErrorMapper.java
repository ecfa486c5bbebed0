package org.membergateway.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A JSON body of the wrong shape (unknown field, a string where a list belongs, ...): 400 naming
 * the field, instead of Dropwizard's generic "Unable to process JSON". Never echoes the value,
 * which may be a password. Malformed JSON itself still gets Dropwizard's own 400.
 */
public final class JsonBodyErrorMapper implements ExceptionMapper<MismatchedInputException> {

    @Override
    public Response toResponse(MismatchedInputException e) {
        String field = path(e);
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = field + ": unknown field";
        } else if (field.isEmpty()) {
            field = "body";
            message = "the body must be a JSON object";
        } else {
            message = field + ": wrong type" + (e.getTargetType() == null ? "" : "; expected " + describe(e.getTargetType()));
        }
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.ofField("INVALID_INPUT", field, message))
                .build();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }
}
