package org.membergateway.elections.mailings;

import io.swagger.v3.oas.annotations.media.Schema;
import org.membergateway.policy.AccessRequestBody.ScopeBody;

/** The JSON bodies of the election mailing endpoints (README, Elections). */
public final class MailingBodies {

    private MailingBodies() {
    }

    /** {@code POST /elections/{id}/mailings}: a candidate's literature. */
    @Schema(description = "A candidate's literature mailing: the channel, all or part of the electorate, the literature's title and SHA-256")
    public record Mailing(@Schema(description = "MAIL or EMAIL", example = "MAIL") String channel,
                          @Schema(description = "Part of the electorate; absent for all of it") ScopeBody scope,
                          @Schema(description = "1-200 characters", example = "Why I am running") String title,
                          @Schema(description = "SHA-256 of the literature, 64 hex digits") String literatureSha256) {
    }

    /** {@code POST /elections/{id}/notices}: an official notice of the election (the §5 exception). */
    @Schema(description = "An official election notice, sent by the union through its mail-house (or email) vendor")
    public record Notice(@Schema(description = "1-200 characters", example = "Notice of nominations") String title,
                         @Schema(description = "SHA-256 of the notice, 64 hex digits") String literatureSha256,
                         @Schema(description = "MAIL (default) or EMAIL", example = "MAIL") String channel,
                         @Schema(description = "Part of the electorate; absent for all of it") ScopeBody scope) {
    }

    /** {@code POST /elections/{id}/mailings/{mid}/approval}. */
    public record Approval(Boolean approve, String note) {
    }
}
