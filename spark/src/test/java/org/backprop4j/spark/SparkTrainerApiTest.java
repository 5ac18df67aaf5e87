package org.backprop4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Reduction;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.optim.AdamW;
import org.backprop4j.nn.optim.CosineAnnealingLr;
import org.backprop4j.nn.optim.LrScheduler;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.optim.Sgd;
import org.backprop4j.nn.optim.StepLr;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On {@code local[2]}: every loss and optimizer the one-machine {@link Trainer} supports (with a
 * schedule), trained from a data frame as from an RDD, equal to one machine within 1e-12; and the
 * errors a user can hit.
 */
class SparkTrainerApiTest {
    private static final Backend NAIVE = OneMachineEqualityContract.NAIVE;
    private static final int[] SIZES = {20, 0, 31, 9};
    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        context = TestData.context("local[2]");
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** A loss, the data it takes, the layers after the hidden one, the optimizer and schedule. */
    record Case(String name, LossSpec loss, org.backprop4j.nn.train.Dataset data, List<LayerSpec> head, int outputs,
                Function<Sequential, Optimizer> optimizer, Function<Optimizer, LrScheduler> schedule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Arguments> cases() {
        org.backprop4j.nn.train.Dataset values = TestData.regression(60, 2, 3);
        org.backprop4j.nn.train.Dataset classes = TestData.blobs(60, 4);
        double[] y = classes.targets();
        double[] probabilities = new double[60 * 3];
        double[] binary = new double[60];
        for (int i = 0; i < 60; i++) {
            probabilities[3 * i + (int) y[i]] = 0.8;
            probabilities[3 * i + ((int) y[i] + 1) % 3] = 0.2;
            binary[i] = y[i] == 0 ? 1 : 0;
        }
        org.backprop4j.nn.train.Dataset soft = new org.backprop4j.nn.train.Dataset(classes.inputs(), 4, probabilities, 3);
        org.backprop4j.nn.train.Dataset twoClasses = new org.backprop4j.nn.train.Dataset(classes.inputs(), 4, binary, 1);
        Function<Sequential, Optimizer> sgd = m -> new Sgd(NAIVE, m.parameters(), new Sgd.Config(0.05, 0.9, 0.1, 1e-3, false));
        Function<Sequential, Optimizer> nesterov = m -> new Sgd(NAIVE, m.parameters(), new Sgd.Config(0.05, 0.8, 0, 0, true));
        Function<Sequential, Optimizer> adam = m -> new Adam(NAIVE, m.parameters(), new Adam.Config(0.01, 0.9, 0.99, 1e-8, 1e-3, true));
        Function<Sequential, Optimizer> adamw = m -> new AdamW(NAIVE, m.parameters(), AdamW.defaults(0.01));
        Function<Optimizer, LrScheduler> none = o -> null;
        Function<Optimizer, LrScheduler> step = o -> new StepLr(o, 3, 0.5);
        Function<Optimizer, LrScheduler> cosine = o -> new CosineAnnealingLr(o, 5, 1e-4);
        List<LayerSpec> none2 = List.of();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("mse, sgd with dampening and weight decay", new LossSpec.Mse(Reduction.MEAN), values, none2, 2, sgd, step));
        cases.add(new Case("l1 sum, nesterov", new LossSpec.L1(Reduction.SUM), values, none2, 2, nesterov, none));
        cases.add(new Case("huber, adamw, cosine", new LossSpec.Huber(Reduction.MEAN, 0.5), values, none2, 2, adamw, cosine));
        cases.add(new Case("weighted smoothed cross_entropy, amsgrad", new LossSpec.CrossEntropy(Reduction.MEAN, 0.1,
                new double[] {0.5, 2, 1}), classes, none2, 3, adam, step));
        cases.add(new Case("cross_entropy on probabilities", new LossSpec.CrossEntropy(Reduction.MEAN), soft, none2, 3, adamw, none));
        cases.add(new Case("weighted nll after log_softmax", new LossSpec.Nll(Reduction.MEAN, new double[] {1, 3, 0.5}),
                classes, List.of(new LayerSpec.LogSoftmax()), 3, sgd, none));
        cases.add(new Case("bce_with_logits with pos_weight", new LossSpec.BceWithLogits(Reduction.MEAN, new double[] {2}),
                twoClasses, none2, 1, adam, cosine));
        return cases.stream().map(Arguments::of).toList();
    }

