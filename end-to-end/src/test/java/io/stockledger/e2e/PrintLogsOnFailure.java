package io.stockledger.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test (or a class's set-up) fails, prints the end of both apps' logs of every running ledger. */
final class PrintLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    private static final int LINES = 80;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print(context.getDisplayName(), cause);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        print(context.getDisplayName() + " (before all)", cause);
        throw cause;
    }

    private static void print(String test, Throwable cause) {
        StringBuilder out = new StringBuilder("\n==== " + test + " failed: " + cause + "\n");
        Ledger.running().forEach(ledger -> out.append(ledger.logTails(LINES)).append('\n'));
        System.out.println(out);
    }
}
