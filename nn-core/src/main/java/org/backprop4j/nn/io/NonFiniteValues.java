package org.backprop4j.nn.io;

/**
 * Whether NaN, infinities and values beyond the model's dtype are refused (the default) or let
 * through because the caller asked for them explicitly (the command line's
 * {@code --allow-non-finite}). See {@link FiniteValues} for what is checked.
 */
public enum NonFiniteValues {
    /** Refuse them, naming where they are. */
    REFUSE,
    /** Let them through: they reach the network as they are (float32 overflow becomes an infinity). */
    ALLOW
}
