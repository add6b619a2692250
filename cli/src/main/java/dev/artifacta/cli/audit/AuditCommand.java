package dev.artifacta.cli.audit;

import picocli.CommandLine.Command;

/** {@code artifacta audit}: the tenant's audit trail (needs {@code audit:read}). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Search the audit trail, export it with its hash chain, verify an export offline.",
        subcommands = {AuditSearchCommand.class, AuditExportCommand.class, AuditVerifyCommand.class})
public final class AuditCommand {}
