package org.membergateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.members.LocalUnit;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.MemberRow;
import org.membergateway.members.MembershipStatus;

class SyntheticUnionTest {

    private static final int N = 72_000;
    private static final Pattern PHONE = Pattern.compile("\\((503|971|541|458|360|509)\\) 555-01\\d\\d");
    private static final Pattern HOME_EMAIL = Pattern.compile("[a-z0-9._]+@example\\.(com|net|org)");
    private static final Pattern WORK_EMAIL = Pattern.compile("[a-z0-9.]+@[a-z]+\\.example\\.org");
    private static final Pattern MEMBER_ID = Pattern.compile("M\\d{8}");
    /** Columns every generated row fills (by index into {@link MemberCsv#COLUMNS}). */
    private static final int[] REQUIRED = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22};
    private static final Pattern OR_ZIP = Pattern.compile("97\\d{3}");
    private static final Pattern WA_ZIP = Pattern.compile("9[89]\\d{3}");
    private static final LocalDate AGE_19 = SyntheticUnion.REFERENCE_DATE.minusYears(19);
    private static final LocalDate AGE_60 = SyntheticUnion.REFERENCE_DATE.minusYears(60);
    private static final LocalDate AGE_86 = SyntheticUnion.REFERENCE_DATE.minusYears(86);
    private static final Pattern STREET = Pattern.compile("\\d{3,5} [A-Za-z0-9' ]+");

    /** Summary of one pass over a 72,000-member union; the rows themselves are not kept. */
    private static final Map<String, Integer> COUNTS = new HashMap<>();
    private static final Map<String, Set<String>> WORKSITES_BY_LOCAL = new TreeMap<>();
    private static final Set<String> IDS = new HashSet<>();
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static int rows;

    @BeforeAll
    static void generate() {
        Map<String, LocalUnit> locals = new HashMap<>();
        for (LocalUnit l : new SyntheticUnion(7, 1).locals()) {
            locals.put(l.id(), l);
        }
        Iterator<MemberRow> it = new SyntheticUnion(2026, N).members();
        while (it.hasNext()) {
            MemberRow r = it.next();
            rows++;
            IDS.add(r.memberId());
            check(r, locals);
            count("status:" + r.membershipStatus());
            count("language:" + r.preferredLanguage());
            count("local:" + r.localId());
            count("region:" + r.region());
            count("group:" + r.employerGroup());
            count("state:" + r.homeState());
            if (r.capeContributor()) {
                count("cape:" + r.membershipStatus());
            }
            count(r.homePhone() != null ? "homePhone" : "noHomePhone");
            count(r.mobilePhone() != null ? "mobile" : "noMobile");
            count(r.homeEmail() != null ? "homeEmail" : "noHomeEmail");
            count(r.workEmail() != null ? "workEmail" : "noWorkEmail");
            count(r.birthDate() != null ? "birthDate" : "noBirthDate");
            if (r.worksiteLeader()) {
                count("leader");
            }
            if (r.steward()) {
                count("steward");
            }
            WORKSITES_BY_LOCAL.computeIfAbsent(r.localId(), k -> new HashSet<>()).add(r.worksite());
        }
    }

    private static void count(String key) {
        COUNTS.merge(key, 1, Integer::sum);
    }

    private static double share(String key) {
        return COUNTS.getOrDefault(key, 0) / (double) rows;
    }

    /** Records (rather than asserts) a broken rule, so one test can report them all. */
    private static void check(MemberRow r, Map<String, LocalUnit> locals) {
        String id = r.memberId();
        expect(MEMBER_ID.matcher(id).matches(), id, "member_id");
        String[] text = MemberCsv.values(r);
        for (int i = 0; i < text.length; i++) {
            String v = text[i];
            if (v != null && (v.isEmpty() || !v.equals(v.strip()) || hasControlChar(v))) {
                expect(false, id, MemberCsv.COLUMNS.get(i) + " blank, padded or with a control character");
            }
        }
        for (int required : REQUIRED) {
            if (text[required] == null) {
                expect(false, id, MemberCsv.COLUMNS.get(required) + " missing");
            }
        }
        LocalUnit local = locals.get(r.localId());
        expect(local != null, id, "unknown local");
        if (local != null) {
            expect(local.region().equals(r.region()), id, "region differs from local's");
            expect(local.employerGroup().equals(r.employerGroup()), id, "group differs from local's");
        }
        expect(r.employer().length() <= 120 && r.worksite().length() <= 120, id, "employer/worksite length");
        expect(r.classification().length() <= 80, id, "classification length");
        expect(List.of("English", "Spanish", "Vietnamese", "Russian", "Chinese").contains(r.preferredLanguage()),
                id, "language");
        for (String phone : new String[] {r.homePhone(), r.mobilePhone()}) {
            expect(phone == null || PHONE.matcher(phone).matches(), id, "phone");
        }
        expect(r.homeEmail() == null || HOME_EMAIL.matcher(r.homeEmail()).matches(), id, "home email");
        expect(r.workEmail() == null || WORK_EMAIL.matcher(r.workEmail()).matches(), id, "work email");
        for (String email : new String[] {r.homeEmail(), r.workEmail()}) {
            expect(email == null || (email.length() <= 254 && email.indexOf('@') == email.lastIndexOf('@')),
                    id, "email shape");
        }
        boolean wa = "WA".equals(r.homeState());
        expect(wa || "OR".equals(r.homeState()), id, "state");
        expect((wa ? WA_ZIP : OR_ZIP).matcher(r.homeZip()).matches(), id, "zip");
        if (r.homePhone() != null && !wa) {
            expect(!r.homePhone().startsWith("(360)") && !r.homePhone().startsWith("(509)"), id, "OR area code");
        }
        expect(STREET.matcher(r.homeStreet()).matches(), id, "street");
        if (r.birthDate() != null) {
            // Age on the reference date within 19..85 (60..85 for retirees).
            boolean retired = r.membershipStatus() == MembershipStatus.RETIRED;
            expect(!r.birthDate().isAfter(retired ? AGE_60 : AGE_19) && r.birthDate().isAfter(AGE_86), id, "age");
        }
        expect(!(r.capeContributor() && r.membershipStatus() == MembershipStatus.NON_MEMBER), id, "cape non-member");
    }

    private static boolean hasControlChar(String v) {
        for (int c = 0; c < v.length(); c++) {
            if (Character.isISOControl(v.charAt(c))) {
                return true;
            }
        }
        return false;
    }

    private static void expect(boolean ok, String memberId, String rule) {
        if (!ok && PROBLEMS.size() < 20) {
            PROBLEMS.add(memberId + ": " + rule);
        }
    }

    @Test
    void everyRowFollowsTheColumnRules() {
        assertThat(PROBLEMS).isEmpty();
    }

    @Test
    void producesExactlyTheCountWithUniqueIds() {
        assertThat(rows).isEqualTo(N);
        assertThat(IDS).hasSize(N).contains("M00000001", "M00072000");
        Iterator<MemberRow> it = new SyntheticUnion(1, 3).members();
        it.next();
        it.next();
        assertThat(it.next().memberId()).isEqualTo("M00000003");
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void sameSeedGivesTheSameRowsOnEveryCall() {
        SyntheticUnion union = new SyntheticUnion(42, 2_000);
        assertThat(list(union.members(), 2_000)).isEqualTo(list(union.members(), 2_000));
        assertThat(list(new SyntheticUnion(42, 2_000).members(), 2_000))
                .isEqualTo(list(union.members(), 2_000));
        assertThat(union.member(1_234)).isEqualTo(list(union.members(), 2_000).get(1_234));
    }

    @Test
    void differentSeedGivesDifferentRows() {
        List<MemberRow> a = list(new SyntheticUnion(1, 1_000).members(), 1_000);
        List<MemberRow> b = list(new SyntheticUnion(2, 1_000).members(), 1_000);
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        assertThat(same).isZero();
        // Ids are positional, so they agree; the people behind them do not.
        assertThat(a.get(0).memberId()).isEqualTo(b.get(0).memberId());
    }

    @Test
    void rowsDoNotDependOnTheMemberCount() {
        List<MemberRow> small = list(new SyntheticUnion(2026, 1_000).members(), 1_000);
        List<MemberRow> prefix = list(new SyntheticUnion(2026, N).members(), 1_000);
        assertThat(small).isEqualTo(prefix);
    }

    /**
     * Pins the bytes of a small union, so output stays identical across JVMs and JDK versions and an
     * accidental change to the generator (which would change every demo and benchmark) is noticed.
     * After an intended change, update the digest.
     */
    @Test
    void outputIsPinned() throws Exception {
        StringWriter csv = new StringWriter();
        MemberCsv.write(new SyntheticUnion(2026, 1_000).members(), csv);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("39b5c02db249a085c98f965554ad68afe4b3852efbcc64bac5dfd81b082ef6cc");
        MemberRow first = new SyntheticUnion(2026, 1).member(0);
        assertThat(first.memberId()).isEqualTo("M00000001");
        assertThat(first.localId()).isEqualTo("L047");
    }

    @Test
    void statusShares() {
        assertThat(share("status:MEMBER")).isBetween(0.67, 0.73);
        assertThat(share("status:FAIR_SHARE")).isBetween(0.13, 0.17);
        assertThat(share("status:NON_MEMBER")).isBetween(0.085, 0.115);
        assertThat(share("status:RETIRED")).isBetween(0.04, 0.06);
        double capeAmongMembers = COUNTS.get("cape:MEMBER") / (double) COUNTS.get("status:MEMBER");
        assertThat(capeAmongMembers).isBetween(0.22, 0.28);
        assertThat(COUNTS).doesNotContainKey("cape:NON_MEMBER");
        assertThat(share("cape:FAIR_SHARE") + share("cape:RETIRED")).isLessThan(0.01);
        assertThat(share("leader")).isBetween(0.02, 0.04);
        assertThat(share("steward")).isBetween(0.03, 0.05);
    }

    @Test
    void languageShares() {
        assertThat(share("language:English")).isBetween(0.75, 0.81);
        assertThat(share("language:Spanish")).isBetween(0.08, 0.12);
        assertThat(share("language:Vietnamese")).isBetween(0.04, 0.06);
        assertThat(share("language:Russian")).isBetween(0.03, 0.05);
        assertThat(share("language:Chinese")).isBetween(0.02, 0.04);
    }

    @Test
    void optionalFieldShares() {
        assertThat(share("homePhone")).isBetween(0.57, 0.63);
        assertThat(share("mobile")).isBetween(0.82, 0.88);
        assertThat(share("homeEmail")).isBetween(0.67, 0.73);
        assertThat(share("workEmail")).isBetween(0.47, 0.53);
        assertThat(share("birthDate")).isBetween(0.96, 0.98);
        assertThat(share("state:WA")).isBetween(0.01, 0.03);
        assertThat(share("state:OR") + share("state:WA")).isEqualTo(1.0);
    }

    @Test
    void allLocalsRegionsAndGroupsAreUsedUnevenly() {
        List<LocalUnit> locals = new SyntheticUnion(2026, N).locals();
        assertThat(locals).hasSize(60);
        for (LocalUnit l : locals) {
            assertThat(COUNTS.getOrDefault("local:" + l.id(), 0)).as(l.id()).isPositive();
            assertThat(WORKSITES_BY_LOCAL.get(l.id())).as(l.id()).hasSizeBetween(3, 15);
        }
        for (String region : SyntheticUnion.regions()) {
            assertThat(share("region:" + region)).as(region).isGreaterThan(0.02);
        }
        for (String group : SyntheticUnion.employerGroups()) {
            assertThat(share("group:" + group)).as(group).isGreaterThan(0.05);
        }
        assertThat(COUNTS.keySet().stream().filter(k -> k.startsWith("region:"))).hasSize(6);
        assertThat(COUNTS.keySet().stream().filter(k -> k.startsWith("group:"))).hasSize(5);
        int biggest = locals.stream().mapToInt(l -> COUNTS.get("local:" + l.id())).max().orElseThrow();
        int smallest = locals.stream().mapToInt(l -> COUNTS.get("local:" + l.id())).min().orElseThrow();
        assertThat(biggest).isGreaterThan(5 * smallest);
    }

    @Test
    void localsAreAFixedWellFormedTable() {
        List<LocalUnit> locals = new SyntheticUnion(1, 1).locals();
        assertThat(locals).isEqualTo(new SyntheticUnion(99, 5).locals());
        assertThat(locals).extracting(LocalUnit::id).doesNotHaveDuplicates().allMatch(id -> id.matches("L\\d{3}"));
        assertThat(locals).extracting(LocalUnit::name).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("Local \\d{3} \u2013 .+"));
        assertThat(locals).extracting(LocalUnit::id).contains("L083");
        assertThat(locals).filteredOn(l -> l.id().equals("L083")).singleElement()
                .isEqualTo(new LocalUnit("L083", "Local 083 \u2013 Salem State Agencies", "R2", "STATE_AGENCIES"));
        for (String region : SyntheticUnion.regions()) {
            assertThat(locals).filteredOn(l -> l.region().equals(region)).as(region).hasSizeGreaterThanOrEqualTo(5);
        }
        for (String group : SyntheticUnion.employerGroups()) {
            assertThat(locals).filteredOn(l -> l.employerGroup().equals(group)).as(group)
                    .hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(SyntheticUnion.regions()).containsExactly("R1", "R2", "R3", "R4", "R5", "R6");
        assertThat(SyntheticUnion.employerGroups())
                .containsExactly("STATE_AGENCIES", "UNIVERSITIES", "NURSING_HOMES", "PRIVATE_NONPROFITS", "HOMECARE");
        assertThat(SyntheticUnion.regionName("R1")).isEqualTo("Portland Metro");
    }

    @Test
    void rejectsCountsOutOfRange() {
        assertThatThrownBy(() -> new SyntheticUnion(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticUnion(1, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticUnion(1, 5_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SyntheticUnion(1, 5_000_000).memberCount()).isEqualTo(5_000_000);
        assertThatThrownBy(() -> new SyntheticUnion(1, 10).member(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void slugsAreLowercaseAscii() {
        assertThat(SyntheticUnion.slug("José")).isEqualTo("jose");
        assertThat(SyntheticUnion.slug("Nguyễn")).isEqualTo("nguyen");
        assertThat(SyntheticUnion.slug("Đặng")).isEqualTo("dang");
        assertThat(SyntheticUnion.slug("O'Brien")).isEqualTo("obrien");
        assertThat(SyntheticUnion.memberId(0)).isEqualTo("M00000001");
        assertThat(SyntheticUnion.memberId(4_999_999)).isEqualTo("M05000000");
    }

    @Test
    void birthDatesUseTheFixedReferenceDate() {
        assertThat(SyntheticUnion.REFERENCE_DATE).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    private static List<MemberRow> list(Iterator<MemberRow> it, int limit) {
        List<MemberRow> out = new ArrayList<>();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
