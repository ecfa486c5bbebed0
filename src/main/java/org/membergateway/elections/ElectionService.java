package org.membergateway.elections;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.directory.ScopeInput;
import org.membergateway.elections.inspection.InspectionService;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * Elections (confidentiality §5; 29 U.S.C. 481(c)): entered by an admin or the election committee
 * with the terms of policies/elections.yml copied in, read by anyone signed in. Entering one is
 * audited like a directory change, in its transaction; the entry names the election, never a member.
 */
public final class ElectionService {

    /** How many elections a listing returns at most: a union holds a handful a year. */
    static final int MAX_LISTED = 1000;
    private static final Pattern ELECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final int MAX_NAME = 200;
    /** What {@link #changeCalendar} may change. */
    private static final List<String> CALENDAR = List.of("nominationsCloseOn", "ballotsMailedOn", "electionDay");

    private final Jdbi jdbi;
    private final ElectionPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param clock in the union's zone: "today" for election days and agreements in force is its day */
    public ElectionService(Jdbi jdbi, ElectionPolicy policy, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    public ElectionPolicy policy() {
        return policy;
    }

    /** {@code POST /api/v1/elections}: checks every field, then enters the election with today's published terms. */
    public Election create(String actor, NewElection input) {
        if (input == null) {
            throw ElectionInputException.invalid("body", "a JSON object with id, name, office, scopeType, scopeId, "
                    + "nominationsCloseOn, electionDay and mailVendorId");
        }
        if (input.id() == null || !ELECTION_ID.matcher(input.id()).matches()) {
            throw ElectionInputException.invalid("id", "required: 1-64 of A-Z a-z 0-9 . _ : -, starting with a letter or digit");
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ElectionInputException.invalid("name", "required: 1-" + MAX_NAME + " characters, no control characters");
        }
        Office office = enumValue("office", input.office(), Office.class);
        ScopeType scopeType = enumValue("scopeType", input.scopeType(), ScopeType.class);
        checkOfficeScope(office, scopeType);
        String scopeId = ScopeInput.id(scopeType, input.scopeId());
        LocalDate today = LocalDate.now(clock);
        LocalDate nominationsClose = date("nominationsCloseOn", input.nominationsCloseOn());
        LocalDate electionDay = date("electionDay", input.electionDay());
        LocalDate ballotsMailed = input.ballotsMailedOn() == null ? null : date("ballotsMailedOn", input.ballotsMailedOn());
        checkCalendar(nominationsClose, ballotsMailed, electionDay, today);
        if (input.mailVendorId() == null) {
            throw ElectionInputException.invalid("mailVendorId", "required: the mail house that delivers candidates' literature");
        }
        ElectionTerms terms = policy.terms();
        Election election = new Election(input.id(), name, office, scopeType, scopeId, nominationsClose, ballotsMailed,
                electionDay, input.mailVendorId(), input.emailVendorId(), terms,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor);
        return jdbi.inTransaction(h -> {
            ElectionDao elections = h.attach(ElectionDao.class);
            ScopeInput.requireExisting(h.attach(UnionDao.class), "scopeId", scopeType, scopeId);
            // Literature goes out under a vendor's agreement (confidentiality §3): postal pieces only
            // through a mail house whose agreement is in force today.
            // The literature service, not an ordinary mail house: the extract is a list of MEMBERS (§4), which
            // only an ELECTION_LITERATURE agreement allows; a MAIL_HOUSE vendor would be refused at approval.
            requireVendor(elections, "mailVendorId", input.mailVendorId(), "ELECTION_LITERATURE", today);
            if (input.emailVendorId() != null) {
                requireVendor(elections, "emailVendorId", input.emailVendorId(), "ELECTION_LITERATURE", today);
            }
            if (elections.insert(election) != 1) {
                throw ElectionInputException.conflict("id", "an election with this id exists already");
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "election:" + election.id())
                    .withDecision("CREATED"));
            return elections.find(election.id()).orElseThrow();
        });
    }

