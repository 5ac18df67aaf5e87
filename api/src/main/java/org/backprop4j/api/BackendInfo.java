package org.backprop4j.api;

import java.util.Set;
import org.backprop4j.api.spi.ProbeResult;

/**
 * What discovery knows of one backend.
 *
 * @param name         the name it is selected by
 * @param version      the version of the library doing the work
 * @param priority     higher wins when nobody names a backend
 * @param dtypes       supported element types
 * @param probe        whether it can run here, and why not
 * @param probeMillis  how long the probe took (first use of native code shows here)
 */
public record BackendInfo(String name, String version, int priority, Set<DType> dtypes, ProbeResult probe,
                          long probeMillis) {
}
