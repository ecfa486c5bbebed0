package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The spreadsheet rule (OWASP "CSV Injection") applied to RFC 4180 text as it streams. */
class SpreadsheetSafeCsvTest {

    static String neutralize(String csv, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpreadsheetSafeCsv.Neutralizer safe = SpreadsheetSafeCsv.neutralizing(out);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            safe.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        safe.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a plain line passes unchanged      | Nguyễn,Salem,97301\\n              | Nguyễn,Salem,97301\\n",
        "an unquoted formula is quoted       | =1+2,x\\n                        | \"'=1+2\",x\\n",
        "every formula character            | +1,-1,@SUM(A1),x\\n            | \"'+1\",\"'-1\",\"'@SUM(A1)\",x\\n",
        "a quoted formula gets the quote    | \"=HYPERLINK(\"\"u\"\",\"\"c\"\")\",y\\n | \"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\",y\\n",
        "a leading tab                      | a,\\tb\\n                            | a,\"'\\tb\"\\n",
        "a leading CR inside quotes         | a,\"\\rb\"\\n                          | a,\"'\\rb\"\\n",
        "the last cell of a line            | a,=b\\r\\nc,d\\r\\n                    | a,\"'=b\"\\r\\nc,d\\r\\n",
        "the last cell of the file          | a,=b                              | a,\"'=b\"",
        "a formula character later is fine  | a=b,1-2,x@y.org\\n                | a=b,1-2,x@y.org\\n",
        "empty cells stay empty             | ,,\"\"\\n                          | ,,\"\"\\n",
        "a quoted value starting with a quote | \"\"\"=x\"\"\",y\\n                 | \"\"\"=x\"\"\",y\\n",
        "a line break inside quotes         | \"a\\n=b\",c\\n                         | \"a\\n=b\",c\\n",
    })
    void neutralizesEveryCellThatStartsAFormula(String name, String csv, String expected) throws IOException {
        String in = unescape(csv.strip());
        String want = unescape(expected.strip());
        assertThat(neutralize(in, 8192)).as(name).isEqualTo(want);
        assertThat(neutralize(in, 1)).as(name + ", a byte at a time").isEqualTo(want);
        assertThat(neutralize(in, 3)).as(name + ", three bytes at a time").isEqualTo(want);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\"");
    }

    @Test
    void whatCommonsCsvWritesReadsBackAsTheTextWithItsApostrophe() throws IOException {
        List<String> values = List.of("=HYPERLINK(\"http://evil.example\",\"Click\")", "-2+3", "@SUM(1)", "\tTab",
                "\rCR", "+1 503 555 0100", "plain", "a,b");
        StringWriter written = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(written, CSVFormat.RFC4180)) {
            printer.printRecord(values);
        }
        String safe = neutralize(written.toString(), 5);
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(safe))) {
            assertThat(parser.getRecords().get(0).toList()).containsExactly("'=HYPERLINK(\"http://evil.example\",\"Click\")",
                    "'-2+3", "'@SUM(1)", "'\tTab", "'\rCR", "'+1 503 555 0100", "plain", "a,b");
        }
        assertThat(safe).startsWith("\"'=HYPERLINK(").contains(",\"'-2+3\",\"'@SUM(1)\",");
    }
}
