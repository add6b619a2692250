package dev.artifacta.server.http;

import java.util.regex.Pattern;

/** Ids in paths are lowercase UUIDs; anything else cannot name a resource and is answered 404. */
public final class Ids {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Ids() {}

    public static boolean isUuid(String id) {
        return id != null && UUID_SHAPE.matcher(id).matches();
    }
}
