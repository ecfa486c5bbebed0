package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.directory.DirectoryService;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionService;
import org.membergateway.elections.mailings.ElectionMailingService;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.Page;
import org.membergateway.policy.AcknowledgementStatus;
import org.membergateway.requests.ListRequestService;

/** {@code /}: what the signed-in person can do now. Signed out, the session filter sends them to {@code /login}. */
@Path("/")
@Page
@Produces(MediaType.TEXT_HTML)
public final class HomePage {

    private final Pages pages;
    private final AcknowledgementService acknowledgements;
    private final ListRequestService requests;
    private final Clock clock;
    private final DirectoryService directory;
    private final ElectionService elections;
    private final ElectionMailingService mailings;

    public HomePage(Pages pages, AcknowledgementService acknowledgements, ListRequestService requests, Clock clock,
                    DirectoryService directory, ElectionService elections, ElectionMailingService mailings) {
        this.pages = pages;
        this.acknowledgements = acknowledgements;
        this.requests = requests;
        this.clock = clock;
        this.directory = directory;
        this.elections = elections;
        this.mailings = mailings;
    }

    /** An election the reader is a declared candidate of: its name and page. */
    public record Candidacy(String name, String href) {
    }

    public static final class View extends PageView {
        private final boolean acknowledged;
        private final int awaitingMe;
        private final int mine;
        private final long pendingGrants;
        private final java.util.List<Candidacy> candidacies;
        private final long pendingMailings;

        View(PageContext page, boolean acknowledged, int awaitingMe, int mine, long pendingGrants,
             java.util.List<Candidacy> candidacies, long pendingMailings) {
            super("home.ftlh", page, page.messages().get("home.title", page.requester().displayName()));
            this.acknowledged = acknowledged;
            this.awaitingMe = awaitingMe;
            this.mine = mine;
            this.pendingGrants = pendingGrants;
            this.candidacies = java.util.List.copyOf(candidacies);
            this.pendingMailings = pendingMailings;
        }

        /** The elections, not over, the reader is a declared candidate of: their literature and inspection tasks. */
        public java.util.List<Candidacy> getCandidacies() {
            return candidacies;
        }

        /** Mailings waiting for the election committee: shown to its members. */
        public long getPendingMailings() {
            return pendingMailings;
        }

        /** Role grants waiting for a second person: shown to those who confirm them. */
        public long getPendingGrants() {
            return pendingGrants;
        }

        public boolean isAcknowledged() {
            return acknowledged;
        }

        public int getAwaitingMe() {
            return awaitingMe;
        }

        public int getMine() {
            return mine;
        }
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public View home(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        Requester me = page.requester();
        ListRequestService.Listing listing = requests.list(me);
        return new View(page, acknowledgements.status(me.username(), clock.instant()) == AcknowledgementStatus.CURRENT,
                listing.awaitingMyApproval().size(), listing.mine().size(),
                Role.CONFIRMERS.stream().anyMatch(me::hasRole) ? directory.pendingGrants() : 0,
                mailings.candidateIn(me.username()).stream().map(elections::find).map(HomePage::candidacy).toList(),
                me.hasRole(Role.ELECTION_COMMITTEE) ? mailings.pendingCount() : 0);
    }

    private static Candidacy candidacy(Election election) {
        return new Candidacy(election.name(), "/elections/"
                + java.net.URLEncoder.encode(election.id(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
