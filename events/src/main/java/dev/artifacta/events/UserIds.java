package dev.artifacta.events;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/**
 * How people are named. A person is their verified email: one user id per normalized email, the
 * same in every workspace, computed rather than stored, so the owner who signed up through the API
 * and the same person signing in later are one user.
 */
public final class UserIds {

    private UserIds() {}

    /**
     * An email as Artifacta compares it: trimmed, Unicode NFC, lowercased (the whole address, as
     * nearly every provider treats local parts case-insensitively). Nothing else is folded: dots,
     * {@code +tags} and look-alike characters from other scripts stay distinct.
     */
    public static String normalizeEmail(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The user id of the person with this email. */
    public static String of(String email) {
        return UUID.nameUUIDFromBytes(("artifacta-user:" + normalizeEmail(email)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
