package io.stockledger.query.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The projection (processing group) a controller's reads are answered from. Every GET of such a controller honours
 * {@code X-Min-Event-Position}: it is answered only once that projection has applied the event at that position,
 * waiting up to {@code maxWaitMillis}, or refused with 412 {@code position-not-reached} ({@link MinEventPosition}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsProjection {

    /** The processing group's name. */
    String value();
}
