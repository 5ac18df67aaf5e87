package org.backprop4j.nn.io;

import java.nio.file.Path;
import org.backprop4j.nn.MemoryEstimate;

/**
 * A model directory describes a network that needs more memory than this JVM may use; it was
 * refused before anything was allocated. The message reads
 * {@code "DIR/model.json: the network needs 3.4 GB, the JVM may use 1.0 GB"}.
 */
public class ModelTooLargeException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    private final transient MemoryEstimate estimate;
    private final long limit;

    public ModelTooLargeException(Path file, MemoryEstimate estimate, long limit) {
        super(file + ": the network " + estimate.against(limit));
        this.estimate = estimate;
        this.limit = limit;
    }

    /** What the network needs. */
    public MemoryEstimate estimate() {
        return estimate;
    }

    /** What the JVM may use, in bytes. */
    public long limit() {
        return limit;
    }
}
