package org.membergateway.demo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.Role;
import org.membergateway.directory.DirectoryService;
import org.membergateway.auth.Requester;
import org.membergateway.directory.GrantStatus;
import org.membergateway.directory.NewDesignation;
import org.membergateway.directory.NewPerson;
import org.membergateway.directory.PersonView;
import org.membergateway.directory.RoleGrantView;
import org.membergateway.policy.Purpose;
import org.membergateway.members.UnionDao;

/**
 * One account per role for the demo, with fixed, published passwords: {@code demo-<role>} /
 * {@code demo-<role>-pw}, e.g. {@code demo-local-president} / {@code demo-local-president-pw}.
 * Only the {@code demo} command creates them; a real installation never has them.
 *
 * <p>Scoped people (local leaders, stewards, members, directors) get the first local of the demo
 * union (and its region and employer group); the member also gets that local's first member
 * record. Idempotent: an account that exists is left as it is.
 */
public final class DemoAccounts {

    /** What the demo prints: username, password, role and scope. */
    public record DemoAccount(String username, String password, Role role, String scope, boolean created) {
        @Override
        public String toString() {
            return "DemoAccount[" + username + "]";
        }
    }

    /**
     * Demo accounts that request or approve member data: the demo gives them a current
     * confidentiality acknowledgement so requests work at once. The others (demo-member,
     * demo-steward, demo-committee-chair, demo-statewide-officer, demo-admin, demo-auditor) have
     * none, to show the gate (and the acknowledgement flow) at work.
     */
    public static final Set<Role> ACKNOWLEDGED_ROLES = EnumSet.of(Role.LOCAL_PRESIDENT, Role.LOCAL_OFFICER,
            Role.DIRECTOR, Role.EXECUTIVE_DIRECTOR, Role.STAFF, Role.STATEWIDE_PRESIDENT, Role.DESIGNEE);

    private static final Set<Role> LOCAL_ROLES = EnumSet.of(Role.LOCAL_PRESIDENT, Role.LOCAL_OFFICER,
            Role.COMMITTEE_CHAIR, Role.STEWARD, Role.MEMBER);

    private final Jdbi jdbi;
    private final DirectoryService directory;

    public DemoAccounts(Jdbi jdbi, DirectoryService directory) {
        this.jdbi = jdbi;
        this.directory = directory;
    }

    public static String username(Role role) {
        return "demo-" + role.slug();
    }

    public static String password(Role role) {
        return username(role) + "-pw";
    }

    /** Creates the missing demo accounts; returns all of them, in role order. */
    public List<DemoAccount> ensure() {
        Optional<UnionDao.FirstLocal> scope = jdbi.withExtension(UnionDao.class, UnionDao::firstLocal);
        List<DemoAccount> accounts = new ArrayList<>();
        for (Role role : Role.values()) {
            String username = username(role);
            List<String> locals = List.of();
            List<String> regions = List.of();
            List<String> groups = List.of();
            String memberId = null;
            String described = "statewide";
            if (scope.isPresent() && LOCAL_ROLES.contains(role)) {
                locals = List.of(scope.get().localId());
                described = "local " + scope.get().localId();
                if (role == Role.MEMBER) {
                    memberId = scope.get().memberId();
                }
            } else if (scope.isPresent() && role == Role.DIRECTOR) {
                regions = List.of(scope.get().region());
                groups = List.of(scope.get().employerGroup());
                described = "region " + scope.get().region() + ", employer group " + scope.get().employerGroup();
            } else if (role == Role.ADMIN || role == Role.AUDITOR || role == Role.STAFF) {
                described = "-";
            }
            boolean created = false;
            if (directory.person(username).isEmpty()) {
                // The demo's designee acts for every purpose statewide, for a year from its creation.
                NewDesignation designation = role != Role.DESIGNEE ? null : new NewDesignation(
                        java.util.Arrays.stream(Purpose.values()).map(Purpose::name).toList(), List.of("STATEWIDE:ALL"),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1).toString());
                directory.createPerson("system", new NewPerson(username,
                        "Demo " + role.slug().replace('-', ' '), password(role), List.of(role.name()),
                        locals, regions, groups, memberId, designation));
                created = true;
            }
            accounts.add(new DemoAccount(username, password(role), role, described, created));
        }
        confirmAsTheDemoExecutiveDirector();
        return accounts;
    }

    /**
     * The two-person rule holds in the demo too: once demo-executive-director exists, the other
     * demo authority roles wait for confirmation, and the demo's executive director (neither their
     * granter, "system", nor their grantee) confirms them, each audited like any confirmation.
     */
    private void confirmAsTheDemoExecutiveDirector() {
        String director = username(Role.EXECUTIVE_DIRECTOR);
        Optional<PersonView> person = directory.person(director);
        if (person.isEmpty() || !person.get().rolesInEffect().contains(Role.EXECUTIVE_DIRECTOR)) {
            return;
        }
        Requester confirmer = Requester.person(director, person.get().displayName(), Set.of(Role.EXECUTIVE_DIRECTOR),
                Set.of(), Set.of(), Set.of(), null);
        for (RoleGrantView grant : directory.grants(GrantStatus.PENDING_CONFIRMATION.name())) {
            if (grant.username().startsWith("demo-") && "system".equals(grant.grantedBy())) {
                directory.decideGrant(confirmer, grant.id(), true, "demo account");
            }
        }
    }

    /** The accounts as a table for the demo banner and the README. */
    public static String table(List<DemoAccount> accounts) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "  %-28s %-31s %-20s %-12s %s%n", "username", "password", "role",
                "acknowledged", "scope"));
        for (DemoAccount a : accounts) {
            table.append(String.format(Locale.ROOT, "  %-28s %-31s %-20s %-12s %s%n", a.username(), a.password(),
                    a.role(), ACKNOWLEDGED_ROLES.contains(a.role()) ? "yes" : "no", a.scope()));
        }
        return table.toString();
    }
}
