package org.membergateway.demo;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.members.ImportResult;
import org.membergateway.members.LocalUnit;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MemberSource;

/** Loads the synthetic union into an empty database, so the demo has members to guard. */
public final class DemoUnion {

    private static final Map<String, String> GROUP_NAMES = Map.of(
            "STATE_AGENCIES", "State agencies",
            "UNIVERSITIES", "Universities",
            "NURSING_HOMES", "Nursing homes",
            "PRIVATE_NONPROFITS", "Private non-profits",
            "HOMECARE", "Homecare providers");

    /** Who the audit trail names for the demo's own import. */
    static final String DEMO_ACTOR = "system:demo";

    private final Jdbi jdbi;
    private final MemberImporter importer;

    public DemoUnion(Jdbi jdbi, MemberImporter importer) {
        this.jdbi = jdbi;
        this.importer = importer;
    }

    /** Members already present in the database. */
    public long memberCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM members").mapTo(Long.class).one());
    }

    /**
     * Generates and imports {@code members} synthetic members from {@code seed} if the database holds
     * no members; an existing database is never touched.
     */
    public Optional<ImportResult> loadIfEmpty(long seed, int members, MemberImporter.Progress progress) {
        if (jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM members)").mapTo(Boolean.class).one())) {
            return Optional.empty();
        }
        SyntheticUnion union = new SyntheticUnion(seed, members);
        // Named structure first; the import then finds the locals and leaves their names alone.
        jdbi.useTransaction(h -> {
            for (String region : SyntheticUnion.regions()) {
                h.execute("INSERT INTO regions (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                        region, SyntheticUnion.regionName(region));
            }
            for (String group : SyntheticUnion.employerGroups()) {
                h.execute("INSERT INTO employer_groups (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                        group, GROUP_NAMES.getOrDefault(group, group));
            }
            for (LocalUnit local : union.locals()) {
                h.execute("INSERT INTO locals (id, name, region_id, employer_group_id) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO NOTHING",
                        local.id(), local.name(), local.region(), local.employerGroup());
            }
        });
        return Optional.of(importer.importRows(MemberSource.of(union.members()), DEMO_ACTOR, progress));
    }
}
