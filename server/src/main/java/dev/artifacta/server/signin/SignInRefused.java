package dev.artifacta.server.signin;

import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;

/** A sign-in that cannot go on: a problem for the browser, with a stable reason for the metrics. */
final class SignInRefused {

    private SignInRefused() {}

    static ProblemException of(String reason, int status, String detail) {
        return new ProblemException(Problem.of("sign-in-" + reason, "Sign-in refused", status, detail));
    }
}
