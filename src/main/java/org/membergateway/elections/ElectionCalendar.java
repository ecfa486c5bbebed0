package org.membergateway.elections;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditFlags;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.PolicyFacts;
import org.membergateway.policy.ScopeType;

/**
 * The election calendar's safeguard (confidentiality §5; 29 CFR 452.73). Undeclared candidates
 * cannot be seen, and a sitting officer can use the union's lists for an election long before
 * nominations close; so during an election's window (policies/elections.yml
 * {@code calendar.flagWindowDays} days before election day, through election day, in the union's
 * zone) every list request by a person holding an officer role at the time, whose scope reaches the
 * electorate (may share members with it), is flagged to the election committee and the auditors.
 * A flag is read from the requests as they are, so it also covers requests made before the
 * election was entered. It does not refuse anything: it says where to look.
 */
public final class ElectionCalendar {

    /** The elected offices whose holders' requests the window flags (staff and stewards hold no office). */
    static final List<String> OFFICER_ROLES = List.of("STATEWIDE_PRESIDENT", "STATEWIDE_OFFICER", "DIRECTOR",
            "LOCAL_PRESIDENT", "LOCAL_OFFICER");
    /** How many requests one election's flags list at most. */
    static final int MAX_FLAGGED = 500;

    /** One flagged request: who asked what for which scope, and when; never member data. */
    public record FlaggedRequest(long requestId, String requester, String purpose, String scopeType, String scopeId,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime requestedAt) {
    }

    private final Jdbi jdbi;
    private final PolicyFacts facts;
    private final int windowDays;
    private final Clock clock;

    /** @param clock in the union's zone: the window's days are its days */
    public ElectionCalendar(Jdbi jdbi, PolicyFacts facts, ElectionPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.facts = facts;
        this.windowDays = policy.flagWindowDays();
        this.clock = clock;
    }

    /** The first day of the election's window; it ends with election day. */
    public LocalDate windowFrom(Election election) {
        return election.electionDay().minusDays(windowDays);
    }

    /** The requests the election's window flags, oldest first. */
    public List<FlaggedRequest> flagged(Election election) {
        ZoneId zone = clock.getZone();
        OffsetDateTime from = windowFrom(election).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = election.electionDay().plusDays(1).atStartOfDay(zone).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        // An electorate or a request scope that no longer places is taken as statewide: flag rather than miss.
        PlacedScope electorate = facts.place(election.scopeType(), election.scopeId()).orElse(PlacedScope.STATEWIDE);
        List<FlaggedRequest> flagged = new ArrayList<>();
        // Requests share few scopes: each is placed once.
        Map<String, PlacedScope> placed = new HashMap<>();
        for (FlaggedRequest request : jdbi.withExtension(Dao.class,
                dao -> dao.officersRequests(from, to, OFFICER_ROLES.toArray(String[]::new), MAX_FLAGGED))) {
            PlacedScope scope = placed.computeIfAbsent(request.scopeType() + ":" + request.scopeId(),
                    k -> facts.place(ScopeType.valueOf(request.scopeType()), request.scopeId())
                            .orElse(PlacedScope.STATEWIDE));
            if (scope.overlaps(electorate)) {
                flagged.add(request);
            }
        }
        return List.copyOf(flagged);
    }

    /**
     * For the auditors' flags: per election whose window holds part of {@code [since, now]}, per
     * officer, the requests flagged that were made since {@code since}.
     */
    public List<AuditFlags.WindowRequests> since(Instant since) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = LocalDate.ofInstant(since, clock.getZone());
        List<Election> elections = jdbi.withExtension(ElectionDao.class,
                dao -> dao.withElectionDayBetween(from, today.plusDays(windowDays)));
        List<AuditFlags.WindowRequests> windows = new ArrayList<>();
        for (Election election : elections) {
            Map<String, List<Long>> byRequester = new LinkedHashMap<>();
            for (FlaggedRequest request : flagged(election)) {
                if (!request.requestedAt().toInstant().isBefore(since)) {
                    byRequester.computeIfAbsent(request.requester(), r -> new ArrayList<>()).add(request.requestId());
                }
            }
            byRequester.forEach((requester, ids) -> windows.add(new AuditFlags.WindowRequests(
                    election.name() + " (" + election.id() + ")", requester, ids)));
        }
        return List.copyOf(windows);
    }

    /** The list requests the calendar reads; requests hold no member data, only what was asked for. */
    interface Dao {
        /** Requests made in {@code [from, to)} by a person holding one of {@code roles} when they asked. */
        @SqlQuery("""
                SELECT r.id AS request_id, p.username AS requester, r.purpose, r.scope_type, r.scope_id,
                       r.created_at AS requested_at
                FROM list_requests r JOIN people p ON p.id = r.requester_id
                WHERE r.created_at >= :from AND r.created_at < :to
                  AND EXISTS (SELECT 1 FROM role_grants g
                              WHERE g.person_id = r.requester_id AND g.role = ANY(CAST(:roles AS varchar[]))
                                AND g.valid_from <= r.created_at AND (g.valid_until IS NULL OR g.valid_until > r.created_at)
                                AND (g.status = 'ACTIVE' OR (g.status = 'REVOKED' AND g.revoked_at > r.created_at)))
                ORDER BY r.created_at, r.id LIMIT :limit""")
        @RegisterConstructorMapper(FlaggedRequest.class)
        List<FlaggedRequest> officersRequests(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                                              @Bind("roles") String[] roles, @Bind("limit") int limit);
    }
}
