package org.referraldecisions.ruleset;

/** A rule set's name, {@code area@version}, e.g. {@code cleveland@2017-10}. */
public record RulesetId(String area, String version) implements Comparable<RulesetId> {

    public static RulesetId parse(String text) {
        int at = text.indexOf('@');
        int slash = text.indexOf('/');
        int split = at >= 0 ? at : slash;
        if (split <= 0 || split == text.length() - 1) {
            throw new IllegalArgumentException("not a rule set id (area@version): " + text);
        }
        return new RulesetId(text.substring(0, split), text.substring(split + 1));
    }

    @Override
    public int compareTo(RulesetId other) {
        int byArea = area.compareTo(other.area);
        return byArea != 0 ? byArea : version.compareTo(other.version);
    }

    @Override
    public String toString() {
        return area + "@" + version;
    }
}
