package org.membergateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The bounds on a JSON request body below its size ({@link RequestBodyLimit}): however a body
 * fits in a mebibyte, one string, one number, one field name or the nesting cannot grow past these,
 * so no body makes the parser or a handler do unbounded work. Lists are bounded by the parsers
 * that read them (each names its own maximum). The largest legitimate string is an ASCII-armored
 * OpenPGP public key in {@code POST /vendors}.
 */
public final class JsonLimits {

    public static final int MAX_STRING_CHARS = 256 * 1024;
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_NUMBER_CHARS = 32;
    public static final int MAX_NAME_CHARS = 256;

    /** The original message of the InvalidFormatException a string holding U+0000 raises. */
    static final String NUL_REJECTED = "contains U+0000";

    private JsonLimits() {
    }

    /** Applies the limits to the mapper that reads request bodies. */
    public static void apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_CHARS)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxDocumentLength(RequestBodyLimit.MAX_BYTES)
                .build());
        // PostgreSQL cannot store U+0000 in text: refused here, naming the field, instead of a 500 later.
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** Which limit a body broke, for the error message. */
    static String describe(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("getMaxStringLength")) {
            return "a string in the body is longer than " + MAX_STRING_CHARS + " characters";
        }
        if (m.contains("getMaxNestingDepth")) {
            return "the body nests objects and lists deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (m.contains("getMaxNumberLength")) {
            return "a number in the body is longer than " + MAX_NUMBER_CHARS + " characters";
        }
        if (m.contains("getMaxNameLength")) {
            return "a field name in the body is longer than " + MAX_NAME_CHARS + " characters";
        }
        if (m.contains("getMaxDocumentLength")) {
            return "the body is larger than " + RequestBodyLimit.MAX_BYTES + " bytes (1 MiB)";
        }
        return "the body exceeds one of the limits of a JSON body (README, HTTP API)";
    }

    private static final class NoNulStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(p, NUL_REJECTED, "", String.class);
            }
            return value;
        }
    }
}
