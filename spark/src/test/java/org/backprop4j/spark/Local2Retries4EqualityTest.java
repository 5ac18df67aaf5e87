package org.backprop4j.spark;

/** {@link OneMachineEqualityContract} on {@code local[2,4]}: two task threads, a task tried up to 4 times. */
class Local2Retries4EqualityTest extends OneMachineEqualityContract {
    @Override
    String master() {
        return "local[2,4]";
    }
}
