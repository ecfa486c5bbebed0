package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.demo.SyntheticUnion;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.MemberRow;

/**
 * Seed records against the demo union (seed 503), with fixed secrets so every run draws the same:
 * in every field a seed has the format of the real rows of its own selection, carries no member's
 * id, phone, email or full name, sits strictly inside the list, and two exports never share one.
 */
class SeedRecordsTest {

    static final SeedRecords SEEDS = new SeedRecords(3, new ExportsConfiguration().getSeedAddresses());
    static final List<String> CATEGORICAL = List.of("local_id", "region", "employer_group", "employer", "worksite",
            "classification", "membership_status", "cape_contributor", "preferred_language", "worksite_leader", "steward");
    static Map<String, List<Map<String, String>>> byLocal;
    static SeedRecords.Taken taken;

    @BeforeAll
    static void union() {
        List<Map<String, String>> members = new ArrayList<>();
        Iterator<MemberRow> rows = new SyntheticUnion(503, 6000).members();
        while (rows.hasNext()) {
            String[] values = MemberCsv.values(rows.next());
            Map<String, String> member = new LinkedHashMap<>();
            for (int i = 0; i < MemberCsv.COLUMNS.size(); i++) {
                member.put(MemberCsv.COLUMNS.get(i), values[i] == null || values[i].isEmpty() ? null : values[i]);
            }
            members.add(member);
        }
        byLocal = members.stream().collect(Collectors.groupingBy(m -> m.get("local_id"), TreeMap::new, Collectors.toList()));
        Set<String> ids = values(members, "member_id", v -> v);
        Set<String> phones = new HashSet<>(values(members, "home_phone", SeedRecords::digits));
        phones.addAll(values(members, "mobile_phone", SeedRecords::digits));
        Set<String> emails = new HashSet<>(values(members, "home_email", v -> v.toLowerCase(Locale.ROOT)));
        emails.addAll(values(members, "work_email", v -> v.toLowerCase(Locale.ROOT)));
        Set<String> names = members.stream().map(m -> SeedRecords.Taken.nameKey(m.get("first_name"), m.get("last_name")))
                .collect(Collectors.toSet());
        taken = new SeedRecords.Taken() {
            @Override
            public Set<String> memberIds(Collection<String> candidates) {
                return candidates.stream().filter(ids::contains).collect(Collectors.toSet());
            }

            @Override
            public Set<String> phoneDigits(Collection<String> digits) {
                return digits.stream().filter(phones::contains).collect(Collectors.toSet());
            }

            @Override
            public Set<String> emails(Collection<String> lowerCase) {
                return lowerCase.stream().filter(emails::contains).collect(Collectors.toSet());
            }

            @Override
            public Set<String> names(Collection<String> keys) {
                return keys.stream().filter(names::contains).collect(Collectors.toSet());
            }
        };
    }

    static Set<String> values(List<Map<String, String>> members, String field, java.util.function.UnaryOperator<String> key) {
        return members.stream().map(m -> m.get(field)).filter(v -> v != null).map(key).collect(Collectors.toSet());
    }

    static byte[] secret(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The selection's members a build would sample, in an order of the secret's (as the salted md5 does). */
    static List<Map<String, String>> donors(List<Map<String, String>> scope, byte[] secret) {
        List<Map<String, String>> shuffled = new ArrayList<>(scope);
        Collections.shuffle(shuffled, new Random(SeedRecords.donorSalt(secret).hashCode()));
        return shuffled.subList(0, Math.min(SeedRecords.DONORS, shuffled.size()));
    }

    /** A value's format: each letter run one {@code a}, each digit a {@code 9}, everything else itself. */
    static String format(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            char f = Character.isLetter(c) ? 'a' : Character.isDigit(c) ? '9' : c;
            if (!(f == 'a' && b.length() > 0 && b.charAt(b.length() - 1) == 'a')) {
                b.append(f);
            }
        }
        return b.toString();
    }

    /** The locals of the union big enough to be a list, and a few exports of each. */
    static List<String> locals() {
        return byLocal.entrySet().stream().filter(e -> e.getValue().size() >= 150).map(Map.Entry::getKey).limit(8).toList();
    }

