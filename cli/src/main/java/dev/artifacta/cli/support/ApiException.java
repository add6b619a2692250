package dev.artifacta.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.cli.ExitCodes;

/**
 * An error answer from the server: its status and its RFC 9457 problem (or, when the body is not
 * one, a problem made up from the status).
 */
public final class ApiException extends CliException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode problem;

    public ApiException(int status, JsonNode problem) {
        super(ExitCodes.forHttpStatus(status), messageOf(status, problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    private static String messageOf(int status, JsonNode problem) {
        String title = problem.path("title").asText("HTTP " + status);
        String detail = problem.path("detail").asText("");
        StringBuilder message = new StringBuilder(title);
        if (!detail.isBlank() && !detail.equals(title)) {
            message.append(": ").append(detail);
        }
        for (String extra : new String[] {"requiredScope", "requiredRole", "requiredPlan"}) {
            if (problem.hasNonNull(extra)) {
                message.append(" (")
                        .append(extra)
                        .append(": ")
                        .append(problem.get(extra).asText())
                        .append(')');
            }
        }
        if (problem.path("errors").isArray()) {
            for (JsonNode error : problem.get("errors")) {
                message.append(System.lineSeparator())
                        .append("  - ")
                        .append(error.isTextual() ? error.asText() : error.toString());
            }
        }
        return message.toString();
    }
}
