package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.loss.Loss;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * nn-core against PyTorch: for each case made by tools/pytorch/generate_cases.py (the notebook's
 * Linear(10, 2) with batch 8, each layer type, both reductions, both dtypes), the output, the loss
 * and the gradients of the input and every parameter agree with PyTorch autograd within
 * torch.testing.assert_close's default tolerance, on every backend on the test class path.
 */
class PyTorchGradientTest {

    static Stream<Path> caseFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(PyTorchGradientTest.class.getResource("/pytorch").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() throws IOException, URISyntaxException {
        List<Path> files = caseFiles().toList();
        assertThat(files).as("PyTorch cases in src/test/resources/pytorch").hasSizeGreaterThanOrEqualTo(10);
        Backends backends = Backends.discover();
        return backends.all().stream().flatMap(backend -> files.stream().map(file -> {
            GoldenCase c = GoldenCase.read(file);
            return DynamicTest.dynamicTest(c.name() + " on " + backend.name(), () -> check(backend, c));
        }));
    }

    static void check(Backend backend, GoldenCase c) {
        Sequential model = Sequential.build(backend, c.dtype(), c.model(), 1L);
        model.loadStateDict(c.params());
        Tensor x = backend.fromArray(c.dtype(), Shape.of(c.inputShape()), c.input());
        Tensor target = backend.fromArray(c.dtype(), Shape.of(c.targetShape()), c.target());
        Loss loss = c.loss().create(backend);

        model.zeroGrad();
        Tensor y = model.forward(x);
        double l = loss.forward(y, target);
        Tensor dx = model.backward(loss.backward());

        Tolerance.assertClose("output", c.dtype(), backend.toDoubleArray(y), c.output());
        Tolerance.assertClose("loss", c.dtype(), new double[] {l}, new double[] {c.expectedLoss()});
        Tolerance.assertClose("grads.input", c.dtype(), backend.toDoubleArray(dx), c.grads().get("input"));
        for (Parameter p : model.parameters()) {
            Tolerance.assertClose("grads." + p.name(), c.dtype(), backend.toDoubleArray(p.grad()),
                    c.grads().get(p.name()));
        }
        assertThat(c.grads().keySet()).as("gradients in the case").hasSize(model.parameters().size() + 1);
    }
}
