package org.membergateway.elections.inspection;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionDao;

/**
 * List inspection by candidates (confidentiality §5, "in accordance with Federal law"; 29 U.S.C.
 * 481(c); 29 CFR 452.71–452.72). A declared candidate of an election may, once, within the 30 days
 * before election day (and before ballots are mailed, for a mail ballot), look at the names and last
 * known addresses of its electorate, a page at a time, on screen: never a file, never an export.
 *
 * <p>Opening is a decision, audited with its reason whether granted or refused; every page shown is a
 * release of member data to a screen, audited (page number and row count, never a value) before it
 * is answered. The union's time zone decides which day it is.
 */
public final class InspectionService {

    /** The most members one page shows. */
    public static final int PAGE_SIZE = 100;
    /** The inspection window opens this many days before election day (29 CFR 452.71: "within 30 days"). */
    public static final int WINDOW_DAYS = 30;

    /** Rule ids of the audit entries: why an inspection was refused. */
    static final String NOT_A_CANDIDATE = "NOT_A_CANDIDATE";
    static final String OUTSIDE_WINDOW = "OUTSIDE_INSPECTION_WINDOW";
    static final String ALREADY_INSPECTED = "ALREADY_INSPECTED";

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final AuditTally refusals;
    private final Clock clock;
    private final Duration duration;

