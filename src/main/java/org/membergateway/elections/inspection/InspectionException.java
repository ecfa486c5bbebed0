package org.membergateway.elections.inspection;

import org.membergateway.http.ApiException;

/**
 * What a caller cannot have of a list inspection: 403 {@code INSPECTION_NOT_AVAILABLE} saying why
 * (not a candidate of the election, outside the window, inspected already), 404 for an election
 * that does not exist or an inspection that is not the caller's, 410 once it has closed.
 */
public final class InspectionException extends ApiException {

    private InspectionException(int status, String error, String field, String message) {
        super(status, error, field, message);
    }

    public static InspectionException notAvailable(String message) {
        return new InspectionException(403, "INSPECTION_NOT_AVAILABLE", null, message);
    }

    public static InspectionException noSuchElection() {
        return new InspectionException(404, "NOT_FOUND", null, "no such election");
    }

    /** Someone else's inspection reads as no inspection at all: its existence is not theirs to learn. */
    public static InspectionException noSuchInspection() {
        return new InspectionException(404, "NOT_FOUND", null, "no such inspection");
    }

    public static InspectionException closed(String message) {
        return new InspectionException(410, "INSPECTION_CLOSED", null, message);
    }

    public static InspectionException badPage(String message) {
        return new InspectionException(400, "INVALID_INPUT", "page", message);
    }
}
