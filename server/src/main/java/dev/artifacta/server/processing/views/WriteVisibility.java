package dev.artifacta.server.processing.views;

import java.util.Set;

/**
 * Something else a write's answer waits for, after the views: {@link ReadModelBarrier} calls every
 * bean of this type once the request's own events are in the views, and only when the request
 * appended any. A wait ends by the deadline at the latest and never fails the request.
 */
public interface WriteVisibility {

    /**
     * Waits until what this request wrote is visible in the way this bean looks after.
     *
     * @param eventTypes the payload types of the events the request appended
     * @param deadlineNanos the {@link System#nanoTime()} by which to return at the latest
     */
    void await(Set<Class<?>> eventTypes, long deadlineNanos);
}
