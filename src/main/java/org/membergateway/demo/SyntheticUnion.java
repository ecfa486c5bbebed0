package org.membergateway.demo;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.membergateway.members.LocalUnit;
import org.membergateway.members.MemberRow;
import org.membergateway.members.MembershipStatus;

/**
 * A deterministic, entirely fictional union of public- and care-sector workers in Oregon, for the
 * demo, tests and benchmarks.
 *
 * <p><b>Fictional by construction.</b> Names are drawn at random from lists of common given and
 * family names, so any resemblance to a real person is a coincidence of common names. Every phone
 * number is in the {@code 555-0100..555-0199} block that North American numbering reserves for
 * fiction; every e-mail address is on {@code example.com}, {@code example.net} or
 * {@code example.org} (work addresses on sub-domains such as {@code dhs.example.org}), which
 * RFC 2606 reserves and which cannot receive mail. Streets pair random house numbers with common
 * street names. Nursing homes and non-profits have invented names; state agencies and public
 * universities keep their public names so the demo reads naturally.
 *
 * <p><b>Deterministic.</b> The same seed and count give the same rows, byte for byte, on every call
 * and in every JVM: each row draws from its own SplitMix64 stream (the algorithm behind
 * {@link java.util.SplittableRandom}, written out here so the output can never change with a JDK
 * upgrade) keyed by the seed and the row index; ages are computed against the fixed
 * {@link #REFERENCE_DATE}, never the clock; nothing depends on hash iteration order. The locals,
 * their worksites and employers are a fixed table that does not depend on the seed, so ids such as
 * {@code L083} mean the same thing in every synthetic union.
 *
 * <p><b>Row {@code i} does not depend on the member count.</b> Because a row's randomness comes
 * only from {@code (seed, i)}, a 1,000-member union is exactly the first 1,000 rows of a
 * 72,000-member union with the same seed. Tests can therefore compare prefixes, and a benchmark
 * can grow the union without changing the members it already had.
 *
 * <p><b>Constant memory.</b> {@link #members()} generates rows lazily, one per {@code next()}, so
 * millions of rows stream through a small heap (fixed tables plus one row at a time); it is also
 * cheap enough (precomputed phone numbers, ZIP codes, name slugs) to produce well over a million
 * rows per second.
 */
public final class SyntheticUnion {

    /** The largest member count accepted. */
    public static final int MAX_MEMBERS = 5_000_000;

