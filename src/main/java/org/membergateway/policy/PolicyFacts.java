package org.membergateway.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.membergateway.directory.CampaignKind;
import org.membergateway.directory.Office;
import org.membergateway.directory.ScopeType;
import org.membergateway.members.MemberSelection;

/**
 * Reads the facts the engine decides on from the database: where scopes lie, a requester's
 * candidacies, a campaign, how many rows a selection holds. Everything here is a read; the engine
 * gets values, never a connection.
 */
public final class PolicyFacts {

    private PolicyFacts() {
    }

    /** The scope with its region and employer group, if it exists. */
    public static Optional<PlacedScope> place(Handle h, ScopeType type, String id) {
        return switch (type) {
            case STATEWIDE -> ScopeType.STATEWIDE_ID.equals(id) ? Optional.of(PlacedScope.STATEWIDE) : Optional.empty();
            case LOCAL -> h.createQuery("SELECT region_id, employer_group_id FROM locals WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> PlacedScope.local(id, rs.getString(1), rs.getString(2)))
                    .findOne();
            case REGION -> h.createQuery("SELECT 1 FROM regions WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).findOne().map(x -> PlacedScope.region(id));
            case EMPLOYER_GROUP -> h.createQuery("SELECT 1 FROM employer_groups WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).findOne().map(x -> PlacedScope.employerGroup(id));
        };
    }

    public static List<CandidacyFact> candidacies(Handle h, String username) {
        return h.createQuery("""
                        SELECT c.office, c.scope_type, c.scope_id, c.election_id
                        FROM candidacies c JOIN people p ON p.id = c.person_id WHERE p.username = :u ORDER BY c.id""")
                .bind("u", username)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list().stream()
                // A candidacy whose scope has since disappeared still makes its holder a candidate
                // everywhere: err towards asking a person.
                .map(row -> new CandidacyFact(Office.valueOf((String) row[0]),
                        place(h, ScopeType.valueOf((String) row[1]), (String) row[2]).orElse(PlacedScope.STATEWIDE),
                        (String) row[3]))
                .toList();
    }

    public static Optional<CampaignFact> campaign(Handle h, long id) {
        return h.createQuery("SELECT kind, scope_type, scope_id, starts_on, ends_on FROM campaigns WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)})
                .findOne()
                .flatMap(row -> place(h, ScopeType.valueOf((String) row[1]), (String) row[2])
                        .map(scope -> new CampaignFact(id, CampaignKind.valueOf((String) row[0]), scope,
                                (LocalDate) row[3], (LocalDate) row[4])));
    }

    public static long count(Handle h, MemberSelection selection) {
        return h.createQuery(selection.countSql()).mapTo(Long.class).one();
    }
}
