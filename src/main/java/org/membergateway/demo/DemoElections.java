package org.membergateway.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.NewCandidacy;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionDao;
import org.membergateway.elections.ElectionPolicy;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * The demo's elections (docs/elections.md): a statewide Board seat whose window is open, so the
 * calendar's flags show at once, and the offices of the demo's first local in three weeks, without a
 * mail ballot, so its list inspection is open now; both with the published terms of
 * policies/elections.yml. {@code demo-member} is declared a candidate for the local's offices, so
 * a candidate's pages (send literature, inspect the list) can be tried at once. The demo has no vendor agreement (those need
 * the vendor's own OpenPGP key), so both name a demo mail house entered without one: an election can
 * be shown and its terms read, but no literature is delivered until an admin enters the agreement.
 * Entered only into a database without elections; an existing one is never touched.
 */
public final class DemoElections {

    static final String MAIL_HOUSE = "Demo mail house (no agreement yet)";
    static final String BOARD = "DEMO-BOARD-STATEWIDE";
    static final String LOCAL = "DEMO-LOCAL-OFFICERS";

    private final Jdbi jdbi;
    private final ElectionPolicy policy;
    private final Clock clock;

    public DemoElections(Jdbi jdbi, ElectionPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.clock = clock;
    }

    /** Enters the demo elections if the database holds none; returns the ids entered. */
    public List<String> enterIfNone() {
        return jdbi.inTransaction(h -> {
            ElectionDao elections = h.attach(ElectionDao.class);
            if (!elections.list(1).isEmpty()) {
                return List.of();
            }
            long vendor = h.createQuery("SELECT id FROM vendors WHERE name = :name ORDER BY id LIMIT 1")
                    .bind("name", MAIL_HOUSE).mapTo(Long.class).findOne()
                    .orElseGet(() -> h.createQuery("INSERT INTO vendors (name) VALUES (:name) RETURNING id")
                            .bind("name", MAIL_HOUSE).mapTo(Long.class).one());
            LocalDate today = LocalDate.now(clock);
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<Election> entered = new ArrayList<>();
            entered.add(new Election(BOARD, "Board of Directors, statewide seat (demo)", Office.BOARD_SEAT,
                    ScopeType.STATEWIDE, ScopeType.STATEWIDE_ID, today.plusDays(14), today.plusDays(30),
                    today.plusDays(60), vendor, null, policy.terms(), now, DemoUnion.DEMO_ACTOR));
            Optional<UnionDao.FirstLocal> local = h.attach(UnionDao.class).firstLocal();
            local.ifPresent(l -> entered.add(new Election(LOCAL, "Local " + l.localId() + " officers (demo)",
                    Office.LOCAL_OFFICE, ScopeType.LOCAL, l.localId(), today.plusDays(5), null, today.plusDays(20),
                    vendor, null, policy.terms(), now, DemoUnion.DEMO_ACTOR)));
            entered.forEach(elections::insert);
            return entered.stream().map(Election::id).toList();
        });
    }

    /**
     * Declares {@code username} (a member of the first local) a candidate for the local's offices,
     * through the directory as an admin would (checked and audited); nothing if the election or the
     * person is missing or the candidacy is declared already.
     */
    public void declareCandidate(DirectoryService directory, String username) {
        Optional<Election> local = jdbi.withExtension(ElectionDao.class, dao -> dao.find(LOCAL));
        if (local.isEmpty() || directory.person(username).isEmpty()) {
            return;
        }
        try {
            directory.addCandidacy(DemoUnion.DEMO_ACTOR, username, new NewCandidacy(Office.LOCAL_OFFICE.name(),
                    ScopeType.LOCAL.name(), local.get().scopeId(), LOCAL));
        } catch (DirectoryException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
