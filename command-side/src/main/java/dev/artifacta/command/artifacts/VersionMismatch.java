package dev.artifacta.command.artifacts;

import dev.artifacta.command.shared.Rejection;
import java.util.Map;

/** The caller expected another head version (If-Match); nothing was written. */
public final class VersionMismatch extends Rejection {

    private final long expected;
    private final long head;

    public VersionMismatch(long expected, long head) {
        super(
                Kind.PRECONDITION_FAILED,
                "version-mismatch",
                "The head is version " + head + ", not " + expected + "; read it and retry.");
        this.expected = expected;
        this.head = head;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("expectedVersion", expected, "headVersion", head);
    }
}
