package dev.artifacta.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.cli.ExitCodes;
import dev.artifacta.cli.support.CliException;
import dev.artifacta.cli.support.Json;
import dev.artifacta.cli.support.Output;
import dev.artifacta.cli.support.Times;
import dev.artifacta.cli.support.WriteCommand;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code artifacta keys create}: a new key. Its secret is printed this once (the only output of
 * the CLI that ever carries one, with {@code share create}).
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an API key; the secret is shown only in this output.")
public final class KeysCreateCommand extends WriteCommand {

    @Option(names = "--name", required = true, description = "a name unique among the tenant's active keys")
    String name;

    @Option(names = "--description", description = "what the key is for")
    String description;

    @Option(
            names = "--scopes",
            split = ",",
            paramLabel = "SCOPE",
            defaultValue = "artifacts:read,artifacts:create,artifacts:update,comments:write",
            description = "comma-separated scopes (default: ${DEFAULT-VALUE})")
    List<String> scopes;

    @Option(
            names = "--identity",
            paramLabel = "me|agent:ID",
            defaultValue = "me",
            description = "who the key acts as: me (the calling user, default) or agent:<agentId>")
    String identity;

    @Option(names = "--expires-at", paramLabel = "TIME", description = "ISO-8601 instant; default: never")
    String expiresAt;

    @Override
    public Integer call() {
        Output out = output();
        ObjectNode body = Json.object().put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        ArrayNode scopeArray = body.putArray("scopes");
        scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(scopeArray::add);
        if (identity.startsWith("agent:") && identity.length() > "agent:".length()) {
            body.putObject("identity").put("type", "agent").put("agentId", identity.substring("agent:".length()));
        } else if (!identity.equals("me")) {
            throw new CliException(ExitCodes.USAGE, "--identity must be me or agent:<agentId>");
        }
        if (expiresAt != null) {
            body.put("expiresAt", Times.instant("--expires-at", expiresAt));
        }
        Optional<JsonNode> created = api().write("POST", "/v1/api-keys", body);
        if (created.isEmpty()) {
            return ExitCodes.OK;
        }
        JsonNode key = created.get();
        if (out.json()) {
            out.json(key);
            return ExitCodes.OK;
        }
        KeyPrinter.print(out, key);
        out.line("");
        out.line("Secret:  " + Json.text(key, "key"));
        out.note("Store the secret now (e.g. in your secret manager): it is never shown again.");
        return ExitCodes.OK;
    }
}
