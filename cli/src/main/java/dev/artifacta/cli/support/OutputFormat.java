package dev.artifacta.cli.support;

import java.util.List;

/** How a command prints its result: for people, or as JSON with the shape docs/cli.md gives. */
public enum OutputFormat {
    TABLE,
    JSON;

    /** The values shell completion offers, as they are typed. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("table", "json").iterator();
        }
    }
}
