package dev.artifacta.command.apikeys;

import dev.artifacta.command.shared.Rejection;
import java.util.Map;

/** The tenant already holds as many active keys as its plan allows. */
public final class ApiKeyLimitReached extends Rejection {

    private final String plan;
    private final int limit;

    public ApiKeyLimitReached(String plan, int limit) {
        super(
                Kind.CONFLICT,
                "api-key-limit-reached",
                "The " + plan + " plan allows " + limit
                        + " active API keys and all are in use. Revoke an unused key or upgrade the plan.");
        this.plan = plan;
        this.limit = limit;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("plan", plan, "limit", limit);
    }
}
