package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A seed record that values an auditor traced pick out: the export it was planted in, the request
 * and who asked for it, which fields matched ({@code fields}) and the most telling of them
 * ({@code field}). Never a member's data: seed records are no member.
 */
public record SeedMatch(String exportId, long requestId, String requester, Long vendorId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime exportedAt, int seedNo, String field,
                        List<String> fields) {

    /** The fields, most telling first: what only a seed has, then its street and birthday, then its name. */
    static final List<String> BY_WEIGHT = List.of("member_id", "home_email", "work_email", "home_phone", "mobile_phone",
            "home_street", "birth_date", "last_name", "first_name");

    public SeedMatch {
        fields = List.copyOf(fields);
    }
}
