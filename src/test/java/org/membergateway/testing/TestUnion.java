package org.membergateway.testing;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.members.LocalUnit;
import org.membergateway.members.UnionDao;

/** A small union for DAO tests: regions, employer groups and locals, and bare member rows. */
public final class TestUnion {

    private TestUnion() {
    }

    /** Regions R1 and R2, employer groups EG1 and EG2, locals L1 (R1, EG1) and L2 (R2, EG2). */
    public static void addStructure(Jdbi jdbi) {
        jdbi.useTransaction(h -> {
            UnionDao union = h.attach(UnionDao.class);
            union.addRegions(List.of(new UnionDao.NamedId("R1", "Region one"), new UnionDao.NamedId("R2", "Region two")));
            union.addEmployerGroups(List.of(new UnionDao.NamedId("EG1", "Group one"),
                    new UnionDao.NamedId("EG2", "Group two")));
            union.addLocals(List.of(new LocalUnit("L1", "Local one", "R1", "EG1"),
                    new LocalUnit("L2", "Local two", "R2", "EG2")));
        });
    }

    /** A member of {@code local} with only the required columns. */
    public static void addMember(Jdbi jdbi, String memberId, String local, String region, String employerGroup) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group,
                                             membership_status)
                        VALUES (:id, 'Test', 'Member', :local, :region, :group, 'MEMBER')""")
                .bind("id", memberId).bind("local", local).bind("region", region).bind("group", employerGroup)
                .execute());
    }
}
