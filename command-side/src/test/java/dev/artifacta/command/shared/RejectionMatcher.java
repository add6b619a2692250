package dev.artifacta.command.shared;

import java.util.Map;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matches a {@link Rejection} by class, stable {@code type} and, optionally, its properties: what
 * the HTTP layer turns into the problem body, so what aggregate tests pin.
 */
public final class RejectionMatcher extends TypeSafeDiagnosingMatcher<Rejection> {

    private final Class<? extends Rejection> rejectionClass;
    private final String type;
    private final Map<String, Object> properties;

    private RejectionMatcher(Class<? extends Rejection> rejectionClass, String type, Map<String, Object> properties) {
        super(Rejection.class);
        this.rejectionClass = rejectionClass;
        this.type = type;
        this.properties = properties;
    }

    public static Matcher<Rejection> rejection(Class<? extends Rejection> rejectionClass, String type) {
        return new RejectionMatcher(rejectionClass, type, null);
    }

    public static Matcher<Rejection> rejection(
            Class<? extends Rejection> rejectionClass, String type, Map<String, Object> properties) {
        return new RejectionMatcher(rejectionClass, type, properties);
    }

    @Override
    protected boolean matchesSafely(Rejection actual, Description mismatch) {
        mismatch.appendText("was ")
                .appendText(actual.getClass().getSimpleName())
                .appendText(" of type ")
                .appendValue(actual.type())
                .appendText(" with properties ")
                .appendValue(actual.properties())
                .appendText(": ")
                .appendText(actual.detail());
        return rejectionClass.isInstance(actual)
                && type.equals(actual.type())
                && (properties == null || properties.equals(actual.properties()));
    }

    @Override
    public void describeTo(Description description) {
        description
                .appendText(rejectionClass.getSimpleName())
                .appendText(" of type ")
                .appendValue(type);
        if (properties != null) {
            description.appendText(" with properties ").appendValue(properties);
        }
    }
}