    /**
     * {@code PATCH /api/v1/elections/{id}}: corrects the calendar, the one part of an election that is
     * not its terms. {@code change} names any of {@code nominationsCloseOn}, {@code ballotsMailedOn}
     * (null: not a mail ballot) and {@code electionDay}; what it leaves out stays. The dates are
     * checked as on creation. Refused once the election is over (its record is history), and when an
     * inspection has been opened and the change would move the inspection window: that candidate
     * inspected in the window as it was, and every later candidate must have the same one (29 CFR
     * 452.71). Audited with the old and new dates.
     */
    public Election changeCalendar(String actor, String id, JsonNode change) {
        Election found = find(id);
        if (change == null || !change.isObject() || change.isEmpty()) {
            throw ElectionInputException.invalid("body", "a JSON object with any of " + String.join(", ", CALENDAR));
        }
        for (Iterator<String> names = change.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CALENDAR.contains(name)) {
                throw ElectionInputException.invalid(name, "cannot change: only the calendar ("
                        + String.join(", ", CALENDAR) + ") may be corrected; office, electorate, vendors and terms stay");
            }
        }
        return jdbi.inTransaction(h -> {
            ElectionDao elections = h.attach(ElectionDao.class);
            Election old = elections.findLocked(found.id()).orElseThrow();
            LocalDate today = LocalDate.now(clock);
            if (old.isOver(today)) {
                throw ElectionInputException.conflict("ELECTION_OVER", "electionDay", "election " + old.id()
                        + " was held on " + old.electionDay() + "; the calendar of an election that is over stays as it was");
            }
            LocalDate nominationsClose = change.has("nominationsCloseOn")
                    ? date("nominationsCloseOn", text(change, "nominationsCloseOn")) : old.nominationsCloseOn();
            LocalDate electionDay = change.has("electionDay") ? date("electionDay", text(change, "electionDay")) : old.electionDay();
            LocalDate ballotsMailed = !change.has("ballotsMailedOn") ? old.ballotsMailedOn()
                    : change.get("ballotsMailedOn").isNull() ? null : date("ballotsMailedOn", text(change, "ballotsMailedOn"));
            checkCalendar(nominationsClose, ballotsMailed, electionDay, today);
            Election changed = new Election(old.id(), old.name(), old.office(), old.scopeType(), old.scopeId(),
                    nominationsClose, ballotsMailed, electionDay, old.mailVendorId(), old.emailVendorId(), old.terms(),
                    old.createdAt(), old.createdBy());
            if (!InspectionService.Window.of(changed).equals(InspectionService.Window.of(old)) && elections.anyInspection(old.id())) {
                InspectionService.Window window = InspectionService.Window.of(old);
                throw ElectionInputException.conflict("INSPECTION_WINDOW_FIXED", "electionDay", "a candidate has already "
                        + "inspected the membership list of election " + old.id() + " in its window from " + window.first()
                        + " to " + window.last() + "; moving the window now would give the other candidates a different "
                        + "one from the one that candidate had (29 CFR 452.71: each candidate inspects on the same terms)");
            }
            List<String> reasons = new ArrayList<>();
            changed("NOMINATIONS_CLOSE", old.nominationsCloseOn(), nominationsClose, reasons);
            changed("BALLOTS_MAILED", old.ballotsMailedOn(), ballotsMailed, reasons);
            changed("ELECTION_DAY", old.electionDay(), electionDay, reasons);
            if (reasons.isEmpty()) {
                return old;
            }
            elections.updateCalendar(old.id(), nominationsClose, ballotsMailed, electionDay);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "election:" + old.id())
                    .withDecision("CALENDAR_CHANGED").withReasons(reasons));
            return elections.find(old.id()).orElseThrow();
        });
    }

    /**
     * One changed date as an audit reason token, {@code <WHAT>_<old>_TO_<new>} with the days written
     * {@code YYYY_MM_DD} (or {@code NONE}): the trail's reasons are upper-case tokens, and dates of an
     * election are no member's data.
     */
    private static void changed(String what, LocalDate before, LocalDate after, List<String> reasons) {
        if (!java.util.Objects.equals(before, after)) {
            reasons.add(what + "_" + token(before) + "_TO_" + token(after));
        }
    }

    private static String token(LocalDate day) {
        return day == null ? "NONE" : day.toString().replace('-', '_');
    }

    private static String text(JsonNode change, String field) {
        JsonNode value = change.get(field);
        if (!value.isTextual()) {
            throw ElectionInputException.invalid(field, "an ISO-8601 date such as 2027-05-01");
        }
        return value.asText();
    }

    /** The order of an election's dates, the same on creation and on a correction. */
    private static void checkCalendar(LocalDate nominationsClose, LocalDate ballotsMailed, LocalDate electionDay,
                                      LocalDate today) {
        if (electionDay.isBefore(today)) {
            throw ElectionInputException.invalid("electionDay", "is in the past; an election is entered before it is held");
        }
        if (nominationsClose.isAfter(electionDay)) {
            throw ElectionInputException.invalid("nominationsCloseOn", "must not be after electionDay");
        }
        if (ballotsMailed != null && (ballotsMailed.isBefore(nominationsClose) || ballotsMailed.isAfter(electionDay))) {
            throw ElectionInputException.invalid("ballotsMailedOn", "must be from nominationsCloseOn to electionDay");
        }
    }

    public List<Election> list() {
        return jdbi.withExtension(ElectionDao.class, dao -> dao.list(MAX_LISTED));
    }

    public Election find(String id) {
        if (id == null || !ELECTION_ID.matcher(id).matches()) {
            throw ElectionInputException.notFound("no such election");
        }
        return jdbi.withExtension(ElectionDao.class, dao -> dao.find(id))
                .orElseThrow(() -> ElectionInputException.notFound("no such election"));
    }

    private static void requireVendor(ElectionDao elections, String field, long vendorId, String service, LocalDate today) {
        boolean active = elections.vendorActive(vendorId).orElseThrow(() -> ElectionInputException.invalid(field,
                "no vendor has the id " + vendorId));
        if (!active) {
            throw ElectionInputException.invalid(field, "vendor " + vendorId + " is not active");
        }
        if (!elections.hasAgreementInForce(vendorId, service, today)) {
            throw ElectionInputException.invalid(field, "vendor " + vendorId + " has no "
                    + (service == null ? "" : service + " ") + "agreement in force today");
        }
    }

    /** The electorates each office is elected by, as for candidacies (README, directory). */
    private static void checkOfficeScope(Office office, ScopeType scopeType) {
        if (!office.electedBy(scopeType)) {
            throw ElectionInputException.invalid("scopeType", scopeType + " does not fit a " + office + " election");
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw ElectionInputException.invalid(field, (value == null ? "required" : "unknown value")
                + "; expected one of " + List.of(type.getEnumConstants()));
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            throw ElectionInputException.invalid(field, "required: an ISO-8601 date such as 2027-05-01");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ElectionInputException.invalid(field, "not an ISO-8601 date such as 2027-05-01");
        }
    }
}
