package org.backprop4j.nn.train;

/** Why a training run stopped ({@link History#stopReason()}). */
public enum StopReason {
    /** Every configured epoch ran. */
    EPOCHS_DONE("epochs_done", "the epochs were done"),
    /** Early stopping: the validation loss had not fallen below its lowest for the patience's number of epochs. */
    PATIENCE("patience", "patience exhausted"),
    /** {@link Trainer#requestStop()} (Ctrl-C on the command line): stopped after the batch it came in. */
    INTERRUPTED("interrupted", "interrupted");

    private final String id;
    private final String description;

    StopReason(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name in checkpoint files, e.g. {@code patience}. */
    public String id() {
        return id;
    }

    /** In words, e.g. {@code patience exhausted}. */
    public String description() {
        return description;
    }

    /**
     * The reason named {@code id}.
     *
     * @throws IllegalArgumentException for another name, listing the names
     */
    public static StopReason parse(String id) {
        for (StopReason r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("stop reason '" + id + "' is unknown; expected epochs_done, patience or "
                + "interrupted");
    }
}
