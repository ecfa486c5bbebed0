package org.membergateway.exports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.membergateway.members.MemberCsv;

/**
 * The seed records planted in an export so a leaked list can be traced to it (README "Seed
 * records"). A seed is made of the export's own members: its workplace, status and flags come
 * from one member of the selection, its first and last name from two others, its phones, email
 * addresses and member id keep the exact shape of that first member's but are no member's, and
 * its home address is one of the addresses the union controls. Which members, which digits and
 * where the seeds go follow from a secret drawn for each export ({@link SeedRandom}); without it
 * a seed cannot be told from a member by its values, its format or its place.
 */
public final class SeedRecords {

    /** Bytes of an export's seed secret. */
    public static final int SECRET_BYTES = 32;
    /** Members of the selection the seeds are made from. */
    public static final int DONORS = 64;
    /** Alternatives tried for each value that must be no member's. */
    private static final int CANDIDATES = 16;

    private static final List<String> PHONES = List.of("home_phone", "mobile_phone");
    private static final List<String> EMAILS = List.of("home_email", "work_email");
    private static final List<String> ADDRESS = List.of("home_street", "home_city", "home_state", "home_zip");
    private static final List<String> COPIED = List.of("local_id", "region", "employer_group", "employer", "worksite",
            "classification", "membership_status", "cape_contributor", "preferred_language", "worksite_leader", "steward");

    /** Values a seed must not share with any member: answers which of the candidates are taken. */
    public interface Taken {
        Set<String> memberIds(Collection<String> candidates);

        /** @param digits phone numbers as their digits only */
        Set<String> phoneDigits(Collection<String> digits);

        /** @param lowerCase email addresses in lower case */
        Set<String> emails(Collection<String> lowerCase);

        /** @param names {@link #nameKey} of first and last names */
        Set<String> names(Collection<String> names);

        static String nameKey(String first, String last) {
            return first.toLowerCase(Locale.ROOT) + "\t" + last.toLowerCase(Locale.ROOT);
        }
    }

