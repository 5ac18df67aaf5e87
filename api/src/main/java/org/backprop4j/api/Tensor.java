package org.backprop4j.api;

import org.backprop4j.api.spi.TensorOps;

/**
 * A handle to a dense tensor whose storage belongs to one backend. Tensors are made and read
 * through {@link Backend}; a tensor can only be passed to ops of the backend that made it
 * ({@link Backend#transfer(Tensor)} copies across backends).
 *
 * <p>Tensors are mutable: ops write into output tensors that the caller passes, so a training
 * loop can reuse its buffers instead of allocating at every step.
 */
public interface Tensor {
    /** The shape, fixed for the tensor's life. */
    Shape shape();

    /** The element type, fixed for the tensor's life. */
    DType dtype();

    /** The backend implementation that stores this tensor; used to reject foreign tensors. */
    TensorOps owner();
}