    public InspectionService(Jdbi jdbi, AuditTrail audit, AuditTally refusals, Clock clock, Duration duration) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.refusals = refusals;
        this.clock = clock;
        this.duration = duration;
    }

    /**
     * The days an election's list may be inspected, first and last included; {@code first} after
     * {@code last} when there are none (ballots mailed more than 30 days before election day).
     */
    public record Window(LocalDate first, LocalDate last) {

        public static Window of(Election election) {
            LocalDate closesOn = election.ballotsMailedOn() != null && election.ballotsMailedOn().isBefore(election.electionDay())
                    ? election.ballotsMailedOn() : election.electionDay();
            return new Window(election.electionDay().minusDays(WINDOW_DAYS), closesOn.minusDays(1));
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }

        public boolean isEmpty() {
            return first.isAfter(last);
        }
    }

    /** Where a candidate stands with an election's inspection, for the page that offers it. */
    public record Standing(Election election, Window window, boolean candidate, Optional<Inspection> inspection,
                           boolean open) {
    }

    /** The election, or 404. */
    public Election election(String electionId) {
        return jdbi.withExtension(ElectionDao.class, d -> d.find(electionId)).orElseThrow(InspectionException::noSuchElection);
    }

    /** What the page shows before or after opening: read only, not audited (it holds no member data). */
    public Standing standing(Requester requester, String electionId) {
        Election election = election(electionId);
        return jdbi.withExtension(InspectionDao.class, dao -> {
            Optional<Long> person = dao.personId(requester.username());
            boolean candidate = person.map(p -> dao.isCandidate(p, electionId)).orElse(false);
            Optional<Inspection> inspection = person.flatMap(p -> dao.findFor(electionId, p));
            boolean open = candidate && inspection.map(i -> now().isBefore(i.expiresAt())).orElse(false);
            return new Standing(election, Window.of(election), candidate, inspection, open);
        });
    }

    /**
     * {@code POST /elections/{id}/inspections}: opens the requester's one inspection of the election,
     * or refuses with the reason (403 INSPECTION_NOT_AVAILABLE), recorded either way before answering.
     */
    public OpenedInspection open(Requester requester, String electionId) {
        election(electionId);
        String actor = requester.actor();
        String target = "election:" + electionId + "/inspection";
        OffsetDateTime now = now();
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        return jdbi.inTransaction(h -> {
            // Read under a share lock: a calendar change waits for this inspection, then sees it and
            // refuses to move the window it was opened in (ElectionService.changeCalendar).
            Election election = h.attach(ElectionDao.class).findShared(electionId).orElseThrow();
            Window window = Window.of(election);
            InspectionDao dao = h.attach(InspectionDao.class);
            Optional<Long> person = dao.personId(requester.username());
            if (person.isEmpty() || !dao.isCandidate(person.get(), electionId)) {
                throw refuse(actor, target, NOT_A_CANDIDATE, "you are not a declared candidate of election " + electionId
                        + ": only its candidates may inspect its membership list (29 CFR 452.71)");
            }
            Optional<Inspection> earlier = dao.findFor(electionId, person.get());
            if (earlier.isPresent()) {
                throw alreadyInspected(actor, target, electionId, earlier.get());
            }
            if (!window.contains(today)) {
                throw refuse(actor, target, OUTSIDE_WINDOW, outsideWindow(election, window, today));
            }
            // Never open past the window: an inspection opened the day before ballots go out closes when they do.
            OffsetDateTime closes = window.last().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
            OffsetDateTime expiresAt = now.plus(duration).isBefore(closes) ? now.plus(duration) : closes;
            Optional<Long> id = dao.open(electionId, person.get(), now, expiresAt);
            if (id.isEmpty()) {
                // Another request of the same candidate opened it a moment ago.
                throw alreadyInspected(actor, target, electionId, dao.findFor(electionId, person.get()).orElseThrow());
            }
            audit.record(AuditEvent.of(AuditEventType.DECISION, actor, target + ":" + id.get()).withDecision("APPROVED"));
            return new OpenedInspection(id.get(), expiresAt);
        });
    }

    /**
     * {@code GET /elections/{id}/inspections/{iid}/members?page=N}: one page of the electorate for the
     * candidate whose inspection it is, while it is open; recorded before it is answered.
     */
    public InspectionPage page(Requester requester, String electionId, long inspectionId, int page) {
        String actor = requester.actor();
        return jdbi.inTransaction(h -> {
            InspectionDao dao = h.attach(InspectionDao.class);
            Optional<Long> person = dao.personId(requester.username());
            Inspection inspection = dao.find(inspectionId)
                    .filter(i -> i.electionId().equals(electionId) && person.isPresent() && i.personId() == person.get())
                    .orElseThrow(() -> {
                        refusals.count(new AuditTally.Refusal(AuditEventType.ACCESS_REFUSED, actor, null, "INSPECTION_NOT_FOUND"));
                        return InspectionException.noSuchInspection();
                    });
            if (!now().isBefore(inspection.expiresAt())) {
                refusals.count(new AuditTally.Refusal(AuditEventType.ACCESS_REFUSED, actor, null, "INSPECTION_CLOSED"));
                throw InspectionException.closed("this inspection closed at " + inspection.expiresAt()
                        + "; each candidate may inspect the membership list once per election (29 CFR 452.71)");
            }
            if (!dao.isCandidate(person.get(), electionId)) {
                refusals.count(new AuditTally.Refusal(AuditEventType.ACCESS_REFUSED, actor, null, "INSPECTION_CLOSED"));
                throw InspectionException.closed("the candidacy this inspection was opened for has been withdrawn");
            }
            Election election = h.attach(ElectionDao.class).find(electionId).orElseThrow(InspectionException::noSuchElection);
            long total = dao.countElectorate(election.scopeType(), election.scopeId());
            int pages = (int) ((total + PAGE_SIZE - 1) / PAGE_SIZE);
            if (page < 1 || page > Math.max(pages, 1)) {
                throw InspectionException.badPage("page must be between 1 and " + Math.max(pages, 1));
            }
            List<InspectedMember> members = dao.electorate(election.scopeType(), election.scopeId(), PAGE_SIZE,
                    (long) (page - 1) * PAGE_SIZE);
            audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, actor,
                    "election:" + electionId + "/inspection:" + inspectionId + "/page:" + page)
                    .withDecision("VIEWED").withRows(members.size()));
            return new InspectionPage(members, page, pages);
        });
    }

    private InspectionException alreadyInspected(String actor, String target, String electionId, Inspection earlier) {
        LocalDate on = earlier.openedAt().atZoneSameInstant(clock.getZone()).toLocalDate();
        return refuse(actor, target, ALREADY_INSPECTED, "you already inspected the membership list of election "
                + electionId + " on " + on + ": each candidate may inspect it once (29 CFR 452.71)");
    }

    private static String outsideWindow(Election election, Window window, LocalDate today) {
        String ballots = election.ballotsMailedOn() == null ? ""
                : ", and before ballots are mailed on " + election.ballotsMailedOn();
        if (window.isEmpty()) {
            return "election " + election.id() + " has no inspection window: ballots are mailed on "
                    + election.ballotsMailedOn() + ", more than " + WINDOW_DAYS + " days before election day "
                    + election.electionDay();
        }
        return "the membership list of election " + election.id() + " may be inspected from " + window.first() + " to "
                + window.last() + " (within the " + WINDOW_DAYS + " days before election day " + election.electionDay()
                + ballots + "); today is " + today;
    }

    /** Records the refusal, then hands back the 403 to throw: the entry names the rule, never a person's data. */
    private InspectionException refuse(String actor, String target, String rule, String message) {
        audit.record(AuditEvent.of(AuditEventType.DECISION, actor, target).withDecision("DENIED").withReasons(List.of(rule)));
        return InspectionException.notAvailable(message);
    }

    /** Microseconds, as PostgreSQL keeps them: the expiry read back is the one answered. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
