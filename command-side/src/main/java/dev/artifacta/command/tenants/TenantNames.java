package dev.artifacta.command.tenants;

import java.util.regex.Pattern;

/** The rules for tenant names: what appears in URLs and in {@code whoami}. */
public final class TenantNames {

    /** Lowercase letters, digits and inner hyphens, 3 to 63 characters (a DNS label). */
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$");

    private TenantNames() {}

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches() && !name.contains("--");
    }
}
