package org.backprop4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.backprop4j.nn.train.ClassificationReport;
import org.backprop4j.nn.train.ClassificationReport.Score;
import org.backprop4j.nn.train.RegressionReport;

/**
 * {@code evaluate --json}: the figures {@link EvaluationText} prints, for scripts, unrounded.
 * Every document has {@code model}, {@code data}, {@code rows} and {@code task}
 * ({@code "regression"} or {@code "classification"}).
 *
 * <p>A regression document has {@code columns}, one object per target column
 * ({@code column}, {@code mse}, {@code mae}, {@code r2}), and {@code mean} (the same figures
 * averaged); an undefined R^2 (constant targets) is {@code null}.
 *
 * <p>A classification document has {@code column}, {@code accuracy}, {@code classes} (one object
 * per class that occurs, as scikit-learn's report: {@code label}, {@code precision},
 * {@code recall}, {@code f1-score}, {@code support}), {@code macro avg} and {@code weighted avg}
 * (the three scores and the support, scikit-learn's names), and {@code confusion_matrix}:
 * {@code labels} (every class, as model.json stores them) and {@code counts}, a row per true
 * class and a column per predicted class.
 */
final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationJson() {
    }

    /** The regression document; {@code names} are the target columns. */
    static byte[] regression(String model, String data, RegressionReport report, List<String> names) {
        ObjectNode root = header(model, data, report.rows(), "regression");
        ArrayNode columns = root.putArray("columns");
        for (int j = 0; j < names.size(); j++) {
            ObjectNode c = columns.addObject().put("column", names.get(j)).put("mse", report.mse(j))
                    .put("mae", report.mae(j));
            putOrNull(c, "r2", report.r2(j));
        }
        ObjectNode mean = root.putObject("mean").put("mse", report.meanMse()).put("mae", report.meanMae());
        putOrNull(mean, "r2", report.meanR2());
        return bytes(root);
    }

    /** The classification document; class {@code k} is {@code labels.get(k)} of column {@code column}. */
    static byte[] classification(String model, String data, ClassificationReport report, String column,
                                 List<Integer> labels) {
        ObjectNode root = header(model, data, report.rows(), "classification");
        root.put("column", column).put("accuracy", report.accuracy());
        ArrayNode classes = root.putArray("classes");
        for (int c = 0; c < report.classes(); c++) {
            if (report.occurs(c)) {
                ObjectNode o = classes.addObject().put("label", labels.get(c));
                for (Score s : Score.values()) {
                    o.put(s.id(), report.score(s, c));
                }
                o.put("support", report.support(c));
            }
        }
        ObjectNode macro = root.putObject("macro avg");
        ObjectNode weighted = root.putObject("weighted avg");
        for (Score s : Score.values()) {
            macro.put(s.id(), report.macroAverage(s));
            weighted.put(s.id(), report.weightedAverage(s));
        }
        macro.put("support", report.rows());
        weighted.put("support", report.rows());
        ObjectNode matrix = root.putObject("confusion_matrix");
        labels.forEach(matrix.putArray("labels")::add);
        ArrayNode counts = matrix.putArray("counts");
        for (long[] row : report.confusionMatrix()) {
            ArrayNode r = counts.addArray();
            for (long n : row) {
                r.add(n);
            }
        }
        return bytes(root);
    }

    private static ObjectNode header(String model, String data, long rows, String task) {
        return JSON.createObjectNode().put("model", model).put("data", data).put("rows", rows).put("task", task);
    }

    private static void putOrNull(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) { // a tree of numbers and strings always serialises
            throw new IllegalStateException("cannot write the evaluation as JSON", e);
        }
    }
}
