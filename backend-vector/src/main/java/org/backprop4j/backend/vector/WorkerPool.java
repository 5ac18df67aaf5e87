package org.backprop4j.backend.vector;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The backend's own threads: runs the parts of one task at a time, part 0 on the calling thread
 * and the others on worker threads, without allocating anything per call (a fork-join pool or an
 * executor would allocate a task and a future per part).
 *
 * <p>One caller at a time holds the pool ({@link #tryAcquire}); a caller that finds it busy is
 * expected to do its work on its own thread instead of waiting. The {@code threads - 1} workers
 * are daemon threads started by the first {@link #run}; after a part each spins for
 * {@value #SPIN_NANOS} ns (the next product of a training step usually comes sooner) and then
 * parks. They stop when the pool becomes unreachable.
 */
final class WorkerPool {
    /** Work split into parts, run by {@link #run}. */
    interface Task {
        /** Does part {@code part} of {@code parts}; parts run at the same time on different threads. */
        void run(int part, int parts);
    }

    /** How long a worker spins for its next part, and the caller for the workers, before parking. */
    static final long SPIN_NANOS = 50_000;

    private static final Cleaner CLEANER = Cleaner.create();

    private final int threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Crew crew;

    /**
     * A pool of {@code threads} threads in all: the caller's and {@code threads - 1} workers.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
        }
        this.threads = threads;
        this.crew = new Crew(threads - 1);
        CLEANER.register(this, crew::stop);
    }

    /** The number of threads a task may be split among, the caller's included. */
    int threads() {
        return threads;
    }

    /** Takes the pool for the calling thread if it has workers and nobody holds it; never waits. */
    boolean tryAcquire() {
        return threads > 1 && lock.tryLock();
    }

    /** Gives the pool back; only by the thread that acquired it. */
    void release() {
        lock.unlock();
    }

    /**
     * Runs {@code task}'s parts {@code 0 .. parts - 1} at once and returns when all are done;
     * only by the holder of the pool. A failure of any part is thrown here, after every part has
     * finished.
     *
     * @throws IllegalArgumentException when {@code parts} is not in {@code [1, threads]}
     */
    void run(Task task, int parts) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("run by a thread that does not hold the pool");
        }
        if (parts < 1 || parts > threads) {
            throw new IllegalArgumentException("parts (" + parts + ") must be in [1, " + threads + "]");
        }
        crew.run(task, parts);
    }

    /**
     * The workers and what they share; referenced by the workers, never the other way round, so
     * that the pool itself can become unreachable and stop them.
     */
    private static final class Crew {
        private final Worker[] workers;
        private final AtomicInteger unfinished = new AtomicInteger();
        private volatile boolean stopped;
        // The task being run: written by the caller before it hands out the parts, which
        // publishes them to the workers (a volatile write each worker reads).
        private Task task;
        private int parts;
        private Thread caller;
        private volatile Throwable failure;

        Crew(int workers) {
            this.workers = new Worker[workers];
        }

        void run(Task task, int parts) {
            for (int w = 0; w < parts - 1; w++) { // before any assignment: starting a thread can fail
                if (workers[w] == null) {
                    Worker worker = new Worker(this, w + 1);
                    worker.start();
                    workers[w] = worker;
                }
            }
            this.task = task;
            this.parts = parts;
            this.caller = Thread.currentThread();
            this.failure = null;
            unfinished.set(parts - 1);
            for (int w = 0; w < parts - 1; w++) {
                workers[w].assign();
            }
            Throwable own = null;
            try {
                task.run(0, parts);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            long start = System.nanoTime();
            while (unfinished.get() != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this); // the last worker unparks us
                }
            }
            this.task = null;
            Throwable first = own != null ? own : failure;
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
        }

        /** The part a worker was assigned; called by that worker after it saw the assignment. */
        void runPart(int part) {
            try {
                task.run(part, parts);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (unfinished.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void stop() {
            stopped = true;
            for (Worker w : workers) {
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    /** A worker thread: waits for an assignment, runs its part, and waits again. */
    private static final class Worker extends Thread {
        private final Crew crew;
        private final int part;
        /** Assignments handed out; the worker runs one part for each. */
        private volatile int assigned;

        Worker(Crew crew, int part) {
            super("backprop4j-vector-" + part);
            this.crew = crew;
            this.part = part;
            setDaemon(true);
        }

        void assign() {
            assigned++; // only the pool's holder writes it
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            int done = 0;
            while (true) {
                long start = System.nanoTime();
                while (assigned == done) {
                    if (crew.stopped) {
                        return;
                    }
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                done++;
                crew.runPart(part);
            }
        }
    }
}
