package org.membergateway.requests;

/** {@code POST /list-requests/{id}/approval}: approve or reject, with a note (up to 1000 characters). */
public record ApprovalBody(Boolean approve, String note) {
}
