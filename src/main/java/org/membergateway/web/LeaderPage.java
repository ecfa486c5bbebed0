package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.PublishedContactBody;
import org.membergateway.directory.PublishedContactDao;
import org.membergateway.directory.PublishedContacts;
import org.membergateway.http.Page;
import org.membergateway.members.LeaderContacts;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RuleId;

/**
 * {@code /leaders}: the board and committee members (for everyone, statewide) and a member's own
 * local's leaders (stewards and worksite leaders, and the local's officers) with the contact details
 * the policy lets members have (confidentiality §6), as a page rather than an export. Which local,
 * which fields and whether at all is {@link LeaderContacts}' (the policy's) to decide; this page
 * only lets the reader pick how they want to reach them. Every view is audited before it renders.
 * A leader sets what they publish for their role in the form at the end (POST
 * {@code /leaders/published-contact}).
 */
@Path("/leaders")
@Page
@Produces(MediaType.TEXT_HTML)
public final class LeaderPage {

    private final Pages pages;
    private final LeaderContacts leaders;
    private final PublishedContacts published;

    public LeaderPage(Pages pages, LeaderContacts leaders, PublishedContacts published) {
        this.pages = pages;
        this.leaders = leaders;
        this.published = published;
    }

    /** One board or committee member, or one local officer: name, roles in words, what they published (null: none). */
    public record PublishedRow(String name, String roles, String workEmail, String phone) {
    }

    /** The board section: refused (reasons), or the rows with the columns the decision allows. */
    public record Board(List<ShownReason> reasons, List<PublishedRow> rows, boolean workEmail, boolean phone) {
        public Board {
            reasons = List.copyOf(reasons);
            rows = List.copyOf(rows);
        }

        public boolean shown() {
            return reasons.isEmpty();
        }
    }

    /** The leader's own publishing form: the values now shown (defaults included), saved after a change. */
    public record PublishForm(String workEmail, String phone, boolean published, boolean chosen, boolean saved) {
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
        private Board board = new Board(List.of(), List.of(), false, false);
        private List<PublishedRow> officers = List.of();
        private PublishForm publishForm;

        View(PageContext page, List<ChannelOption> channels, String local, boolean noLocal, List<ShownReason> reasons,
             List<String> columns, List<List<String>> rows, long total) {
            this(page, channels, local, noLocal, reasons, columns, rows, total, List.of());
        }

        View(PageContext page, List<ChannelOption> channels, String local, boolean noLocal, List<ShownReason> reasons,
             List<String> columns, List<List<String>> rows, long total, List<FormError> errors) {
            super("people/leaders.ftlh", page, page.messages().get("leaders.title"), errors);
            this.channels = List.copyOf(channels);
            this.local = local;
            this.noLocal = noLocal;
            this.reasons = List.copyOf(reasons);
            this.columns = List.copyOf(columns);
            this.rows = List.copyOf(rows);
            this.total = total;
        }

        /** The board and committee members (statewide). */
        public Board getBoard() {
            return board;
        }

        /** The local's officers with what they published; empty when the local's leaders are not shown. */
        public List<PublishedRow> getOfficers() {
            return officers;
        }

        /** The reader's own publishing form; null unless they hold a leadership role. */
        public PublishForm getPublishForm() {
            return publishForm;
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
    public View leaders(@Context ContainerRequestContext request, @QueryParam("channel") String channelName,
                        @QueryParam("published") String saved) {
        PageContext page = pages.context(request);
        View view = localLeaders(page, channelName, List.of());
        view.board = board(page);
        view.publishForm = publishForm(page, null, "true".equals(saved));
        return view;
    }

    /**
     * A leader publishes the work email and phone members see for their role. Without JavaScript:
     * a plain form, answered with a redirect back to the page, or the page again with the error.
     */
    @POST
    @Path("published-contact")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@Context ContainerRequestContext request, @FormParam("workEmail") String workEmail,
                            @FormParam("phone") String phone, @FormParam("published") String publishedFlag) {
        PageContext page = pages.context(request);
        if (!LeaderContacts.isLeader(page.requester())) {
            throw DirectoryException.forbidden("Only a person holding a leadership role publishes contacts for it.");
        }
        PublishedContactBody body = new PublishedContactBody(workEmail, phone, publishedFlag != null);
        try {
            published.publish(page.requester(), page.requester().username(), body);
            return Response.seeOther(URI.create("/leaders?published=true")).build();
        } catch (DirectoryException e) {
            if (e.status() != 400) {
                throw e;
            }
            String field = "phone".equals(e.field()) ? "phone" : "workEmail";
            List<PageView.FormError> errors = List.of(new PageView.FormError(field, page.messages().get("leaders.publish.error." + field)));
            View view = localLeaders(page, null, errors);
            view.board = board(page);
            view.publishForm = publishForm(page, body, false);
            return Response.status(400).entity(view).build();
        }
    }

