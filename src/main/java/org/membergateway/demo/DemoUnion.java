package org.membergateway.demo;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.members.ImportResult;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MemberSource;
import org.membergateway.members.UnionDao;

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
        return jdbi.withExtension(UnionDao.class, UnionDao::memberCount);
    }

    /**
     * Generates and imports {@code members} synthetic members from {@code seed} if the database holds
     * no members; an existing database is never touched.
     */
    public Optional<ImportResult> loadIfEmpty(long seed, int members, MemberImporter.Progress progress) {
        if (jdbi.withExtension(UnionDao.class, UnionDao::anyMember)) {
            return Optional.empty();
        }
        SyntheticUnion union = new SyntheticUnion(seed, members);
        // Named structure first; the import then finds the locals and leaves their names alone.
        jdbi.useTransaction(h -> {
            UnionDao structure = h.attach(UnionDao.class);
            structure.addRegions(SyntheticUnion.regions().stream()
                    .map(region -> new UnionDao.NamedId(region, SyntheticUnion.regionName(region))).toList());
            structure.addEmployerGroups(SyntheticUnion.employerGroups().stream()
                    .map(group -> new UnionDao.NamedId(group, GROUP_NAMES.getOrDefault(group, group))).toList());
            structure.addLocals(union.locals());
        });
        return Optional.of(importer.importRows(MemberSource.of(union.members()), DEMO_ACTOR, progress));
    }
}
