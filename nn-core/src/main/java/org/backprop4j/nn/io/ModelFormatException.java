package org.backprop4j.nn.io;

import java.io.IOException;

/**
 * A model file that cannot be read: malformed JSON, a wrong field, a safetensors header or data
 * section that does not add up, or weights that do not fit the model. The message names the
 * file, the thing that is wrong, the value found and what is allowed.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
