package org.referraldecisions.calendar;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks an area's calendar files and the bank holidays, as strictly as a rule set: every problem is
 * reported with its file and line ({@code rules/cleveland/calendar/2026.yaml:14: ...}) and a calendar with any
 * problem is refused. Refused: a date that is not a date, a meeting outside the file's year, on a Saturday,
 * Sunday or bank holiday, out of date order or listed twice, for a locality the file does not declare, in a year
 * whose bank holidays are not known; an unknown key; a file not named after its year.
 *
 * <p>The YAML is read as a node tree, not as Java objects, so that dates stay the text the coordinator wrote
 * (YAML would otherwise turn them into time stamps) and each value keeps its line.
 */
public final class CalendarReader {

    /** The bank holidays file, at the root of the rules directory. */
    public static final String BANK_HOLIDAYS = "bank-holidays.yaml";
    /** An area's calendar directory, beside its version directories. */
    public static final String CALENDAR_DIRECTORY = "calendar";

    private static final Set<String> CALENDAR_KEYS = Set.of("area", "year", "localities", "meetings");
    private static final Set<String> MEETING_KEYS = Set.of("date", "locality");
    private static final Set<String> HOLIDAY_FILE_KEYS = Set.of("division", "source", "covers", "dates");
    private static final Set<String> HOLIDAY_KEYS = Set.of("date", "name");

    private CalendarReader() {
    }

    /**
     * The bank holidays and an area's calendar.
     *
     * @param area              the area the calendar files must name
     * @param calendarFiles     each calendar file's path under the rules directory ({@code cleveland/calendar/2026.yaml}) to its text
     * @param bankHolidaysText  the text of {@link #BANK_HOLIDAYS}, or null when there is none
     * @param displayRoot       the rules directory as shown in messages ({@code rules})
     * @param problems          where every problem found is added; the calendar returned is then not to be used
     */
    public static MaracCalendar read(String area, Map<String, String> calendarFiles, String bankHolidaysText, String displayRoot,
                                     List<String> problems) {
        BankHolidays holidays = bankHolidaysText == null ? BankHolidays.NONE
                : bankHolidays(displayRoot + "/" + BANK_HOLIDAYS, bankHolidaysText, problems);
        if (bankHolidaysText == null && !calendarFiles.isEmpty()) {
            problems.add(displayRoot + "/" + calendarFiles.keySet().iterator().next() + ": a calendar needs the bank holidays its working days skip;"
                    + " add " + BANK_HOLIDAYS + " at the root of the rules directory");
        }
        List<Meeting> meetings = new ArrayList<>();
        Set<String> localities = new TreeSet<>();
        Set<Integer> years = new TreeSet<>();
        for (Map.Entry<String, String> file : new TreeMap<>(calendarFiles).entrySet()) {
            meetings.addAll(calendarFile(area, displayRoot + "/" + file.getKey(), file.getValue(), holidays, localities, years, problems));
        }
        meetings.sort(java.util.Comparator.comparing(Meeting::date).thenComparing(Meeting::locality));
        MessageDigest digest = sha256();
        new TreeMap<>(calendarFiles).forEach((path, text) -> entry(digest, path, text));
        if (bankHolidaysText != null) {
            entry(digest, BANK_HOLIDAYS, bankHolidaysText);
        }
        return new MaracCalendar(area, years, meetings, localities, holidays, HexFormat.of().formatHex(digest.digest()));
    }

