package org.membergateway.exports;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Synthetic people planted in an export so a leaked list can be traced to it (README "Seed
 * records"). They look like the union's members (Oregon addresses, common names, the scope's
 * workplaces) but are fictional: phone numbers in the 555-01xx range reserved for fiction, email
 * addresses at the configured seed domain, ids starting with {@code S}. Each carries a random token
 * (in its id, email and street number), so two exports never share a seed.
 */
public final class SeedRecords {

    private static final String[] FIRST = {"Maria", "James", "Linh", "Robert", "Ana", "David", "Mai", "Michael",
        "Rosa", "John", "Thu", "Daniel", "Elena", "Kevin", "Hoa", "Sarah", "Luis", "Karen", "Minh", "Laura"};
    private static final String[] LAST = {"Nguyen", "Johnson", "Garcia", "Tran", "Smith", "Martinez", "Le", "Brown",
        "Lopez", "Pham", "Miller", "Hernandez", "Davis", "Vo", "Wilson", "Anderson", "Hoang", "Thomas", "Moore"};
    private static final String[] STREETS = {"Alder St", "Birch Ave", "Cedar Ln", "Douglas Fir Rd", "Elm St",
        "Filbert Way", "Hawthorne Blvd", "Juniper Ct", "Madrona Dr", "Oak Grove Rd", "Willamette Ave"};
    private static final String[][] CITIES = {{"Salem", "97301"}, {"Eugene", "97401"}, {"Portland", "97214"},
        {"Corvallis", "97330"}, {"Bend", "97701"}, {"Medford", "97501"}, {"Albany", "97321"}, {"Pendleton", "97801"}};
    private static final char[] TOKEN = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final String emailDomain;

    /** @param emailDomain where seed email addresses point: a domain the union watches for mail to seeds */
    public SeedRecords(String emailDomain) {
        this.emailDomain = emailDomain;
    }

    /**
     * {@code count} seed records with values for every member field; {@code workplace} supplies the
     * work fields (local, region, employer group, employer, worksite, classification) of the scope,
     * so the seeds blend in.
     */
    public List<Map<String, String>> create(int count, Map<String, String> workplace, boolean capeContributor) {
        List<Map<String, String>> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String token = token(6);
            String first = pick(FIRST);
            String last = pick(LAST);
            String[] city = CITIES[random.nextInt(CITIES.length)];
            Map<String, String> seed = new LinkedHashMap<>();
            seed.put("member_id", "S" + token.toUpperCase(Locale.ROOT));
            seed.put("first_name", first);
            seed.put("last_name", last);
            seed.putAll(workplace);
            seed.put("membership_status", "MEMBER");
            seed.put("cape_contributor", Boolean.toString(capeContributor));
            seed.put("home_street", (100 + random.nextInt(9000)) + " " + pick(STREETS));
            seed.put("home_city", city[0]);
            seed.put("home_state", "OR");
            seed.put("home_zip", city[1]);
            seed.put("home_phone", phone());
            seed.put("mobile_phone", phone());
            seed.put("home_email", first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "." + token + "@" + emailDomain);
            seed.put("work_email", first.substring(0, 1).toLowerCase(Locale.ROOT) + last.toLowerCase(Locale.ROOT) + "." + token
                    + "@" + emailDomain);
            seed.put("birth_date", LocalDate.of(1958 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
            seed.put("preferred_language", "en");
            seed.put("worksite_leader", "false");
            seed.put("steward", "false");
            seeds.add(seed);
        }
        return seeds;
    }

    private String phone() {
        return "503-555-01" + (10 + random.nextInt(90));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String token(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = TOKEN[random.nextInt(TOKEN.length)];
        }
        return new String(chars);
    }

    /** Distinct record positions in {@code [0, rows]} at which to plant {@code count} seeds, ascending. */
    public long[] positions(int count, long rows) {
        long[] positions = random.longs(count, 0, rows + 1).sorted().toArray();
        return positions;
    }
}
