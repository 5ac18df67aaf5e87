/**
 * Model files: a {@link org.backprop4j.nn.io.ModelDirectory} holds {@code model.json} (layers,
 * dtype, {@link org.backprop4j.nn.io.Normalization}, column names, classes) and
 * {@code model.safetensors} (the weights by PyTorch {@code state_dict} key,
 * {@link org.backprop4j.nn.io.SafeTensors}), so models move between PyTorch and any backend.
 */
package org.backprop4j.nn.io;
