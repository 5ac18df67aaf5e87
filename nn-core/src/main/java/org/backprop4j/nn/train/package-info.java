/**
 * Training a {@link org.backprop4j.nn.Sequential}: a {@link org.backprop4j.nn.train.Dataset}
 * in memory, seeded {@link org.backprop4j.nn.train.MiniBatches}, a
 * {@link org.backprop4j.nn.train.Trainer} that runs epochs of optimizer steps on any
 * {@link org.backprop4j.nn.loss.Loss} (each batch's work behind a {@link org.backprop4j.nn.train.BatchStep})
 * and evaluates a validation split, {@link org.backprop4j.nn.train.TrainingListener}s for
 * progress, {@link org.backprop4j.nn.train.Metrics} (MSE, R^2, accuracy), and the reports of a
 * saved model on labelled data, accumulated chunk by chunk:
 * {@link org.backprop4j.nn.train.RegressionReport} (MSE, MAE, R^2 per column) and
 * {@link org.backprop4j.nn.train.ClassificationReport} (confusion matrix, precision, recall, F1).
 */
package org.backprop4j.nn.train;