    @Test
    void everyFieldOfASeedHasTheFormatOfTheRealRowsOfItsOwnExport() {
        int seeds = 0;
        for (String local : locals()) {
            List<Map<String, String>> scope = byLocal.get(local);
            Map<String, Set<String>> formats = new HashMap<>();
            Map<String, Set<String>> values = new HashMap<>();
            Map<String, Boolean> nullable = new HashMap<>();
            for (String field : MemberCsv.COLUMNS) {
                formats.put(field, scope.stream().map(m -> m.get(field)).filter(v -> v != null).map(SeedRecordsTest::format)
                        .collect(Collectors.toSet()));
                values.put(field, values(scope, field, v -> v));
                nullable.put(field, scope.stream().anyMatch(m -> m.get(field) == null));
            }
            for (int i = 0; i < 25; i++) {
                byte[] secret = secret(local + "/" + i);
                for (Map<String, String> seed : SEEDS.create(secret, SEEDS.count(secret), donors(scope, secret), taken)) {
                    seeds++;
                    for (String field : MemberCsv.COLUMNS) {
                        String value = seed.get(field);
                        if (value == null) {
                            assertThat(nullable.get(field)).as("%s of a seed in %s is empty, no member's is", field, local).isTrue();
                        } else if (CATEGORICAL.contains(field)) {
                            assertThat(values.get(field)).as("%s of a seed in %s", field, local).contains(value);
                        } else {
                            assertThat(formats.get(field)).as("format of %s of a seed in %s: %s", field, local, value)
                                    .contains(format(value));
                        }
                    }
                    assertThat(format(seed.get("member_id"))).isEqualTo(format(scope.get(0).get("member_id")));
                }
            }
        }
        assertThat(seeds).as("seeds checked").isGreaterThan(400);
    }

    @Test
    void noSeedCarriesAMembersIdPhoneEmailOrFullName() {
        for (String local : locals()) {
            for (int i = 0; i < 25; i++) {
                byte[] secret = secret("taken " + local + "/" + i);
                for (Map<String, String> seed : SEEDS.create(secret, 4, donors(byLocal.get(local), secret), taken)) {
                    assertThat(taken.memberIds(List.of(seed.get("member_id")))).isEmpty();
                    assertThat(taken.names(List.of(SeedRecords.Taken.nameKey(seed.get("first_name"), seed.get("last_name")))))
                            .isEmpty();
                    for (String phone : List.of("home_phone", "mobile_phone")) {
                        if (seed.get(phone) != null) {
                            assertThat(taken.phoneDigits(List.of(SeedRecords.digits(seed.get(phone))))).isEmpty();
                        }
                    }
                    for (String email : List.of("home_email", "work_email")) {
                        if (seed.get(email) != null) {
                            assertThat(taken.emails(List.of(seed.get(email).toLowerCase(Locale.ROOT)))).isEmpty();
                        }
                    }
                    // A home address of the union's, never the member's the seed was made from.
                    if (seed.get("home_street") != null) {
                        assertThat(SEEDS_ADDRESSES).contains(seed.get("home_street"));
                    }
                }
            }
        }
    }

    static final Set<String> SEEDS_ADDRESSES = new ExportsConfiguration().getSeedAddresses().stream()
            .map(SeedRecords.Address::street).collect(Collectors.toSet());

    @Test
    void twoExportsOfTheSameRequestGetDifferentSeedsAndOneSecretAlwaysTheSame() {
        List<Map<String, String>> scope = byLocal.get(locals().get(0));
        byte[] first = secret("export 1");
        byte[] second = secret("export 2");
        List<Map<String, String>> a = SEEDS.create(first, 3, donors(scope, first), taken);
        List<Map<String, String>> b = SEEDS.create(second, 3, donors(scope, second), taken);
        assertThat(SEEDS.create(first, 3, donors(scope, first), taken)).isEqualTo(a);
        for (String field : List.of("member_id", "home_phone", "mobile_phone", "home_email", "work_email")) {
            Set<String> inA = a.stream().map(s -> s.get(field)).filter(v -> v != null).collect(Collectors.toSet());
            Set<String> inB = b.stream().map(s -> s.get(field)).filter(v -> v != null).collect(Collectors.toSet());
            assertThat(Collections.disjoint(inA, inB)).as(field + ": " + inA + " and " + inB).isTrue();
        }
        // Even from the very same members, a different secret makes different seeds.
        List<Map<String, String>> sameDonors = donors(scope, first);
        assertThat(Collections.disjoint(SEEDS.create(second, 3, sameDonors, taken), a)).isTrue();
        assertThat(a).extracting(s -> s.get("member_id")).doesNotHaveDuplicates();
    }

    @Test
    void seedsGoStrictlyBetweenTheFirstAndTheLastRowAndTheirNumberVaries() {
        Set<Integer> counts = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            byte[] secret = secret("positions " + i);
            int count = SEEDS.count(secret);
            counts.add(count);
            for (long rows : new long[] {2, 3, 30, 1000}) {
                long[] positions = SeedRecords.positions(secret, count, rows);
                assertThat(positions).hasSize(count).isSorted();
                assertThat(java.util.Arrays.stream(positions).boxed().toList()).allMatch(p -> p >= 1 && p <= rows - 1);
                if (rows == 30) {
                    for (long p : positions) {
                        seen.add(p);
                    }
                }
            }
        }
        assertThat(counts).as("one more or fewer than the 3 configured").containsExactlyInAnyOrder(2, 3, 4);
        assertThat(seen).as("every place inside a list of 30 is used").hasSize(29);
        assertThat(new SeedRecords(0, new ExportsConfiguration().getSeedAddresses()).count(secret("off"))).isZero();
        assertThat(SEEDS.create(secret("empty"), 3, List.of(), taken)).as("an empty list gets none").isEmpty();
    }
}
