package org.membergateway.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.membergateway.auth.Role;
import org.membergateway.policy.ApprovalStep;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.ScopeType;

/**
 * How a decision's reasons and approvers are kept in {@code list_requests} (jsonb): the shape the
 * API shows them in, {@code [{rule, clause, message}]} and {@code [{role, scope: {type, id}}]}, so
 * a row reads the same to a person with {@code psql} as to a client. Read back into the policy's
 * own types; a row that does not read back is a broken database, not a client error.
 */
final class StoredDecisions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record StoredReason(String rule, String clause, String message) {
    }

    private record StoredScope(String type, String id) {
    }

    private record StoredApprover(String role, StoredScope scope) {
    }

    private record StoredStep(String rule, List<StoredApprover> approvers) {
    }

    private StoredDecisions() {
    }

    static String stepsJson(List<ApprovalStep> steps) {
        return write(steps.stream().map(step -> new StoredStep(step.rule().name(), step.approvers().stream()
                .map(a -> new StoredApprover(a.role().name(), new StoredScope(a.scopeType().name(), a.scopeId()))).toList()))
                .toList());
    }

    static List<ApprovalStep> steps(String json) {
        return read(json, new TypeReference<List<StoredStep>>() { }).stream()
                .map(step -> new ApprovalStep(RuleId.valueOf(step.rule()), step.approvers().stream()
                        .map(a -> new Approver(Role.valueOf(a.role()), ScopeType.valueOf(a.scope().type()), a.scope().id()))
                        .toList()))
                .toList();
    }

    private record StoredApproval(String approver, boolean approve, String note, String decidedAt, List<String> covers) {
    }

    static List<ListRequest.Approval> approvals(String json) {
        return read(json, new TypeReference<List<StoredApproval>>() { }).stream()
                .map(a -> new ListRequest.Approval(a.approver(), a.approve(), a.note(),
                        java.time.OffsetDateTime.parse(a.decidedAt()),
                        a.covers().stream().map(RuleId::valueOf).toList()))
                .toList();
    }

    static String reasonsJson(List<Reason> reasons) {
        return write(reasons.stream().map(r -> new StoredReason(r.rule().name(), r.clause(), r.message())).toList());
    }

    static String approversJson(List<Approver> approvers) {
        return write(approvers.stream()
                .map(a -> new StoredApprover(a.role().name(), new StoredScope(a.scopeType().name(), a.scopeId()))).toList());
    }

    static List<Reason> reasons(String json) {
        return read(json, new TypeReference<List<StoredReason>>() { }).stream()
                .map(r -> new Reason(RuleId.valueOf(r.rule()), r.clause(), r.message())).toList();
    }

    static List<Approver> approvers(String json) {
        return read(json, new TypeReference<List<StoredApprover>>() { }).stream()
                .map(a -> new Approver(Role.valueOf(a.role()), ScopeType.valueOf(a.scope().type()), a.scope().id())).toList();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision that does not read back", e);
        }
    }
}