    private static Sequential network(Case c) {
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Linear(4, 6, true), LayerSpec.ActivationLayer.of(Activation.GELU),
                new LayerSpec.Linear(6, c.outputs(), true)));
        layers.addAll(c.head());
        return Sequential.build(NAIVE, DType.FLOAT64, layers, 5L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLossAndOptimizerTrainsAsOnOneMachine(Case c) {
        TrainingConfig config = new TrainingConfig(2, 16, 11L);
        Sequential local = network(c);
        Optimizer a = c.optimizer().apply(local);
        History expected = new Trainer(local, a, c.schedule().apply(a), new org.backprop4j.nn.train.LocalBatchStep(local,
                c.loss().create(NAIVE)), config).fit(c.data(), null, TrainingListener.NONE);
        Sequential spark = network(c);
        Optimizer b = c.optimizer().apply(spark);
        History actual = new SparkTrainer(spark, b, c.schedule().apply(b), c.loss(), config)
                .fit(TestData.partitioned(context, c.data(), SIZES), null, TrainingListener.NONE);
        assertThat(TestData.relativeDifference(spark, local)).isLessThan(1e-12);
        assertThat(TestData.relativeDifference(spark, network(c))).as("it trained").isGreaterThan(1e-3);
        assertThat(b.learningRate()).isEqualTo(a.learningRate());
        OneMachineEqualityContract.assertSameLosses(actual, expected, 1e-12);
    }

    private static Dataset<Row> frame(org.backprop4j.nn.train.Dataset data, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("x01", DataTypes.createArrayType(
                DataTypes.DoubleType)).add("x2", DataTypes.FloatType).add("x3", DataTypes.DoubleType)
                .add("y0", DataTypes.DoubleType).add("y1", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        double[] x = data.inputs();
        double[] y = data.targets();
        for (int i = 0; i < data.size(); i++) {
            rows.add(RowFactory.create("row" + i, new double[] {x[4 * i], x[4 * i + 1]}, (float) x[4 * i + 2],
                    x[4 * i + 3], y[2 * i], (int) y[2 * i + 1]));
        }
        return SparkSession.builder().getOrCreate().createDataFrame(rows, schema).coalesce(partitions);
    }

    @Test
    void dataFramesTrainAsTheRowsTheyHold() {
        org.backprop4j.nn.train.Dataset data = TestData.regression(40, 2, 8);
        double[] x = data.inputs();
        double[] y = data.targets();
        for (int i = 0; i < data.size(); i++) { // as the frame holds them: x2 a float, y1 an int
            x[4 * i + 2] = (float) x[4 * i + 2];
            y[2 * i + 1] = (int) y[2 * i + 1];
        }
        org.backprop4j.nn.train.Dataset held = new org.backprop4j.nn.train.Dataset(x, 4, y, 2);
        Dataset<Row> frame = frame(held, 1);
        ExampleColumns columns = new ExampleColumns(List.of("x01", "x2", "x3"), List.of("y0", "y1"));
        TrainingConfig config = new TrainingConfig(2, 8, 3L);
        Sequential local = Sequential.build(NAIVE, DType.FLOAT64, OneMachineEqualityContract.LAYERS, 9L);
        new Trainer(local, new Adam(NAIVE, local.parameters(), Adam.Config.of(0.01)),
                OneMachineEqualityContract.MSE.create(NAIVE), config).fit(held, held, TrainingListener.NONE);
        Sequential spark = Sequential.build(NAIVE, DType.FLOAT64, OneMachineEqualityContract.LAYERS, 9L);
        History h = new SparkTrainer(spark, new Adam(NAIVE, spark.parameters(), Adam.Config.of(0.01)),
                OneMachineEqualityContract.MSE, config).fit(frame, frame, columns, TrainingListener.NONE);
        assertThat(TestData.relativeDifference(spark, local)).isLessThan(1e-12);
        assertThat(h.last().hasValidation()).isTrue();

        assertThatThrownBy(() -> new ExampleColumns(List.of("x01", "nope"), List.of("y0")).examples(frame))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'nope' is not in the data frame; it has id, x01, x2, x3, y0, y1");
        assertThatThrownBy(() -> new ExampleColumns(List.of("id"), List.of("y0")).examples(frame))
                .hasMessage("column 'id' is string; expected a number or an array of numbers");
    }

    @Test
    void errorsNameWhatIsWrong() {
        Sequential model = Sequential.build(NAIVE, DType.FLOAT64, OneMachineEqualityContract.LAYERS, 1L);
        SparkTrainer trainer = new SparkTrainer(model, new Sgd(NAIVE, model.parameters(), Sgd.Config.of(0.1)),
                OneMachineEqualityContract.MSE, new TrainingConfig(1, 4, 1L));
        org.backprop4j.nn.train.Dataset three = TestData.regression(10, 3, 1);
        assertThatThrownBy(() -> trainer.fit(TestData.partitioned(context, three, 4, 6), null, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("training data has 4 inputs and 3 targets per "
                        + "row; the model takes 4 inputs and gives 2 outputs");
        assertThatThrownBy(() -> trainer.fit(TestData.partitioned(context, TestData.regression(5, 2, 1), 5),
                TestData.partitioned(context, three, 0, 10), TrainingListener.NONE))
                .hasMessageStartingWith("validation data has 4 inputs and 3 targets");
        assertThatThrownBy(() -> trainer.fit(context.parallelize(List.<Example>of(), 3), null, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training data has no rows in its 3 partitions; expected at least one row");
        assertThatThrownBy(() -> trainer.fit(context.parallelize(List.of(new Example(new double[4], new double[2]),
                new Example(new double[3], new double[2])), 1), null, TrainingListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 0, row 1 has 3 inputs and 2 targets; expected 4 and 2, as the partition's first row");
        Sequential dropout = Sequential.build(NAIVE, DType.FLOAT64, List.of(new LayerSpec.Linear(4, 2, true),
                new LayerSpec.Dropout(0.5)), 1L);
        assertThatThrownBy(() -> new SparkTrainer(dropout, new Sgd(NAIVE, dropout.parameters(), Sgd.Config.of(0.1)),
                OneMachineEqualityContract.MSE, new TrainingConfig(1, 4, 1L)))
                .hasMessage("layer 1 is dropout with p = 0.5; SparkTrainer trains models without dropout (p = 0), "
                        + "since its masks would depend on the partitions");
    }
}