    /** Ages are measured on this fixed day rather than today, so the data never drifts. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 1);

    private final long seed;
    private final int memberCount;

    /**
     * @param seed        any value; different seeds give different unions
     * @param memberCount number of member rows, 1 to {@value #MAX_MEMBERS}
     */
    public SyntheticUnion(long seed, int memberCount) {
        if (memberCount < 1 || memberCount > MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "memberCount must be between 1 and " + MAX_MEMBERS + ", was " + memberCount);
        }
        this.seed = seed;
        this.memberCount = memberCount;
    }

    public long seed() {
        return seed;
    }

    public int memberCount() {
        return memberCount;
    }

    /** The 60 locals of the union (the same for every seed and count), ordered by id. */
    public List<LocalUnit> locals() {
        return LOCAL_UNITS;
    }

    /** Region ids {@code R1..R6}; see {@link #regionName(String)}. */
    public static List<String> regions() {
        return REGION_IDS;
    }

    /** Employer group ids, e.g. {@code STATE_AGENCIES}. */
    public static List<String> employerGroups() {
        return GROUP_IDS;
    }

    /** Display name of a region id, e.g. {@code R1} → {@code Portland Metro}. */
    public static String regionName(String regionId) {
        for (Region r : REGIONS) {
            if (r.id.equals(regionId)) {
                return r.name;
            }
        }
        throw new IllegalArgumentException("unknown region " + regionId);
    }

    /**
     * A new iterator over exactly {@link #memberCount()} rows, generated lazily. Iterators are
     * independent of each other; one iterator is not safe for use by several threads at once.
     */
    public Iterator<MemberRow> members() {
        return new Iterator<>() {
            private final RowGenerator generator = new RowGenerator(seed);
            private int next;

            @Override
            public boolean hasNext() {
                return next < memberCount;
            }

            @Override
            public MemberRow next() {
                if (next >= memberCount) {
                    throw new NoSuchElementException();
                }
                return generator.row(next++);
            }
        };
    }

    /** Row {@code index} (0-based) of this union, the same row {@link #members()} yields there. */
    public MemberRow member(int index) {
        if (index < 0 || index >= memberCount) {
            throw new IndexOutOfBoundsException("member index " + index + " of " + memberCount);
        }
        return new RowGenerator(seed).row(index);
    }

    // ------------------------------------------------------------------ row generation

    private static final String[] LANGUAGES = {"English", "Spanish", "Vietnamese", "Russian", "Chinese"};
    private static final int EN = 0, ES = 1, VI = 2, RU = 3, ZH = 4;
    /** Share of members, in percent, whose names come from each group (EN, ES, VI, RU, ZH). */
    private static final int[] ORIGIN_CUMULATIVE = {64, 82, 89, 95, 100};
    /**
     * Chance that a member of a non-English name group prefers that group's language. With the
     * origin shares above this gives about 78% English, 10% Spanish, 5% Vietnamese, 4% Russian
     * and 3% Chinese.
     */
    private static final double[] NATIVE_LANGUAGE = {1.0, 0.55, 0.70, 0.65, 0.60};

    private static final String[] HOME_DOMAINS = {
        "example.com", "example.com", "example.net", "example.org"};

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Epoch day of {@link #REFERENCE_DATE} minus {@code age} years: the latest birthday at that age. */
    private static final long[] BIRTHDAY_AT_AGE = new long[100];

    static {
        for (int age = 0; age < BIRTHDAY_AT_AGE.length; age++) {
            BIRTHDAY_AT_AGE[age] = REFERENCE_DATE.minusYears(age).toEpochDay();
        }
    }

    /** Builds rows; holds one reusable buffer, so each iterator has its own. */
    private static final class RowGenerator {
        private final long seedKey;
        private final StringBuilder sb = new StringBuilder(64);
        private long state;

        RowGenerator(long seed) {
            this.seedKey = mix64(seed);
        }

        MemberRow row(int index) {
            // One stream per row, keyed by (seed, index) only: row i never depends on the count.
            state = mix64(seedKey + (index + 1L) * GOLDEN);

            Local local = LOCALS[pickLocal(nextInt(TOTAL_WEIGHT))];
            Site site = local.sites[Math.min(nextInt(local.sites.length), nextInt(local.sites.length))];
            String classification = site.classifications[nextInt(site.classifications.length)];

            int s = nextInt(100);
            MembershipStatus status = s < 70 ? MembershipStatus.MEMBER
                    : s < 85 ? MembershipStatus.FAIR_SHARE
                    : s < 95 ? MembershipStatus.NON_MEMBER
                    : MembershipStatus.RETIRED;
            boolean cape = switch (status) {
                case MEMBER -> chance(0.25);
                case RETIRED -> chance(0.05);
                case FAIR_SHARE -> chance(0.005);
                case NON_MEMBER -> false;
            };
            // Only members lead worksites or serve as stewards; rates give ~3% and ~4% overall.
            boolean member = status == MembershipStatus.MEMBER;
            boolean leader = member && chance(0.043);
            boolean steward = member && chance(0.057);

            // Name and language.
            int o = nextInt(100);
            int origin = 0;
            while (o >= ORIGIN_CUMULATIVE[origin]) {
                origin++;
            }
            boolean nativeLanguage = origin != EN && chance(NATIVE_LANGUAGE[origin]);
            String language = LANGUAGES[nativeLanguage ? origin : EN];
            NameGroup names = NAME_GROUPS[origin];
            // Members who prefer English often carry an English given name with a heritage surname.
            NameGroup firstNames = (origin != EN && !nativeLanguage && chance(0.35)) ? NAME_GROUPS[EN] : names;
            int fi = nextInt(firstNames.first.length);
            int li = nextInt(names.last.length);
            String firstName = firstNames.first[fi];
            String firstSlug = firstNames.firstSlug[fi];
            boolean female = firstNames.femaleFrom <= fi;
            String lastName = female ? names.lastFemale[li] : names.last[li];
            String lastSlug = female ? names.lastFemaleSlug[li] : names.lastSlug[li];

            // Home address: mostly near the worksite, sometimes across the river in Washington.
            Region region = local.region;
            City city;
            if (region.waCities.length > 0 && nextDouble() < region.waShare) {
                city = region.waCities[nextInt(region.waCities.length)];
            } else if (chance(0.65)) {
                city = site.city;
            } else {
                city = region.cities[nextInt(region.cities.length)];
            }
            String street = street(region);
            String zip = city.zips[nextInt(city.zips.length)];

            String homePhone = chance(0.60) ? phone(city) : null;
            String mobilePhone = chance(0.85) ? phone(city) : null;
            String homeEmail = chance(0.70) ? homeEmail(firstSlug, lastSlug) : null;
            String workEmail = chance(0.50) ? workEmail(firstSlug, lastSlug, site.workDomain) : null;

            LocalDate birthDate = null;
            if (chance(0.97)) {
                int age = status == MembershipStatus.RETIRED
                        ? 60 + nextInt(26)                                  // 60..85
                        : Math.min(85, 19 + nextInt(27) + nextInt(27) + (chance(0.03) ? nextInt(15) : 0));
                birthDate = LocalDate.ofEpochDay(BIRTHDAY_AT_AGE[age] - nextInt(365));
            }

            return new MemberRow(
                    memberId(index),
                    firstName,
                    lastName,
                    local.unit.id(),
                    region.id,
                    local.unit.employerGroup(),
                    site.employer,
                    site.name,
                    classification,
                    status,
                    cape,
                    street,
                    city.name,
                    city.state,
                    zip,
                    homePhone,
                    mobilePhone,
                    homeEmail,
                    workEmail,
                    birthDate,
                    language,
                    leader,
                    steward);
        }

        private String street(Region region) {
            StringBuilder b = sb;
            b.setLength(0);
            b.append(region.portlandGrid ? 100 + nextInt(19_900) : 100 + nextInt(9_900)).append(' ');
            if (region.portlandGrid) {
                b.append(DIRECTIONS[nextInt(DIRECTIONS.length)]).append(' ');
                b.append(PORTLAND_STREETS[nextInt(PORTLAND_STREETS.length)]);
            } else {
                b.append(STREETS[nextInt(STREETS.length)]);
            }
            b.append(' ').append(STREET_TYPES[nextInt(STREET_TYPES.length)]);
            int u = nextInt(100);
            if (u < 12) {
                b.append(" Apt ").append(1 + nextInt(320));
            } else if (u < 15) {
                b.append(" Unit ").append((char) ('A' + nextInt(6)));
            }
            return b.toString();
        }

        private String phone(City city) {
            // Mostly the local area code, sometimes its overlay or any Oregon code (mobiles move).
            int p = nextInt(100);
            String[] block = p < 72 ? city.primaryPhones
                    : p < 92 ? city.overlayPhones
                    : OREGON_PHONES[nextInt(OREGON_PHONES.length)];
            return block[nextInt(100)];
        }

        private String homeEmail(String first, String last) {
            StringBuilder b = sb;
            b.setLength(0);
            int v = nextInt(100);
            if (v < 50) {
                b.append(first).append('.').append(last).append('.').append(1000 + nextInt(9000));
            } else if (v < 70) {
                b.append(first).append(last).append(10 + nextInt(90));
            } else if (v < 85) {
                b.append(first.charAt(0)).append(last).append(100 + nextInt(900));
            } else {
                b.append(first).append('_').append(last).append(nextInt(100));
            }
            return b.append('@').append(HOME_DOMAINS[nextInt(HOME_DOMAINS.length)]).toString();
        }

        private String workEmail(String first, String last, String domain) {
            StringBuilder b = sb;
            b.setLength(0);
            b.append(first).append('.').append(last);
            if (chance(0.3)) {
                b.append(2 + nextInt(8));
            }
            return b.append('@').append(domain).toString();
        }

        private long nextLong() {
            return mix64(state += GOLDEN);
        }

        /** Uniform in {@code [0, bound)} for bound ≤ 2^31 (multiply-shift; bias is negligible). */
        private int nextInt(int bound) {
            return (int) (((nextLong() >>> 33) * bound) >>> 31);
        }

        private double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        private boolean chance(double p) {
            return nextDouble() < p;
        }
    }

    /** {@code M} followed by the 1-based row number in 8 digits: row 0 is {@code M00000001}. */
    static String memberId(int index) {
        char[] c = new char[9];
        c[0] = 'M';
        int n = index + 1;
        for (int i = 8; i >= 1; i--) {
            c[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(c);
    }

    /** SplitMix64's finalizer (Stafford variant 13), a bijection on longs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int pickLocal(int r) {
        int lo = 0, hi = LOCAL_CUMULATIVE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r < LOCAL_CUMULATIVE[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ------------------------------------------------------------------ geography

    private static final class City {
        final String name;
        final String state;
        final String[] zips;
        final String[] primaryPhones;
        final String[] overlayPhones;

        City(String name, String state, int primaryAreaCode, int overlayAreaCode, String... zips) {
            this.name = name;
            this.state = state;
            this.zips = zips;
            this.primaryPhones = phoneBlock(primaryAreaCode);
            this.overlayPhones = phoneBlock(overlayAreaCode);
        }
    }

    private static final Map<Integer, String[]> PHONE_BLOCKS = new HashMap<>();

    /** The 100 fictional numbers {@code (ac) 555-0100..0199} of one area code, built once. */
    private static String[] phoneBlock(int areaCode) {
        return PHONE_BLOCKS.computeIfAbsent(areaCode, ac -> {
            String[] block = new String[100];
            for (int i = 0; i < 100; i++) {
                block[i] = "(" + ac + ") 555-01" + (i < 10 ? "0" : "") + i;
            }
            return block;
        });
    }

    private static final String[][] OREGON_PHONES = {
        phoneBlock(503), phoneBlock(971), phoneBlock(541), phoneBlock(458)};

    private static City or503(String name, String... zips) {
        return new City(name, "OR", 503, 971, zips);
    }

    private static City or541(String name, String... zips) {
        return new City(name, "OR", 541, 458, zips);
    }

    private static final class Region {
        final String id;
        final String name;
        final City[] cities;
        final City[] waCities;
        final double waShare;
        final boolean portlandGrid;
        final Map<String, City> byName = new LinkedHashMap<>();

        Region(String id, String name, boolean portlandGrid, double waShare, City[] waCities, City... cities) {
            this.id = id;
            this.name = name;
            this.portlandGrid = portlandGrid;
            this.waShare = waShare;
            this.waCities = waCities;
            this.cities = cities;
            for (City c : cities) {
                byName.put(c.name, c);
            }
        }

        City city(String cityName) {
            City c = byName.get(cityName);
            if (c == null) {
                throw new IllegalStateException(cityName + " is not in " + name);
            }
            return c;
        }
    }

    private static final City[] WA_SOUTHWEST = {
        new City("Vancouver", "WA", 360, 360, "98660", "98661", "98662", "98663", "98664", "98665", "98682",
                "98683", "98684", "98685", "98686"),
        new City("Camas", "WA", 360, 360, "98607"),
        new City("Battle Ground", "WA", 360, 360, "98604"),
        new City("Longview", "WA", 360, 360, "98632"),
    };
    private static final City[] WA_SOUTHEAST = {
        new City("Walla Walla", "WA", 509, 509, "99362"),
        new City("Kennewick", "WA", 509, 509, "99336", "99337"),
        new City("Richland", "WA", 509, 509, "99352"),
    };
    private static final City[] NO_CITIES = {};

    private static final Region[] REGIONS = {
        new Region("R1", "Portland Metro", true, 0.05, WA_SOUTHWEST,
                or503("Portland", "97201", "97202", "97203", "97206", "97209", "97211", "97212", "97213",
                        "97214", "97215", "97216", "97217", "97218", "97219", "97220", "97230", "97232",
                        "97233", "97236", "97266"),
                or503("Gresham", "97030", "97080"),
                or503("Beaverton", "97005", "97006", "97007", "97008"),
                or503("Hillsboro", "97123", "97124"),
                or503("Tigard", "97223", "97224"),
                or503("Oregon City", "97045"),
                or503("Milwaukie", "97222", "97267"),
                or503("Lake Oswego", "97034", "97035"),
                or503("Tualatin", "97062")),
        new Region("R2", "Willamette Valley", false, 0.005, WA_SOUTHWEST,
                or503("Salem", "97301", "97302", "97304", "97305", "97306", "97317"),
                or503("Keizer", "97303"),
                or541("Eugene", "97401", "97402", "97403", "97404", "97405", "97408"),
                or541("Springfield", "97477", "97478"),
                or541("Corvallis", "97330", "97333"),
                or541("Albany", "97321", "97322"),
                or503("McMinnville", "97128"),
                or503("Woodburn", "97071"),
                or541("Lebanon", "97355"),
                or503("Monmouth", "97361")),
        new Region("R3", "Southern Oregon", false, 0.0, NO_CITIES,
                or541("Medford", "97501", "97504"),
                or541("Central Point", "97502"),
                or541("Ashland", "97520"),
                or541("Grants Pass", "97526", "97527"),
                or541("Roseburg", "97470", "97471"),
                or541("Klamath Falls", "97601", "97603")),
        new Region("R4", "Central Oregon", false, 0.0, NO_CITIES,
                or541("Bend", "97701", "97702", "97703"),
                or541("Redmond", "97756"),
                or541("Prineville", "97754"),
                or541("Madras", "97741"),
                or541("La Pine", "97739"),
                or541("Sisters", "97759")),
        new Region("R5", "Eastern Oregon", false, 0.06, WA_SOUTHEAST,
                or541("Pendleton", "97801"),
                or541("La Grande", "97850"),
                or541("Ontario", "97914"),
                or541("Hermiston", "97838"),
                or541("Baker City", "97814"),
                or541("The Dalles", "97058"),
                or541("Burns", "97720")),
        new Region("R6", "Coast", false, 0.02, new City[] {WA_SOUTHWEST[3]},
                or541("Newport", "97365"),
                or503("Astoria", "97103"),
                or541("Coos Bay", "97420"),
                or503("Tillamook", "97141"),
                or541("Lincoln City", "97367"),
                or541("Florence", "97439"),
                or503("Seaside", "97138"),
                or541("North Bend", "97459")),
    };

    private static final String[] DIRECTIONS = {"SE", "SE", "NE", "NE", "N", "NW", "SW", "SW"};
    private static final String[] PORTLAND_STREETS = {
        "Division", "Hawthorne", "Belmont", "Alberta", "Killingsworth", "Burnside", "Glisan", "Stark",
        "Powell", "Foster", "Sandy", "Broadway", "Fremont", "Prescott", "Holgate", "Woodstock",
        "Lombard", "Halsey", "Morrison", "Clinton", "Tacoma", "Multnomah", "Barbur", "Vermont",
        "Flavel", "Mill Plain", "Rosa Parks", "Columbia", "Yamhill", "Taylor", "Salmon", "Ankeny",
        "12th", "28th", "39th", "52nd", "82nd", "122nd", "148th", "162nd"};
    private static final String[] STREETS = {
        "Oak", "Maple", "Cedar", "Pine", "Fir", "Spruce", "Alder", "Elm", "Willow", "Birch", "Juniper",
        "Madrona", "Main", "Commercial", "Center", "State", "Liberty", "Church", "Market", "Lancaster",
        "River", "Park", "Hill", "Lake", "Valley View", "Sunset", "Highland", "Washington", "Jefferson",
        "Lincoln", "Madison", "Monroe", "Garfield", "Franklin", "Orchard", "Meadow", "Ridge", "Cherry",
        "Hazel", "Laurel", "1st", "2nd", "3rd", "5th", "7th", "9th", "14th", "17th", "21st", "33rd"};
    private static final String[] STREET_TYPES = {
        "St", "St", "St", "Ave", "Ave", "Ave", "Dr", "Rd", "Ln", "Ct", "Way", "Pl", "Blvd", "Loop", "Ter"};

    // ------------------------------------------------------------------ employers and worksites

    private record Site(String name, String employer, City city, String workDomain, String[] classifications) {
    }

    private record Agency(String abbr, String name, String[] siteTypes, String[] classes) {
    }

    private static final Map<String, Agency> AGENCIES = new LinkedHashMap<>();

    private static void agency(String abbr, String name, String[] siteTypes, String... classes) {
        AGENCIES.put(abbr, new Agency(abbr, name, siteTypes, classes));
    }

    static {
        agency("DHS", "Oregon Department of Human Services",
                new String[] {"Field Office", "Self-Sufficiency Office", "Child Welfare Office", "APD District Office"},
                "Human Services Specialist 2", "Human Services Specialist 3", "Social Service Specialist 1",
                "Human Services Case Manager", "Human Services Assistant");
        agency("OHA", "Oregon Health Authority",
                new String[] {"Program Office", "Behavioral Health Unit", "Public Health Office"},
                "Mental Health Therapist 2", "Psychiatric Social Worker", "Mental Health Specialist",
                "Public Health Educator 2", "Licensed Practical Nurse");
        agency("ODOT", "Oregon Department of Transportation",
                new String[] {"Maintenance Station", "DMV Field Office", "Area Office"},
                "Transportation Maintenance Specialist 2", "Highway Maintenance Coordinator",
                "DMV Services Representative 2", "Engineering Specialist 2", "Heavy Equipment Mechanic");
        agency("OED", "Oregon Employment Department",
                new String[] {"WorkSource Center", "UI Processing Center"},
                "Business & Employment Specialist 1", "Business & Employment Specialist 2", "Compliance Specialist 1");
        agency("DOR", "Oregon Department of Revenue",
                new String[] {"Processing Center", "Field Office"},
                "Revenue Agent 1", "Revenue Agent 2", "Tax Auditor 2");
        agency("DOC", "Oregon Department of Corrections",
                new String[] {"Correctional Institution Unit"},
                "Corrections Counselor 2", "Food Service Coordinator", "Institution Maintenance Specialist");
        agency("OYA", "Oregon Youth Authority",
                new String[] {"Youth Correctional Facility", "Field Office"},
                "Group Life Coordinator 2", "Juvenile Parole and Probation Officer", "Youth Services Counselor");
        agency("ODFW", "Oregon Department of Fish and Wildlife",
                new String[] {"District Office", "Fish Hatchery"},
                "Natural Resource Specialist 2", "Fish & Wildlife Technician", "Fish Hatchery Technician");
        agency("ODF", "Oregon Department of Forestry",
                new String[] {"District Office", "Fire Protection Unit"},
                "Natural Resource Specialist 3", "Forest Officer", "Natural Resource Technician 2");
        agency("DEQ", "Oregon Department of Environmental Quality",
                new String[] {"Regional Office", "Laboratory"},
                "Natural Resource Specialist 4", "Chemist 2", "Environmental Technician 2");
        agency("OPRD", "Oregon Parks and Recreation Department",
                new String[] {"Area Parks Office", "State Park Maintenance Shop"},
                "Park Ranger 1", "Park Ranger 2", "Park Ranger Assistant");
        agency("DCBS", "Oregon Department of Consumer and Business Services",
                new String[] {"Service Center", "Building Codes Office"},
                "Compliance Specialist 2", "Claims Analyst", "Building Inspector");
    }

    private static final Object[] STATE_GENERAL_CLASSES = {
        "Office Specialist 2", 4, "Administrative Specialist 1", 2, "Administrative Specialist 2", 2,
        "Accounting Technician 2", 1, "Information Systems Specialist 5", 1, "Operations & Policy Analyst 3", 1,
        "Program Analyst 2", 1, "Procurement & Contract Specialist 1", 1, "Facility Maintenance Specialist", 1,
        "Custodian", 1, "Executive Support Specialist 1", 1};

    private record University(String name, String domain) {
    }

    private static final Map<String, University> UNIVERSITIES = Map.of(
            "PSU", new University("Portland State University", "psu.example.org"),
            "OSU", new University("Oregon State University", "osu.example.org"),
            "UO", new University("University of Oregon", "uo.example.org"),
            "WOU", new University("Western Oregon University", "wou.example.org"),
            "SOU", new University("Southern Oregon University", "sou.example.org"),
            "OIT", new University("Oregon Institute of Technology", "oit.example.org"),
            "EOU", new University("Eastern Oregon University", "eou.example.org"));

    private static final String[] UNIVERSITY_SITES = {
        "Facilities Services", "University Library", "Dining Services", "Student Health Center",
        "Housing & Residence Life", "Research Laboratory Complex", "Central Stores", "Student Union",
        "Athletics Department", "Financial Aid Office", "Registrar's Office", "Science Building"};
    private static final Object[] UNIVERSITY_CLASSES = {
        "Custodian", 4, "Food Service Worker 2", 3, "Office Specialist 2", 3, "Administrative Program Assistant", 2,
        "Library Technician 2", 1, "Research Assistant", 2, "Grounds Maintenance Worker", 1,
        "Maintenance Mechanic", 1, "Laboratory Technician 2", 1, "Accounting Technician 2", 1, "Cook 2", 1,
        "Information Technology Consultant 1", 1, "Parking Enforcement Officer", 1};

    /** Invented nursing-home operators: {facility name stem, operating company}. */
    private static final String[][] NURSING_OPERATORS = {
        {"Fernwood", "Fernwood Senior Care Inc."},
        {"Huckleberry Hill", "Huckleberry Hill Health Services"},
        {"Tamarack", "Tamarack Care Group"},
        {"Blue Camas", "Blue Camas Healthcare LLC"},
        {"Larkspur", "Larkspur Nursing Partners"},
        {"Whistling Elk", "Whistling Elk Senior Living"},
        {"Salal Ridge", "Salal Ridge Care Centers"},
        {"Copperleaf", "Copperleaf Rehabilitation Group"},
        {"Ninebark", "Ninebark Health & Rehab"},
        {"Old Orchard", "Old Orchard Care Company"}};
    private static final String[] NURSING_KINDS = {
        "Care Center", "Nursing & Rehabilitation", "Health and Rehabilitation Center", "Post-Acute Care"};
    private static final Object[] NURSING_CLASSES = {
        "Certified Nursing Assistant", 10, "Certified Medication Aide", 3, "Licensed Practical Nurse", 2,
        "Restorative Aide", 1, "Dietary Aide", 2, "Cook", 1, "Housekeeper", 2, "Laundry Aide", 1,
        "Activities Assistant", 1, "Maintenance Technician", 1, "Unit Clerk", 1, "Receptionist", 1};

    /** Invented non-profits: {short name, full name}. */
    private static final String[][] NONPROFITS = {
        {"Foxglove", "Foxglove Family Services"},
        {"Stonefly", "Stonefly Youth Collective"},
        {"Thimbleberry", "Thimbleberry Housing Alliance"},
        {"Camas Lily", "Camas Lily Community Services"},
        {"Red Alder", "Red Alder Behavioral Health"},
        {"Quail Run", "Quail Run Disability Services"},
        {"Osprey Point", "Osprey Point Recovery Center"},
        {"Vine Maple", "Vine Maple Developmental Services"},
        {"Heron Bay", "Heron Bay Family Center"},
        {"Juniper Flats", "Juniper Flats Community Action"}};
    private static final String[] NONPROFIT_PROGRAMS = {
        "Administrative Office", "Outpatient Clinic", "Residential Program", "Youth Shelter", "Group Home",
        "Day Program", "Housing Services Center", "Crisis Respite House", "Family Resource Center",
        "Supported Employment Program"};
    private static final Object[] NONPROFIT_CLASSES = {
        "Direct Support Professional", 5, "Case Manager", 3, "Residential Counselor", 3,
        "Peer Support Specialist", 2, "Qualified Mental Health Associate", 2, "Program Coordinator", 1,
        "Youth Worker", 2, "Outreach Worker", 1, "Housing Navigator", 1, "Behavior Support Specialist", 1,
        "Office Manager", 1, "Cook", 1};

    private static final String HOMECARE_EMPLOYER = "Oregon Home Care Commission";
    private static final Object[] HOMECARE_CLASSES = {
        "Homecare Worker", 14, "Personal Support Worker", 5, "Enhanced Homecare Worker", 1};

    // ------------------------------------------------------------------ locals

    private static final List<String> REGION_IDS = List.of("R1", "R2", "R3", "R4", "R5", "R6");
    private static final List<String> GROUP_IDS =
            List.of("STATE_AGENCIES", "UNIVERSITIES", "NURSING_HOMES", "PRIVATE_NONPROFITS", "HOMECARE");

    private static final class Local {
        final LocalUnit unit;
        final Region region;
        final int weight;
        final Site[] sites;

        Local(LocalUnit unit, Region region, int weight, Site[] sites) {
            this.unit = unit;
            this.region = region;
            this.weight = weight;
            this.sites = sites;
        }
    }

    /**
     * The fixed table of locals: number, region, employer group, home city, label, relative size,
     * and for state agencies the agencies it represents (for universities, the university and the
     * campus prefix of its worksites).
     */
    private static final String[][] LOCAL_TABLE = {
        // state agencies
        {"004", "R1", "STATE_AGENCIES", "Portland", "Portland State Agencies", "9", "ODOT,OED,DEQ,DCBS,OHA"},
        {"012", "R1", "STATE_AGENCIES", "Portland", "Portland Human Services", "8", "DHS,OHA"},
        {"035", "R1", "STATE_AGENCIES", "Gresham", "East Metro State Agencies", "4", "DHS,ODOT,OED"},
        {"057", "R1", "STATE_AGENCIES", "Hillsboro", "Westside State Agencies", "4", "DHS,ODOT,ODF"},
        {"061", "R1", "STATE_AGENCIES", "Oregon City", "Clackamas State Agencies", "3", "DHS,ODOT,OYA"},
        {"083", "R2", "STATE_AGENCIES", "Salem", "Salem State Agencies", "10", "DHS,OHA,DOR,DCBS,OED"},
        {"142", "R2", "STATE_AGENCIES", "Salem", "Salem Human Services", "9", "DHS,OHA,OYA"},
        {"167", "R2", "STATE_AGENCIES", "Salem", "Salem Transportation", "6", "ODOT"},
        {"201", "R2", "STATE_AGENCIES", "Salem", "Salem Revenue & Employment", "5", "DOR,OED,DCBS"},
        {"219", "R2", "STATE_AGENCIES", "Eugene", "Eugene State Agencies", "6", "DHS,ODOT,OED,OHA"},
        {"250", "R2", "STATE_AGENCIES", "Corvallis", "Corvallis Natural Resources", "3", "ODFW,ODF,DEQ"},
        {"303", "R3", "STATE_AGENCIES", "Medford", "Medford State Agencies", "4", "DHS,ODOT,OED,ODF"},
        {"315", "R3", "STATE_AGENCIES", "Roseburg", "Roseburg State Agencies", "2", "DHS,ODOT,ODF"},
        {"328", "R3", "STATE_AGENCIES", "Klamath Falls", "Klamath Basin State Agencies", "2", "DHS,ODFW,ODOT"},
        {"402", "R4", "STATE_AGENCIES", "Bend", "Bend State Agencies", "4", "DHS,ODOT,OED,OPRD"},
        {"418", "R4", "STATE_AGENCIES", "Redmond", "Redmond Forestry & Transportation", "2", "ODF,ODOT"},
        {"505", "R5", "STATE_AGENCIES", "Pendleton", "Pendleton State Agencies", "3", "DOC,DHS,ODOT"},
        {"521", "R5", "STATE_AGENCIES", "Ontario", "Ontario State Agencies", "2", "DOC,DHS,OED"},
        {"606", "R6", "STATE_AGENCIES", "Newport", "Newport State Agencies", "2", "ODFW,OPRD,DHS"},
        {"614", "R6", "STATE_AGENCIES", "Coos Bay", "South Coast State Agencies", "2", "DHS,ODOT,OPRD"},
        // universities
        {"020", "R1", "UNIVERSITIES", "Portland", "Portland State University", "7", "PSU,PSU"},
        {"085", "R2", "UNIVERSITIES", "Corvallis", "Corvallis Oregon State University", "7", "OSU,OSU"},
        {"088", "R2", "UNIVERSITIES", "Eugene", "Eugene University of Oregon", "7", "UO,UO"},
        {"093", "R2", "UNIVERSITIES", "Monmouth", "Monmouth Western Oregon University", "2", "WOU,WOU"},
        {"341", "R3", "UNIVERSITIES", "Ashland", "Ashland Southern Oregon University", "2", "SOU,SOU"},
        {"346", "R3", "UNIVERSITIES", "Klamath Falls", "Klamath Falls Oregon Tech", "1", "OIT,Oregon Tech"},
        {"427", "R4", "UNIVERSITIES", "Bend", "Bend OSU-Cascades", "1", "OSU,OSU-Cascades"},
        {"533", "R5", "UNIVERSITIES", "La Grande", "La Grande Eastern Oregon University", "1", "EOU,EOU"},
        {"620", "R6", "UNIVERSITIES", "Newport", "Newport Marine Science Center", "1", "OSU,OSU Marine Science Center"},
        // nursing homes
        {"031", "R1", "NURSING_HOMES", "Portland", "Portland Nursing Homes", "5", ""},
        {"039", "R1", "NURSING_HOMES", "Beaverton", "Westside Nursing Homes", "3", ""},
        {"043", "R1", "NURSING_HOMES", "Gresham", "East County Nursing Homes", "2", ""},
        {"112", "R2", "NURSING_HOMES", "Salem", "Salem Nursing Homes", "3", ""},
        {"118", "R2", "NURSING_HOMES", "Eugene", "Lane County Nursing Homes", "3", ""},
        {"124", "R2", "NURSING_HOMES", "Albany", "Mid-Valley Nursing Homes", "2", ""},
        {"352", "R3", "NURSING_HOMES", "Medford", "Rogue Valley Nursing Homes", "2", ""},
        {"359", "R3", "NURSING_HOMES", "Grants Pass", "Grants Pass Nursing Homes", "1", ""},
        {"433", "R4", "NURSING_HOMES", "Bend", "Central Oregon Nursing Homes", "2", ""},
        {"542", "R5", "NURSING_HOMES", "Hermiston", "Eastern Oregon Nursing Homes", "1", ""},
        {"628", "R6", "NURSING_HOMES", "Astoria", "North Coast Nursing Homes", "1", ""},
        // private non-profits
        {"047", "R1", "PRIVATE_NONPROFITS", "Portland", "Portland Non-Profits", "6", ""},
        {"052", "R1", "PRIVATE_NONPROFITS", "Portland", "Portland Behavioral Health", "3", ""},
        {"068", "R1", "PRIVATE_NONPROFITS", "Tigard", "Washington County Non-Profits", "2", ""},
        {"131", "R2", "PRIVATE_NONPROFITS", "Eugene", "Eugene Non-Profits", "3", ""},
        {"136", "R2", "PRIVATE_NONPROFITS", "Salem", "Salem Non-Profits", "2", ""},
        {"364", "R3", "PRIVATE_NONPROFITS", "Medford", "Southern Oregon Non-Profits", "2", ""},
        {"441", "R4", "PRIVATE_NONPROFITS", "Bend", "High Desert Non-Profits", "1", ""},
        {"449", "R4", "PRIVATE_NONPROFITS", "Prineville", "Crook County Non-Profits", "1", ""},
        {"550", "R5", "PRIVATE_NONPROFITS", "The Dalles", "Columbia Gorge Non-Profits", "1", ""},
        {"633", "R6", "PRIVATE_NONPROFITS", "Lincoln City", "Central Coast Non-Profits", "1", ""},
        // homecare
        {"074", "R1", "HOMECARE", "Portland", "Portland Metro Homecare", "8", ""},
        {"077", "R1", "HOMECARE", "Hillsboro", "Washington County Homecare", "4", ""},
        {"150", "R2", "HOMECARE", "Salem", "Mid-Valley Homecare", "5", ""},
        {"155", "R2", "HOMECARE", "Eugene", "Lane County Homecare", "5", ""},
        {"372", "R3", "HOMECARE", "Medford", "Rogue Valley Homecare", "3", ""},
        {"378", "R3", "HOMECARE", "Roseburg", "Douglas County Homecare", "2", ""},
        {"455", "R4", "HOMECARE", "Bend", "Central Oregon Homecare", "2", ""},
        {"558", "R5", "HOMECARE", "La Grande", "Eastern Oregon Homecare", "2", ""},
        {"563", "R5", "HOMECARE", "Ontario", "Treasure Valley Homecare", "1", ""},
        {"641", "R6", "HOMECARE", "Coos Bay", "South Coast Homecare", "2", ""},
    };

    private static final Local[] LOCALS;
    private static final int[] LOCAL_CUMULATIVE;
    private static final int TOTAL_WEIGHT;
    private static final List<LocalUnit> LOCAL_UNITS;

    static {
        String[][] table = LOCAL_TABLE.clone();
        Arrays.sort(table, (a, b) -> a[0].compareTo(b[0]));
        LOCALS = new Local[table.length];
        LOCAL_CUMULATIVE = new int[table.length];
        List<LocalUnit> units = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < table.length; i++) {
            String[] t = table[i];
            Region region = region(t[1]);
            LocalUnit unit = new LocalUnit("L" + t[0], "Local " + t[0] + " \u2013 " + t[4], region.id, t[2]);
            int weight = Integer.parseInt(t[5]);
            LOCALS[i] = new Local(unit, region, weight, sites(t, region, weight));
            total += weight;
            LOCAL_CUMULATIVE[i] = total;
            units.add(unit);
        }
        TOTAL_WEIGHT = total;
        LOCAL_UNITS = Collections.unmodifiableList(units);
    }

    private static Region region(String id) {
        for (Region r : REGIONS) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalStateException("unknown region " + id);
    }

    /** The worksites of one local, from a generator keyed by the local's number (not the seed). */
    private static Site[] sites(String[] t, Region region, int weight) {
        String group = t[2];
        City home = region.city(t[3]);
        TableRng rng = new TableRng(Long.parseLong(t[0]) * 7919L + 17L);
        int count = Math.max(3, Math.min(15, 3 + rng.nextInt(5) + weight));
        Map<String, Site> sites = new LinkedHashMap<>();
        for (int k = 0; sites.size() < count; k++) {
            // The first worksite is in the local's home city; others are spread over the region.
            City city = (k == 0 || rng.nextInt(100) < 50) ? home : region.cities[rng.nextInt(region.cities.length)];
            Site site;
            switch (group) {
                case "STATE_AGENCIES" -> {
                    String[] focus = t[6].split(",");
                    Agency a = AGENCIES.get(focus[k < focus.length ? k : rng.nextInt(focus.length)]);
                    String type = a.siteTypes[rng.nextInt(a.siteTypes.length)];
                    String base = a.abbr + " " + city.name + " " + type;
                    String name = uniqueName(sites, base);
                    site = new Site(name, a.name, city, a.abbr.toLowerCase(Locale.ROOT) + ".example.org",
                            pool(weighted(a.classes, 3), STATE_GENERAL_CLASSES));
                }
                case "UNIVERSITIES" -> {
                    String[] u = t[6].split(",");
                    University uni = UNIVERSITIES.get(u[0]);
                    String name = uniqueName(sites, u[1] + " " + UNIVERSITY_SITES[rng.nextInt(UNIVERSITY_SITES.length)]);
                    site = new Site(name, uni.name, home, uni.domain, pool(UNIVERSITY_CLASSES));
                }
                case "NURSING_HOMES" -> {
                    String[] op = NURSING_OPERATORS[rng.nextInt(NURSING_OPERATORS.length)];
                    String base = op[0] + " " + NURSING_KINDS[rng.nextInt(NURSING_KINDS.length)] + " of " + city.name;
                    site = new Site(uniqueName(sites, base), op[1], city, slug(op[0]) + ".example.org",
                            pool(NURSING_CLASSES));
                }
                case "PRIVATE_NONPROFITS" -> {
                    String[] org = NONPROFITS[rng.nextInt(NONPROFITS.length)];
                    String base = org[0] + " " + city.name + " "
                            + NONPROFIT_PROGRAMS[rng.nextInt(NONPROFIT_PROGRAMS.length)];
                    site = new Site(uniqueName(sites, base), org[1], city, slug(org[0]) + ".example.org",
                            pool(NONPROFIT_CLASSES));
                }
                case "HOMECARE" -> {
                    String base = city.name + " Homecare Service Area";
                    site = new Site(uniqueName(sites, base), HOMECARE_EMPLOYER, city, "ohcc.example.org",
                            pool(HOMECARE_CLASSES));
                }
                default -> throw new IllegalStateException("unknown employer group " + group);
            }
            sites.put(site.name(), site);
        }
        return sites.values().toArray(new Site[0]);
    }

    /** {@code base}, or {@code base 2}, {@code base 3}... when the local already has that name. */
    private static String uniqueName(Map<String, Site> taken, String base) {
        if (!taken.containsKey(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + " " + n;
            if (!taken.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private static Object[] weighted(String[] names, int weight) {
        Object[] out = new Object[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            out[2 * i] = names[i];
            out[2 * i + 1] = weight;
        }
        return out;
    }

    /** Expands {name, weight, name, weight...} lists into one array to draw from uniformly. */
    private static String[] pool(Object[]... weightedLists) {
        List<String> out = new ArrayList<>();
        for (Object[] list : weightedLists) {
            for (int i = 0; i < list.length; i += 2) {
                for (int w = 0; w < (Integer) list[i + 1]; w++) {
                    out.add((String) list[i]);
                }
            }
        }
        return out.toArray(new String[0]);
    }

    /** Generator for the fixed tables (SplitMix64 again, seeded by a constant). */
    private static final class TableRng {
        private long state;

        TableRng(long seed) {
            this.state = mix64(seed);
        }

        int nextInt(int bound) {
            return (int) (((mix64(state += GOLDEN) >>> 33) * bound) >>> 31);
        }
    }

    // ------------------------------------------------------------------ names

    /**
     * Given and family names of one broad group, with lowercase ASCII slugs for e-mail addresses.
     * Given names at index {@code femaleFrom} and after are female, which only matters for Russian
     * family names (Ivanov / Ivanova).
     */
    private static final class NameGroup {
        final String[] first;
        final String[] firstSlug;
        final int femaleFrom;
        final String[] last;
        final String[] lastSlug;
        final String[] lastFemale;
        final String[] lastFemaleSlug;

        NameGroup(String[] male, String[] female, String[] last, boolean genderedSurnames) {
            this.first = concat(male, female);
            this.firstSlug = slugs(first);
            this.femaleFrom = male.length;
            this.last = last;
            this.lastSlug = slugs(last);
            this.lastFemale = genderedSurnames ? feminine(last) : last;
            this.lastFemaleSlug = slugs(lastFemale);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] slugs(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = slug(names[i]);
        }
        return out;
    }

    /** Lowercase ASCII letters only: accents stripped (José → jose, Nguyễn → nguyen, Đặng → dang). */
    static String slug(String s) {
        String d = Normalizer.normalize(s.replace('\u0110', 'D').replace('\u0111', 'd'), Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = Character.toLowerCase(d.charAt(i));
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Russian feminine surname forms: Ivanov → Ivanova, Dobrovolsky → Dobrovolskaya. */
    private static String[] feminine(String[] last) {
        String[] out = new String[last.length];
        for (int i = 0; i < last.length; i++) {
            String n = last[i];
            if (n.endsWith("sky")) {
                out[i] = n.substring(0, n.length() - 1) + "aya";
            } else if (n.endsWith("ov") || n.endsWith("ev") || n.endsWith("in") || n.endsWith("yov")) {
                out[i] = n + "a";
            } else {
                out[i] = n;   // e.g. Ukrainian -enko names do not change
            }
        }
        return out;
    }

    private static final NameGroup[] NAME_GROUPS = {
        // English
        new NameGroup(new String[] {
            "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
            "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua",
            "Kevin", "Brian", "Tyler", "Ryan", "Justin", "Brandon", "Eric", "Scott", "Gregory", "Aaron",
            "Jordan", "Casey"},
            new String[] {
            "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
            "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Ashley", "Emily", "Kimberly", "Michelle", "Amanda",
            "Melissa", "Rachel", "Heather", "Rebecca", "Laura", "Amy", "Megan", "Hannah", "Taylor", "Morgan",
            "Brittany"},
            new String[] {
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
            "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
            "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green",
            "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell",
            "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
            "Peterson", "Cooper", "Reed", "Bailey", "Kelly", "Howard", "Ward", "Richardson", "Brooks",
            "Bennett", "Olson", "Larsen", "Jensen", "O'Brien", "McDonald"},
            false),
        // Spanish
        new NameGroup(new String[] {
            "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Jesús", "Francisco", "Alejandro",
            "Antonio", "Manuel", "Pedro", "Ricardo", "Fernando", "Javier", "Raúl", "Sergio", "Eduardo",
            "Roberto", "Diego", "Ramón", "Héctor"},
            new String[] {
            "María", "Rosa", "Guadalupe", "Ana", "Carmen", "Lucía", "Sofía", "Isabel", "Elena", "Patricia",
            "Verónica", "Adriana", "Gabriela", "Alejandra", "Claudia", "Leticia", "Marisol", "Yolanda",
            "Beatriz", "Silvia", "Teresa", "Mónica"},
            new String[] {
            "García", "Martínez", "Rodríguez", "López", "Hernández", "González", "Pérez", "Sánchez",
            "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes",
            "Gutiérrez", "Ortiz", "Chávez", "Ruiz", "Álvarez", "Castillo", "Jiménez", "Vásquez", "Moreno",
            "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Mendoza", "Castro", "Guzmán", "Fernández",
            "Salazar", "Soto", "Delgado", "Ramos", "Contreras", "Espinoza", "Núñez", "Luna", "Ortega",
            "Silva", "Estrada", "Cervantes", "Zamora"},
            false),
        // Vietnamese
        new NameGroup(new String[] {
            "Minh", "Tuấn", "Dũng", "Hùng", "Hải", "Long", "Nam", "Huy", "Khánh", "Quang", "Duy", "Bảo",
            "Phúc", "Hiếu", "Sơn", "Trung", "Việt", "Cường", "Đức", "Hoàng", "Thắng", "Tâm"},
            new String[] {
            "Anh", "Thu", "Lan", "Hương", "Linh", "Hoa", "Phương", "Thảo", "Trang", "Thanh", "Hà", "Mai",
            "Ngọc", "Vy", "Hạnh", "Loan", "Nhung", "Quỳnh", "Yến", "Kim", "Thủy", "Vân"},
            new String[] {
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lâm", "Mai", "Trương", "Tạ", "Châu", "Quách",
            "Lương", "Cao", "Tô", "Kiều", "Hà", "Thái", "La", "Lưu", "Từ", "Văn", "Triệu", "Chu", "Doãn",
            "Tăng", "Đoàn", "Vương", "Quan", "Phùng", "Trịnh", "Hứa"},
            false),
        // Russian (and Ukrainian)
        new NameGroup(new String[] {
            "Aleksandr", "Dmitri", "Sergei", "Andrei", "Alexei", "Ivan", "Mikhail", "Nikolai", "Vladimir",
            "Yuri", "Pavel", "Oleg", "Igor", "Viktor", "Boris", "Konstantin", "Maxim", "Artyom", "Roman",
            "Grigori", "Vasily", "Timur"},
            new String[] {
            "Anna", "Olga", "Tatiana", "Natalia", "Elena", "Irina", "Svetlana", "Marina", "Yekaterina",
            "Maria", "Galina", "Lyudmila", "Anastasia", "Yulia", "Valentina", "Vera", "Nadezhda", "Ksenia",
            "Daria", "Polina", "Sofia", "Zoya"},
            new String[] {
            "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
            "Morozov", "Volkov", "Solovyov", "Vasiliev", "Zaitsev", "Pavlov", "Semyonov", "Golubev",
            "Vinogradov", "Bogdanov", "Fyodorov", "Mikhailov", "Belyaev", "Tarasov", "Belov", "Komarov",
            "Orlov", "Makarov", "Andreev", "Ilyin", "Gusev", "Titov", "Kuzmin", "Baranov", "Kulikov",
            "Stepanov", "Yakovlev", "Sorokin", "Romanov", "Zakharov", "Borisov", "Nikitin", "Medvedev",
            "Dobrovolsky", "Zhukovsky", "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Savchenko"},
            true),
        // Chinese
        new NameGroup(new String[] {
            "Wei", "Jun", "Lei", "Tao", "Ming", "Qiang", "Yong", "Jie", "Hao", "Jian", "Bo", "Kai", "Peng",
            "Feng", "Guang", "Zhiwei", "Xiaoming", "Jianguo", "Haoran", "Yifan", "Zhen", "Chen"},
            new String[] {
            "Fang", "Min", "Jing", "Hui", "Yan", "Ying", "Hong", "Xin", "Ping", "Hua", "Lan", "Mei", "Xiu",
            "Lin", "Ling", "Qing", "Shu", "Dan", "Xiaoli", "Meiling", "Lihua", "Yun"},
            new String[] {
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
            "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
            "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang",
            "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Shen", "Chan", "Wong", "Chang"},
            false),
    };
}