    private PublishForm publishForm(PageContext page, PublishedContactBody typed, boolean saved) {
        if (!LeaderContacts.isLeader(page.requester())) {
            return null;
        }
        if (typed != null) {
            return new PublishForm(orEmpty(typed.workEmail()), orEmpty(typed.phone()), Boolean.TRUE.equals(typed.published()),
                    true, false);
        }
        PublishedContactDao.Contact now = published.contact(page.requester(), page.requester().username());
        return new PublishForm(orEmpty(now.workEmail()), orEmpty(now.phone()), now.published(), now.chosen(), saved);
    }

    private Board board(PageContext page) {
        LeaderContacts.BoardView view = leaders.board(page.requester());
        if (view instanceof LeaderContacts.BoardRefused refused) {
            return new Board(refused.decision().reasons().stream().map(r -> reason(page, r)).toList(), List.of(), false, false);
        }
        LeaderContacts.BoardShown shown = (LeaderContacts.BoardShown) view;
        return new Board(List.of(), shown.rows().stream().map(l -> row(page, l, true)).toList(), shown.workEmail(),
                shown.phone());
    }

    /** Roles in the reader's words; a director's seat with its regions and employer groups. */
    private static PublishedRow row(PageContext page, PublishedContactDao.Leader leader, boolean withSeat) {
        Messages m = page.messages();
        List<String> roles = new ArrayList<>();
        for (String role : leader.roles()) {
            String name = m.get("people.label.role." + role);
            List<String> seat = new ArrayList<>();
            if (withSeat && "DIRECTOR".equals(role)) {
                leader.regions().forEach(r -> seat.add(m.get("leaders.seat.region", r)));
                leader.employerGroups().forEach(g -> seat.add(m.get("leaders.seat.employerGroup", g)));
            }
            roles.add(seat.isEmpty() ? name : m.get("leaders.seat", name, String.join(", ", seat)));
        }
        return new PublishedRow(leader.displayName(), String.join("; ", roles), leader.workEmail(), leader.phone());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private View localLeaders(PageContext page, String channelName, List<PageView.FormError> errors) {
        List<Channel> offered = leaders.channels();
        // An unknown or missing choice is the first offered channel: the page has no bad input to refuse.
        Channel channel = offered.stream().filter(c -> c.name().equals(channelName)).findFirst().orElse(offered.get(0));
        List<ChannelOption> options = offered.stream().map(c -> new ChannelOption(c.name(),
                page.messages().get("leaders.channel." + c.name()), c == channel)).toList();
        LeaderContacts.View view = leaders.view(page.requester(), channel);
        if (view instanceof LeaderContacts.Shown shown) {
            View table = table(page, options, shown, errors);
            table.officers = shown.officers().stream().map(l -> row(page, l, false)).toList();
            return table;
        }
        if (view instanceof LeaderContacts.Refused refused) {
            return new View(page, options, refused.local(), false,
                    refused.decision().reasons().stream().map(r -> reason(page, r)).toList(), List.of(), List.of(), 0, errors);
        }
        return new View(page, options, null, true, List.of(), List.of(), List.of(), 0, errors);
    }

    /** Name (first and last together), then every other allowed field but the local, which the caption names. */
    private static View table(PageContext page, List<ChannelOption> options, LeaderContacts.Shown shown,
                              List<PageView.FormError> errors) {
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
        return new View(page, options, shown.local(), false, List.of(), columns, rows, shown.total(), errors);
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
