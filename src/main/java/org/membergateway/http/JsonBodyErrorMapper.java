package org.membergateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every problem Jackson finds in a JSON request body, as 400 in the one error body, instead of
 * Dropwizard's generic "Unable to process JSON": not JSON at all (or not UTF-8) names the line and
 * column; a body over one of the parser's limits ({@link JsonLimits}) names the limit; a body of
 * the wrong shape (unknown field, a string where a list belongs, ...) names the field.
 *
 * <p>Never echoes the value, nor Jackson's own message, which quotes the input (a password, a
 * member's name): the messages are written here.
 */
public final class JsonBodyErrorMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonBodyErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        ApiException own = ownCause(e);
        if (own != null) {
            return ApiExceptionMapper.response(own);
        }
        StreamConstraintsException limit = limitCause(e);
        if (limit != null) {
            return badRequest(ErrorResponse.ofField("LIMIT_EXCEEDED", path(e), JsonLimits.describe(limit)));
        }
        if (e instanceof InvalidDefinitionException) {
            // Our type cannot be built from JSON at all: a bug here, not the client's.
            LOG.error("JSON body type cannot be deserialized: {}", e.getClass().getName());
            return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorResponse.of("INTERNAL_ERROR", "The gateway could not read this body; nothing was done."))
                    .build();
        }
        if (!(e instanceof JsonMappingException mapping) || notJson(e)) {
            return badRequest(ErrorResponse.ofField("INVALID_JSON", "body", "The body is not valid JSON"
                    + at(e.getLocation()) + "; send one JSON object, UTF-8, with Content-Type: application/json."));
        }
        String field = path(mapping);
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = field + ": unknown field";
        } else if (e instanceof InvalidFormatException format && JsonLimits.NUL_REJECTED.equals(format.getOriginalMessage())) {
            message = field + ": contains a NUL character (U+0000), which no field accepts";
        } else if (field.isEmpty()) {
            field = "body";
            message = "the body must be a JSON object";
        } else if (e instanceof MismatchedInputException mismatched) {
            message = field + ": wrong type" + (mismatched.getTargetType() == null ? ""
                    : "; expected " + describe(mismatched.getTargetType()));
        } else {
            message = field + ": not a valid value";
        }
        return badRequest(ErrorResponse.ofField("INVALID_INPUT", field, message));
    }

    private static Response badRequest(ErrorResponse body) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** A record's constructor that refused a value with our own exception: answered as that exception. */
    private static ApiException ownCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /** Jackson wraps a syntax error met inside a field's value in a mapping exception with the path. */
    private static boolean notJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException && !(t instanceof JsonMappingException)) {
                return true;
            }
        }
        return false;
    }

    private static StreamConstraintsException limitCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || notJson(e)) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                // A field name is the client's text too: only a plain identifier is repeated.
                path.append(ref.getFieldName().matches("[A-Za-z0-9_]{1,64}") ? ref.getFieldName() : "?");
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
