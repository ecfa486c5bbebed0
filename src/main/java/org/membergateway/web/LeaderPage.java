package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.Page;
import org.membergateway.members.LeaderContacts;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RuleId;

/**
 * {@code /leaders}: a member's own local's stewards and worksite leaders with the contact details
 * the policy lets members have (confidentiality §6), as a page rather than an export. Which local,
 * which fields and whether at all is {@link LeaderContacts}' (the policy's) to decide; this page
 * only lets the reader pick how they want to reach them. Every view is audited before it renders.
 */
@Path("/leaders")
@Page
@Produces(MediaType.TEXT_HTML)
public final class LeaderPage {

    private final Pages pages;
    private final LeaderContacts leaders;

    public LeaderPage(Pages pages, LeaderContacts leaders) {
        this.pages = pages;
        this.leaders = leaders;
    }

    /** One choice of channel. */
    public record ChannelOption(String value, String label, boolean checked) {
    }

    /** One reason the policy gave, in the reader's words, with the clause it cites and where to act on it. */
    public record ShownReason(String rule, String text, String clause, String href, String linkText) {
    }

    /** The page's data: exactly one of no local, refused (reasons) or shown (a table). */
    public static final class View extends PageView {
        private final List<ChannelOption> channels;
        private final String local;
        private final boolean noLocal;
        private final List<ShownReason> reasons;
        private final List<String> columns;
        private final List<List<String>> rows;
        private final long total;

        View(PageContext page, List<ChannelOption> channels, String local, boolean noLocal, List<ShownReason> reasons,
             List<String> columns, List<List<String>> rows, long total) {
            super("people/leaders.ftlh", page, page.messages().get("leaders.title"));
            this.channels = List.copyOf(channels);
            this.local = local;
            this.noLocal = noLocal;
            this.reasons = List.copyOf(reasons);
            this.columns = List.copyOf(columns);
            this.rows = List.copyOf(rows);
            this.total = total;
        }

        public List<ChannelOption> getChannels() {
            return channels;
        }

        public String getLocal() {
            return local;
        }

        public boolean isNoLocal() {
            return noLocal;
        }

        /** Why the leaders are not shown; empty when they are. */
        public List<ShownReason> getReasons() {
            return reasons;
        }

        public boolean isShown() {
            return !noLocal && reasons.isEmpty();
        }

        /** The column headings, in the reader's language. */
        public List<String> getColumns() {
            return columns;
        }

        /** The rows' cells, in column order. */
        public List<List<String>> getRows() {
            return rows;
        }

        public long getTotal() {
            return total;
        }

        /** Whether the local has more leaders than the page shows. */
        public boolean isCut() {
            return total > rows.size();
        }

        @Override
        public String toString() {
            return "LeaderPage.View[" + local + " rows=" + rows.size() + "]";
        }
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public View leaders(@Context ContainerRequestContext request, @QueryParam("channel") String channelName) {
        PageContext page = pages.context(request);
        List<Channel> offered = leaders.channels();
        // An unknown or missing choice is the first offered channel: the page has no bad input to refuse.
        Channel channel = offered.stream().filter(c -> c.name().equals(channelName)).findFirst().orElse(offered.get(0));
        List<ChannelOption> options = offered.stream().map(c -> new ChannelOption(c.name(),
                page.messages().get("leaders.channel." + c.name()), c == channel)).toList();
        LeaderContacts.View view = leaders.view(page.requester(), channel);
        if (view instanceof LeaderContacts.Shown shown) {
            return table(page, options, shown);
        }
        if (view instanceof LeaderContacts.Refused refused) {
            return new View(page, options, refused.local(), false,
                    refused.decision().reasons().stream().map(r -> reason(page, r)).toList(), List.of(), List.of(), 0);
        }
        return new View(page, options, null, true, List.of(), List.of(), List.of(), 0);
    }

    /** Name (first and last together), then every other allowed field but the local, which the caption names. */
    private static View table(PageContext page, List<ChannelOption> options, LeaderContacts.Shown shown) {
        List<String> fields = shown.fields();
        int first = fields.indexOf("first_name");
        int last = fields.indexOf("last_name");
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (i != first && i != last && !fields.get(i).equals("local_id")) {
                others.add(i);
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add(page.messages().get("leaders.column.name"));
        for (int i : others) {
            String key = "leaders.column." + fields.get(i);
            columns.add(page.messages().has(key) ? page.messages().get(key) : fields.get(i));
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> values : shown.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(((first < 0 ? "" : values.get(first)) + " " + (last < 0 ? "" : values.get(last))).strip());
            for (int i : others) {
                cells.add(values.get(i));
            }
            rows.add(cells);
        }
        return new View(page, options, shown.local(), false, List.of(), columns, rows, shown.total());
    }

    private static ShownReason reason(PageContext page, Reason reason) {
        Messages m = page.messages();
        String key = "leaders.reason." + reason.rule().name();
        String text = m.has(key) ? m.get(key) : reason.message();
        boolean sign = reason.rule() == RuleId.ACKNOWLEDGEMENT_REQUIRED;
        return new ShownReason(reason.rule().name(), text, clause(m, reason.clause()),
                sign ? "/acknowledgements" : null, sign ? m.get("leaders.reason.signLink") : null);
    }

    /**
     * A clause in words: {@code confidentiality §6} is paragraph 6 of "Confidentiality of member
     * records", {@code AP&P IV §6} a section of the Administrative Policies and Procedures.
     */
    static String clause(Messages m, String clause) {
        if (clause.startsWith("confidentiality ")) {
            return m.get("leaders.clause.confidentiality", clause.substring("confidentiality ".length()));
        }
        if (clause.startsWith("AP&P ")) {
            return m.get("leaders.clause.app", clause.substring("AP&P ".length()));
        }
        return clause;
    }
}
