package dev.artifacta.server.access;

import java.util.Set;

/** Who is asking, as the access policy sees it. */
public sealed interface Caller {

    /** An API key of a tenant: its identity's role on that tenant's artifacts, narrowed by its scopes. */
    record ApiKey(String tenantId, Role role, Set<String> scopes) implements Caller {}

    /** A share link: its role on one artifact only. */
    record ShareLink(String tenantId, String artifactId, Role role) implements Caller {}

    /** Nobody authenticated: only what an artifact's public switches allow. */
    record Public() implements Caller {}
}
