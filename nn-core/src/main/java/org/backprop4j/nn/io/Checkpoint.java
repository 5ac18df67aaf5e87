package org.backprop4j.nn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.nn.train.TrainingState;

/**
 * A training run saved to continue later ({@link CheckpointFiles}): the trainer's state, the data it
 * trains on and the settings it was started with, which a resumed run must keep.
 *
 * @param state the trainer's state ({@link org.backprop4j.nn.train.Trainer#state()})
 * @param data  the training data's file
 * @param flags the run's settings by name (for the command line, its options: {@code --hidden} to
 *              {@code 64,64}); copied, unmodifiable
 */
public record Checkpoint(TrainingState state, DataSource data, Map<String, String> flags) {
    public Checkpoint {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(data, "data");
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }
}