    /** A home address the union controls (mail to it reaches the union), for seeds' address fields. */
    public record Address(@NotBlank @Size(max = 200) String street, @NotBlank @Size(max = 100) String city,
                          @NotNull @Pattern(regexp = "[A-Z][A-Z]") String state,
                          @NotNull @Pattern(regexp = "[0-9]{5}(-[0-9]{4})?") String zip) {
        String field(String name) {
            return switch (name) {
                case "home_street" -> street;
                case "home_city" -> city;
                case "home_state" -> state;
                case "home_zip" -> zip;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    private final int typical;
    private final List<Address> addresses;

    /**
     * @param typical about how many seeds an export carries (0: none)
     * @param addresses the union's addresses seeds live at; at least one
     */
    public SeedRecords(int typical, List<Address> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("seed records need at least one address the union controls");
        }
        this.typical = typical;
        this.addresses = List.copyOf(addresses);
    }

    /** A new export's secret. */
    public static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** How many seeds the export carries: one more or fewer than configured, at random, so no count gives them away. */
    public int count(byte[] secret) {
        if (typical <= 0) {
            return 0;
        }
        return Math.max(1, typical - 1 + SeedRandom.of(secret, "count").nextInt(3));
    }

    /** What orders the selection to sample its {@link #DONORS}: unpredictable without the secret. */
    public static String donorSalt(byte[] secret) {
        RandomGenerator random = SeedRandom.of(secret, "donors");
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /**
     * {@code count} seeds with a value for every member field (null where the member they are
     * made from has none), made from {@code donors}, members of the export's own selection (each a
     * map of every member field, null for none). None when there are no donors: an empty list has
     * nothing to blend into.
     */
    public List<Map<String, String>> create(byte[] secret, int count, List<Map<String, String>> donors, Taken taken) {
        if (donors.isEmpty() || count <= 0) {
            return List.of();
        }
        RandomGenerator random = SeedRandom.of(secret, "records");
        List<Draft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drafts.add(draft(random, donors));
        }
        Set<String> idsTaken = new HashSet<>(taken.memberIds(all(drafts, d -> d.ids)));
        Set<String> phonesTaken = new HashSet<>(taken.phoneDigits(all(drafts, d -> d.phoneDigits())));
        Set<String> emailsTaken = new HashSet<>(taken.emails(all(drafts, d -> d.emailsLower())));
        Set<String> namesTaken = new HashSet<>(taken.names(all(drafts, d -> d.nameKeys())));
        List<Map<String, String>> seeds = new ArrayList<>(count);
        for (Draft draft : drafts) {
            Map<String, String> seed = new LinkedHashMap<>();
            for (String column : MemberCsv.COLUMNS) {
                seed.put(column, null);
            }
            seed.put("member_id", first(draft.ids, idsTaken, v -> v));
            String[] name = draft.names.stream().filter(n -> !namesTaken.contains(Taken.nameKey(n[0], n[1]))).findFirst()
                    .orElse(draft.names.get(0));
            namesTaken.add(Taken.nameKey(name[0], name[1]));
            seed.put("first_name", name[0]);
            seed.put("last_name", name[1]);
            for (String field : COPIED) {
                seed.put(field, draft.main.get(field));
            }
            for (String field : ADDRESS) {
                seed.put(field, draft.main.get(field) == null ? null : draft.address.field(field));
            }
            for (String field : PHONES) {
                List<String> candidates = draft.phones.get(field);
                seed.put(field, candidates == null ? null : first(candidates, phonesTaken, SeedRecords::digits));
            }
            for (String field : EMAILS) {
                List<Template> templates = draft.emails.get(field);
                seed.put(field, templates == null ? null : first(emails(templates, name), emailsTaken,
                        v -> v.toLowerCase(Locale.ROOT)));
            }
            seed.put("birth_date", draft.birthDate);
            seeds.add(seed);
        }
        return seeds;
    }

    /**
     * Where the seeds go among {@code rows} member rows, ascending: each before the member row
     * with that number, never before the first nor after the last (when there are two rows or more).
     */
    public static long[] positions(byte[] secret, int count, long rows) {
        RandomGenerator random = SeedRandom.of(secret, "positions");
        long[] positions = new long[count];
        for (int i = 0; i < count; i++) {
            positions[i] = rows >= 2 ? 1 + random.nextLong(rows - 1) : random.nextLong(rows + 1);
        }
        java.util.Arrays.sort(positions);
        return positions;
    }

    // ---- drafting ------------------------------------------------------------------------------

    /** A seed before the database has said which of its candidate values are taken. */
    private static final class Draft {
        Map<String, String> main;
        List<String> ids;
        List<String[]> names;
        Address address;
        Map<String, List<String>> phones = new LinkedHashMap<>();
        /** per email field: {@link #template}s of members' addresses, the main member's first */
        Map<String, List<Template>> emails = new LinkedHashMap<>();
        String birthDate;

        List<String> phoneDigits() {
            return phones.values().stream().flatMap(List::stream).map(SeedRecords::digits).toList();
        }

        List<String> emailsLower() {
            return emails.values().stream().flatMap(List::stream)
                    .flatMap(t -> names.stream().flatMap(n -> t.fill(n[0], n[1]).stream()))
                    .map(v -> v.toLowerCase(Locale.ROOT)).toList();
        }

        List<String> nameKeys() {
            return names.stream().map(n -> Taken.nameKey(n[0], n[1])).toList();
        }
    }

    private Draft draft(RandomGenerator random, List<Map<String, String>> donors) {
        Draft d = new Draft();
        d.main = pick(random, donors);
        d.ids = variants(random, d.main.get("member_id"), 1);
        d.names = new ArrayList<>(CANDIDATES);
        for (int j = 0; j < CANDIDATES; j++) {
            d.names.add(new String[] {pick(random, donors).get("first_name"), pick(random, donors).get("last_name")});
        }
        d.address = address(random, donors);
        for (String field : PHONES) {
            if (d.main.get(field) != null) {
                // The area code stays: it says where the member lives, as the real ones do.
                d.phones.put(field, variants(random, d.main.get(field), 3));
            }
        }
        for (String field : EMAILS) {
            if (d.main.get(field) != null) {
                d.emails.put(field, templates(random, d.main, donors, field));
            }
        }
        d.birthDate = birthDate(random, d.main.get("birth_date"));
        return d;
    }

    /** An address of the union's, preferably in a city or ZIP code where the selection's members live. */
    private Address address(RandomGenerator random, List<Map<String, String>> donors) {
        Set<String> places = new HashSet<>();
        for (Map<String, String> donor : donors) {
            places.add(lower(donor.get("home_city")));
            places.add(lower(donor.get("home_zip")));
        }
        List<Address> near = addresses.stream()
                .filter(a -> places.contains(lower(a.city())) || places.contains(lower(a.zip()))).toList();
        return pick(random, near.isEmpty() ? addresses : near);
    }

    /**
     * {@value #CANDIDATES} values of the shape of {@code value}: its last letters and digits
     * replaced by others of the same kind (digits by digits, capitals by capitals), a few at first
     * and more if those are taken, never the first {@code keep} of them.
     */
    private static List<String> variants(RandomGenerator random, String value, int keep) {
        int alnum = (int) value.chars().filter(Character::isLetterOrDigit).count();
        int most = Math.max(1, alnum - keep);
        List<String> variants = new ArrayList<>(CANDIDATES);
        for (int j = 0; j < CANDIDATES; j++) {
            variants.add(replaceLast(random, value, Math.min(most, 2 + j / 4)));
        }
        return variants;
    }

    private static String replaceLast(RandomGenerator random, String value, int count) {
        char[] chars = value.toCharArray();
        int left = count;
        for (int i = chars.length - 1; i >= 0 && left > 0; i--) {
            if (Character.isLetterOrDigit(chars[i])) {
                chars[i] = like(random, chars[i]);
                left--;
            }
        }
        return new String(chars);
    }

    private static char like(RandomGenerator random, char c) {
        if (c >= '0' && c <= '9') {
            return (char) ('0' + random.nextInt(10));
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) ('A' + random.nextInt(26));
        }
        if (c >= 'a' && c <= 'z') {
            return (char) ('a' + random.nextInt(26));
        }
        return c;
    }

    /**
     * How a member's email address is made from their name, e.g. {@code <first>.<last>.NNNN} at
     * their domain; the seed's is made the same way from its own name, with new digits.
     */
    private record Template(String pattern, String domain, long digits) {
        static final char FIRST = '\u0001';
        static final char LAST = '\u0002';
        static final char INITIAL = '\u0003';

        /** The seed's address: every candidate name fills it. */
        List<String> fill(String first, String last) {
            String f = slug(first);
            String l = slug(last);
            RandomGenerator random = new java.util.SplittableRandom(digits);
            StringBuilder b = new StringBuilder(pattern.length() + 16);
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case FIRST -> b.append(f.isEmpty() ? randomLetters(random, 5) : f);
                    case LAST -> b.append(l.isEmpty() ? randomLetters(random, 6) : l);
                    case INITIAL -> b.append(f.isEmpty() ? randomLetters(random, 1) : f.substring(0, 1));
                    default -> b.append(like(random, c));
                }
            }
            return List.of(b.append('@').append(domain).toString());
        }
    }

    private static String randomLetters(RandomGenerator random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /**
     * Templates of {@code field} from the main member and then from others of the selection (for a
     * work address, only others at the same domain: the employer's).
     */
    private static List<Template> templates(RandomGenerator random, Map<String, String> main, List<Map<String, String>> donors,
                                            String field) {
        List<Template> templates = new ArrayList<>(CANDIDATES);
        Template own = template(random, main, field);
        if (own == null) {
            return null;
        }
        for (int j = 0; j < CANDIDATES / 2; j++) {
            templates.add(template(random, main, field));
        }
        for (int j = 0; j < CANDIDATES * 2 && templates.size() < CANDIDATES; j++) {
            Map<String, String> other = pick(random, donors);
            Template t = other.get(field) == null ? null : template(random, other, field);
            if (t != null && (!field.equals("work_email") || t.domain().equalsIgnoreCase(own.domain()))) {
                templates.add(t);
            }
        }
        return templates;
    }

    private static Template template(RandomGenerator random, Map<String, String> member, String field) {
        String email = member.get(field);
        int at = email.lastIndexOf('@');
        if (at < 1) {
            return null;
        }
        String local = email.substring(0, at);
        String lower = local.toLowerCase(Locale.ROOT);
        String first = slug(member.get("first_name"));
        String last = slug(member.get("last_name"));
        StringBuilder pattern = new StringBuilder(local);
        int l = last.length() >= 2 ? lower.indexOf(last) : -1;
        if (l >= 0) {
            pattern.replace(l, l + last.length(), String.valueOf(Template.LAST));
            lower = pattern.toString().toLowerCase(Locale.ROOT);
        }
        int f = first.length() >= 2 ? lower.indexOf(first) : -1;
        if (f >= 0) {
            pattern.replace(f, f + first.length(), String.valueOf(Template.FIRST));
        } else if (l > 0 && !first.isEmpty() && pattern.charAt(l - 1) == first.charAt(0)
                && (l == 1 || !Character.isLetter(pattern.charAt(l - 2)))) {
            pattern.replace(l - 1, l, String.valueOf(Template.INITIAL));
        }
        return new Template(pattern.toString(), email.substring(at + 1), random.nextLong());
    }

    private static List<String> emails(List<Template> templates, String[] name) {
        return templates.stream().flatMap(t -> t.fill(name[0], name[1]).stream()).toList();
    }

    /** A day in the same year as the member's birthday: ages spread as the selection's do. */
    private static String birthDate(RandomGenerator random, String memberBirthDate) {
        if (memberBirthDate == null) {
            return null;
        }
        try {
            int year = LocalDate.parse(memberBirthDate).getYear();
            LocalDate start = LocalDate.of(year, 1, 1);
            return start.plusDays(random.nextInt(start.lengthOfYear())).toString();
        } catch (DateTimeParseException e) {
            return memberBirthDate;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The first candidate neither a member's nor an earlier seed's (remembered as taken); null if none. */
    private static String first(List<String> candidates, Set<String> taken, java.util.function.Function<String, String> key) {
        for (String candidate : candidates) {
            if (taken.add(key.apply(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> all(List<Draft> drafts, java.util.function.Function<Draft, List<String>> values) {
        return drafts.stream().flatMap(d -> values.apply(d).stream()).distinct().toList();
    }

    static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** A name as email addresses spell it: lower-case ASCII letters only. */
    static String slug(String name) {
        if (name == null) {
            return "";
        }
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(plain.length());
        for (char c : plain.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
