package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a {@code train} run, as its options give them with every default resolved: what
 * a checkpoint records ({@link #toMap()}) and what a resumed run must keep. A resumed run takes its
 * settings from the checkpoint ({@link #fromMap}); an option given again must agree with the recorded
 * value ({@link #resumedWith}), except the ones a resumed run may change: {@code --epochs} (the new
 * total), {@code --checkpoint-every}, and {@code --data}, which may name another path to the same
 * content (the content is checked by its hash, not here).
 *
 * @param momentum SGD's momentum, or null for adam
 */
record TrainFlags(Path data, List<String> targets, boolean classify, String loss, List<Integer> hidden,
                  String activation, double dropout, int epochs, int patience, int batchSize, String optimizer,
                  double lr, Double momentum, double weightDecay, String dtype, long seed, double validation,
                  int checkpointEvery) {

    /** The options a resumed run may give with another value. */
    static final Set<String> MAY_CHANGE = Set.of("--data", "--epochs", "--checkpoint-every");

    TrainFlags {
        targets = List.copyOf(targets);
        hidden = List.copyOf(hidden);
    }

    /** Option name to value, in a canonical form (numbers as Java writes them, lists comma-separated). */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--data", data.toString());
        m.put("--target", String.join(",", targets));
        m.put("--classify", Boolean.toString(classify));
        m.put("--loss", loss);
        m.put("--hidden", String.join(",", hidden.stream().map(String::valueOf).toList()));
        m.put("--activation", activation);
        m.put("--dropout", Double.toString(dropout));
        m.put("--epochs", Integer.toString(epochs));
        m.put("--patience", Integer.toString(patience));
        m.put("--batch-size", Integer.toString(batchSize));
        m.put("--optimizer", optimizer);
        m.put("--lr", Double.toString(lr));
        if (momentum != null) {
            m.put("--momentum", Double.toString(momentum));
        }
        m.put("--weight-decay", Double.toString(weightDecay));
        m.put("--dtype", dtype);
        m.put("--seed", Long.toString(seed));
        m.put("--validation", Double.toString(validation));
        m.put("--checkpoint-every", Integer.toString(checkpointEvery));
        return m;
    }

    /**
     * The settings a checkpoint recorded.
     *
     * @param where names the checkpoint in errors
     * @throws UsageException for a missing or malformed value, naming the option
     */
    static TrainFlags fromMap(Map<String, String> m, String where) {
        try {
            String momentum = m.get("--momentum");
            List<Integer> hidden = new ArrayList<>();
            for (String h : get(m, "--hidden", where).split(",")) {
                hidden.add(Integer.parseInt(h));
            }
            return new TrainFlags(Path.of(get(m, "--data", where)), List.of(get(m, "--target", where).split(",")),
                    Boolean.parseBoolean(get(m, "--classify", where)), get(m, "--loss", where), hidden,
                    get(m, "--activation", where), Double.parseDouble(get(m, "--dropout", where)),
                    Integer.parseInt(get(m, "--epochs", where)), Integer.parseInt(get(m, "--patience", where)),
                    Integer.parseInt(get(m, "--batch-size", where)), get(m, "--optimizer", where),
                    Double.parseDouble(get(m, "--lr", where)), momentum == null ? null : Double.valueOf(momentum),
                    Double.parseDouble(get(m, "--weight-decay", where)), get(m, "--dtype", where),
                    Long.parseLong(get(m, "--seed", where)), Double.parseDouble(get(m, "--validation", where)),
                    Integer.parseInt(get(m, "--checkpoint-every", where)));
        } catch (NumberFormatException e) {
            throw new UsageException(where + ": a flag's value is not a number (" + e.getMessage() + ")", e);
        }
    }

    private static String get(Map<String, String> m, String option, String where) {
        String v = m.get(option);
        if (v == null) {
            throw new UsageException(where + " does not record " + option + "; it was not written by this version of "
                    + "train");
        }
        return v;
    }

    /**
     * These recorded settings, continued with the options given again on the command line: each
     * given option must have the recorded value, except those in {@link #MAY_CHANGE}, whose given
     * values replace the recorded ones.
     *
     * @param given   the settings the command line gives (defaults resolved)
     * @param matched the options the command line named
     * @param resume  the {@code --resume} directory, for messages
     * @throws UsageException naming the first option that disagrees, both values, and what to do
     */
    TrainFlags resumedWith(TrainFlags given, Set<String> matched, Path resume) {
        Map<String, String> saved = toMap();
        Map<String, String> now = given.toMap();
        for (String option : saved.keySet()) {
            if (matched.contains(option) && !MAY_CHANGE.contains(option) && !saved.get(option).equals(now.get(option))) {
                throw new UsageException("--resume " + resume + ": " + option + " " + now.get(option)
                        + " differs from the run's " + option + " " + saved.get(option)
                        + "; a resumed run keeps its settings (leave " + option + " out, or give the same value)");
            }
        }
        for (String option : matched) {
            if (!saved.containsKey(option) && now.containsKey(option)) { // --momentum for a run with adam
                throw new UsageException("--resume " + resume + ": " + option + " does not apply to the run, which has "
                        + "--optimizer " + optimizer);
            }
        }
        return new TrainFlags(matched.contains("--data") ? given.data : data, targets, classify, loss, hidden,
                activation, dropout, matched.contains("--epochs") ? given.epochs : epochs, patience, batchSize,
                optimizer, lr, momentum, weightDecay, dtype, seed, validation,
                matched.contains("--checkpoint-every") ? given.checkpointEvery : checkpointEvery);
    }
}
