/**
 * Training a {@link org.backprop4j.nn.Sequential}: a {@link org.backprop4j.nn.train.Dataset}
 * in memory, seeded {@link org.backprop4j.nn.train.MiniBatches}, a
 * {@link org.backprop4j.nn.train.Trainer} that runs epochs of optimizer steps on any
 * {@link org.backprop4j.nn.loss.Loss} (each batch's work behind a {@link org.backprop4j.nn.train.BatchStep})
 * and evaluates a validation split, {@link org.backprop4j.nn.train.TrainingListener}s for
 * progress, and {@link org.backprop4j.nn.train.Metrics} (MSE, R^2, accuracy).
 */
package org.backprop4j.nn.train;
