package org.backprop4j.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.backprop4j.api.DType;

/**
 * Marks a {@link ConformanceKit} property that runs in one dtype: {@link SkipUnsupportedDType}
 * skips it for a backend that does not declare that dtype.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresDType {
    /** The dtype the property runs in. */
    DType value();
}
