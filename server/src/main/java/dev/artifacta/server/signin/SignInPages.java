package dev.artifacta.server.signin;

/**
 * The few pages sign-in shows a browser itself (plain HTML; their one script is the console's, for
 * the copy button): the welcome page with a new workspace's first API key, shown once, and the
 * development sign-in form.
 */
final class SignInPages {

    /** Pages may not run scripts, be framed, or load anything from elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The welcome page and the development sign-in form load the console's stylesheet and its one
     * script (the copy button), from this server only: still no inline script or style.
     */
    static final String PAGE_CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private SignInPages() {}

    static String welcome(SessionResponses.SignedIn signedIn) {
        var key = signedIn.firstApiKey();
        return page(
                "Welcome to Artifacta",
                "<h1>Your workspace " + escape(signedIn.workspace()) + " is ready</h1>\n"
                        + "<p>Signed in as " + escape(signedIn.displayName()) + " (" + escape(signedIn.email())
                        + "), owner.</p>\n"
                        + "<h2>Your first API key</h2>\n"
                        + "<p><strong>Copy it now: you will not see it again.</strong> Artifacta keeps only its"
                        + " SHA-256 hash.</p>\n"
                        + "<div class=\"secret\"><p><label for=\"key\">API key</label><br><input id=\"key\""
                        + " class=\"secret-value\" readonly size=\"50\" autocomplete=\"off\" spellcheck=\"false\" value=\""
                        + escape(key.key()) + "\">\n"
                        + "<button type=\"button\" class=\"copy\" data-copy=\"key\" hidden>Copy</button>\n"
                        + "<span class=\"copy-status\" role=\"status\" aria-live=\"polite\"></span></p></div>\n"
                        + "<p>Use it with <code>export ARTIFACTA_API_KEY=…</code> and <code>artifacta whoami</code>.</p>\n"
                        + "<p><a href=\"/console\">Continue to the console</a></p>\n");
    }

    static String devSignIn() {
        return page(
                "Development sign-in",
                "<h1>Development sign-in</h1>\n"
                        + "<p>This server lets anyone on this machine sign in as any email (ARTIFACTA_DEV_SIGN_IN=true)."
                        + " Never enable it on a shared server.</p>\n"
                        + "<form method=\"post\" action=\"/auth/dev/login\">\n"
                        + "<p><label for=\"email\">Email</label><br>"
                        + "<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\"></p>\n"
                        + "<p><label for=\"name\">Name</label><br>"
                        + "<input id=\"name\" name=\"name\" autocomplete=\"name\"></p>\n"
                        + "<p><label for=\"workspace\">Workspace (optional)</label><br>"
                        + "<input id=\"workspace\" name=\"workspace\"></p>\n"
                        + "<p><button type=\"submit\">Sign in</button></p>\n"
                        + "</form>\n");
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<link rel=\"stylesheet\" href=\"/console/assets/console.css\">\n"
                + "<script src=\"/console/assets/console.js\" defer></script>\n</head>\n<body>\n<main id=\"main\">\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
