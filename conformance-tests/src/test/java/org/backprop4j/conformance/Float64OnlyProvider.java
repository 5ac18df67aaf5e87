package org.backprop4j.conformance;

import java.util.EnumSet;
import org.backprop4j.api.DType;

/** The naive backend, declaring float64 only: cases and checks in float32 must be skipped, not failed. */
final class Float64OnlyProvider extends NaiveTestDouble {
    Float64OnlyProvider() {
        super("float64-only", "naive, float64 only", EnumSet.of(DType.FLOAT64));
    }
}
