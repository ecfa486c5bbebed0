package org.membergateway.elections.mailings;

import java.util.List;
import org.membergateway.policy.Channel;

/**
 * How a mailing reaches the electorate, and the member fields its vendor extract carries: a name and
 * the home address for MAIL, a name and the home email for EMAIL, nothing else (confidentiality §4).
 */
public enum MailingChannel {
    MAIL(List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip")),
    EMAIL(List.of("first_name", "last_name", "home_email"));

    private final List<String> fields;

    MailingChannel(List<String> fields) {
        this.fields = fields;
    }

    /** The member fields of this channel's extract, in the order of its header row. */
    public List<String> fields() {
        return fields;
    }

    /** The policy's channel: the members it reaches are those with every field it needs. */
    public Channel channel() {
        return Channel.valueOf(name());
    }
}
