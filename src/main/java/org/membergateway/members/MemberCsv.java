package org.membergateway.members;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The members CSV (README, Members CSV): its columns, and a streaming RFC 4180 writer.
 *
 * <p>Empty optional values are written as empty fields, booleans as {@code true|false}, dates as
 * ISO {@code yyyy-MM-dd}, records end with CRLF as RFC 4180 prescribes.
 */
public final class MemberCsv {

    /** The header row, in file order; these names are also the field names used in requests. */
    public static final List<String> COLUMNS = List.of(
            "member_id", "first_name", "last_name", "local_id", "region", "employer_group", "employer",
            "worksite", "classification", "membership_status", "cape_contributor", "home_street",
            "home_city", "home_state", "home_zip", "home_phone", "mobile_phone", "home_email",
            "work_email", "birth_date", "preferred_language", "worksite_leader", "steward");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(COLUMNS.toArray(new String[0]))
            .get();

    private MemberCsv() {
    }

    /**
     * Writes the header and then every remaining row, streaming (one row in memory at a time).
     * Flushes {@code out} at the end but does not close it: the caller owns it.
     */
    public static void write(Iterator<MemberRow> rows, Writer out) throws IOException {
        // Not closed on purpose: closing the printer would close the caller's writer.
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        while (rows.hasNext()) {
            printer.printRecord((Object[]) values(rows.next()));
        }
        printer.flush();
    }

    /** The 23 values of a row in {@link #COLUMNS} order as CSV text; {@code null} for empty. */
    public static String[] values(MemberRow r) {
        return new String[] {
            r.memberId(),
            r.firstName(),
            r.lastName(),
            r.localId(),
            r.region(),
            r.employerGroup(),
            r.employer(),
            r.worksite(),
            r.classification(),
            r.membershipStatus() == null ? null : r.membershipStatus().name(),
            Boolean.toString(r.capeContributor()),
            r.homeStreet(),
            r.homeCity(),
            r.homeState(),
            r.homeZip(),
            r.homePhone(),
            r.mobilePhone(),
            r.homeEmail(),
            r.workEmail(),
            r.birthDate() == null ? null : r.birthDate().toString(),
            r.preferredLanguage(),
            Boolean.toString(r.worksiteLeader()),
            Boolean.toString(r.steward()),
        };
    }
}
