package io.stockledger.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Per operation: latency histogram, successes, business rejections by reason, and errors. */
final class Stats {

    /** The counters of one operation. */
    static final class Operation {
        final Histogram latency = new ConcurrentHistogram(3);
        final LongAdder ok = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        /** The items a bulk request carried, summed over its requests. */
        final LongAdder items = new LongAdder();

        long count() {
            return ok.sum() + rejected.sum() + errors.sum();
        }

        double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000_000.0;
        }
    }

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    /** Order lines of the confirmed reservations (a reservation of three lines holds three). */
    final LongAdder confirmedLines = new LongAdder();

    Operation of(String operation) {
        return operations.computeIfAbsent(operation, name -> new Operation());
    }

    void ok(String operation, long nanos) {
        Operation op = of(operation);
        op.latency.recordValue(nanos);
        op.ok.increment();
    }

    void rejected(String operation, long nanos, String reason) {
        Operation op = of(operation);
        op.latency.recordValue(nanos);
        op.rejected.increment();
        op.reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void error(String operation, long nanos, String reason) {
        Operation op = of(operation);
        op.latency.recordValue(nanos);
        op.errors.increment();
        op.reasons.computeIfAbsent("error:" + reason, r -> new LongAdder()).increment();
    }

    Map<String, Operation> all() {
        return new TreeMap<>(operations);
    }

    long errors() {
        return operations.values().stream().mapToLong(op -> op.errors.sum()).sum();
    }
}