    static BankHolidays bankHolidays(String file, String text, List<String> problems) {
        MappingNode root = root(file, text, problems);
        if (root == null) {
            return BankHolidays.NONE;
        }
        Map<String, Node> keys = keys(root, HOLIDAY_FILE_KEYS, file, problems);
        LocalDate from = null;
        LocalDate to = null;
        if (keys.get("covers") instanceof MappingNode covers) {
            Map<String, Node> range = keys(covers, Set.of("from", "to"), file, problems);
            from = date(range.get("from"), file, problems);
            to = date(range.get("to"), file, problems);
            if (from != null && (from.getDayOfYear() != 1)) {
                problems.add(at(file, range.get("from")) + ": covers.from must be 1 January of a year, not " + from);
            }
            if (to != null && !(to.getMonthValue() == 12 && to.getDayOfMonth() == 31)) {
                problems.add(at(file, range.get("to")) + ": covers.to must be 31 December of a year, not " + to);
            }
        } else {
            problems.add(file + ":1: 'covers: { from: YYYY-01-01, to: YYYY-12-31 }' is required: the years whose bank holidays are all listed");
        }
        if (!(keys.get("source") instanceof ScalarNode)) {
            problems.add(file + ":1: 'source' is required: where the dates come from (GOV.UK)");
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        LocalDate previous = null;
        for (Node item : sequence(keys.get("dates"), "dates", file, problems)) {
            if (!(item instanceof MappingNode entry)) {
                problems.add(at(file, item) + ": each bank holiday is { date: YYYY-MM-DD, name: ... }");
                continue;
            }
            Map<String, Node> fields = keys(entry, HOLIDAY_KEYS, file, problems);
            LocalDate date = date(fields.get("date"), file, problems);
            if (date == null) {
                if (fields.get("date") == null) {
                    problems.add(at(file, item) + ": 'date' is required");
                }
                continue;
            }
            if (weekend(date)) {
                problems.add(at(file, fields.get("date")) + ": " + date + " is a " + day(date) + "; a bank holiday (or its substitute day) is a Monday to Friday");
            }
            if (from != null && to != null && (date.isBefore(from) || date.isAfter(to))) {
                problems.add(at(file, fields.get("date")) + ": " + date + " is outside covers " + from + ".." + to);
            }
            if (previous != null && !date.isAfter(previous)) {
                problems.add(at(file, fields.get("date")) + ": " + date + (date.equals(previous) ? " is listed twice" : " is out of order (after " + previous + ")"));
            }
            previous = date;
            dates.add(date);
        }
        return from == null || to == null ? BankHolidays.NONE : new BankHolidays(from, to, dates);
    }

    private static List<Meeting> calendarFile(String area, String file, String text, BankHolidays holidays, Set<String> allLocalities,
                                              Set<Integer> years, List<String> problems) {
        MappingNode root = root(file, text, problems);
        if (root == null) {
            return List.of();
        }
        Map<String, Node> keys = keys(root, CALENDAR_KEYS, file, problems);
        String named = scalar(keys.get("area"));
        if (!area.equals(named)) {
            problems.add(at(file, keys.getOrDefault("area", root)) + ": 'area' must be " + area + " (the directory it is in), not " + named);
        }
        Integer year = null;
        String yearText = scalar(keys.get("year"));
        String expectedName = file.substring(file.lastIndexOf('/') + 1);
        try {
            year = Integer.valueOf(yearText);
            years.add(year);
            if (!expectedName.equals(year + ".yaml")) {
                problems.add(at(file, keys.get("year")) + ": the calendar for " + year + " must be named " + year + ".yaml");
            }
        } catch (NumberFormatException e) {
            problems.add(at(file, keys.getOrDefault("year", root)) + ": 'year' must be the calendar's year, e.g. 2026");
        }
        Set<String> localities = new LinkedHashSet<>();
        for (Node locality : sequence(keys.get("localities"), "localities", file, problems)) {
            String name = scalar(locality);
            if (name == null || name.isBlank()) {
                problems.add(at(file, locality) + ": a locality is a name, e.g. North Tees");
            } else if (!localities.add(name)) {
                problems.add(at(file, locality) + ": locality '" + name + "' is declared twice");
            }
        }
        allLocalities.addAll(localities);
        if (year != null && !holidays.covers(LocalDate.of(year, 1, 1))) {
            problems.add(at(file, keys.get("year")) + ": the bank holidays of " + year + " are not known (" + BANK_HOLIDAYS + " covers "
                    + (holidays.from() == null ? "no year" : holidays.from().getYear() + "-" + holidays.to().getYear())
                    + "); add them before this year's meetings");
        }
        List<Meeting> meetings = new ArrayList<>();
        Map<LocalDate, Set<String>> seen = new HashMap<>();
        LocalDate previous = null;
        for (Node item : sequence(keys.get("meetings"), "meetings", file, problems)) {
            if (!(item instanceof MappingNode entry)) {
                problems.add(at(file, item) + ": each meeting is { date: YYYY-MM-DD, locality: ... }");
                continue;
            }
            Map<String, Node> fields = keys(entry, MEETING_KEYS, file, problems);
            LocalDate date = date(fields.get("date"), file, problems);
            String locality = scalar(fields.get("locality"));
            if (fields.get("date") == null) {
                problems.add(at(file, item) + ": 'date' is required");
            }
            if (locality == null) {
                problems.add(at(file, item) + ": 'locality' is required (one of " + localities + ")");
            } else if (!localities.contains(locality)) {
                problems.add(at(file, fields.get("locality")) + ": locality '" + locality + "' is not one of this file's localities " + localities);
            }
            if (date == null) {
                continue;
            }
            String where = at(file, fields.get("date"));
            if (year != null && date.getYear() != year) {
                problems.add(where + ": " + date + " is not in " + year + "; it belongs in " + date.getYear() + ".yaml");
            }
            if (weekend(date)) {
                problems.add(where + ": " + date + " is a " + day(date) + "; a MARAC meets on a working day");
            } else if (holidays.isBankHoliday(date)) {
                problems.add(where + ": " + date + " is a bank holiday; a MARAC meets on a working day");
            }
            if (previous != null && date.isBefore(previous)) {
                problems.add(where + ": " + date + " is out of order (after " + previous + "); list meetings by date");
            }
            if (locality != null && !seen.computeIfAbsent(date, d -> new java.util.HashSet<>()).add(locality)) {
                problems.add(where + ": " + date + " " + locality + " is listed twice");
            }
            previous = date;
            if (locality != null) {
                meetings.add(new Meeting(date, locality));
            }
        }
        return meetings;
    }

    private static MappingNode root(String file, String text, List<String> problems) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(file + ":1: expected a mapping of keys to values");
            return null;
        }
        return mapping;
    }

    private static Map<String, Node> keys(MappingNode mapping, Set<String> allowed, String file, List<String> problems) {
        Map<String, Node> values = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(at(file, tuple.getKeyNode()) + ": unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            } else if (values.put(key, tuple.getValueNode()) != null) {
                problems.add(at(file, tuple.getKeyNode()) + ": '" + key + "' is given twice");
            }
        }
        return values;
    }

    private static List<Node> sequence(Node node, String key, String file, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            problems.add(at(file, node) + ": '" + key + "' must be a list");
            return List.of();
        }
        return seq.getValue();
    }

    private static LocalDate date(Node node, String file, List<String> problems) {
        String text = scalar(node);
        if (node == null) {
            return null;
        }
        try {
            if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", String.valueOf(text), 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(at(file, node) + ": '" + text + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue().trim() : null;
    }

    private static String at(String file, Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }

    private static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String day(LocalDate date) {
        String name = date.getDayOfWeek().name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static void entry(MessageDigest digest, String path, String content) {
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        byte[] contentBytes = content.getBytes(StandardCharsets.UTF_8);
        digest.update((pathBytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(pathBytes);
        digest.update((contentBytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(contentBytes);
    }
}
