package ai.ag2.tracing.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports failures inside the instrumentation itself (an extractor that throws, an expression that
 * does not evaluate): the first of each kind at WARN, repeats at DEBUG, so a broken extractor on a
 * hot path cannot flood the log. The user's call never sees them.
 * <p>
 * Internal API: may change without notice.
 */
public final class InstrumentationFailures {

	private static final Log logger = LogFactory.getLog(InstrumentationFailures.class);

	private static final int MAX_REMEMBERED = 256;

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private InstrumentationFailures() {
	}

	/**
	 * Log {@code message} at WARN the first time {@code key} is seen (a limitation of the user's
	 * setup, not a failure: code compiled without {@code -parameters}, say).
	 */
	public static void warnOnce(String key, String message) {
		if (reported.size() < MAX_REMEMBERED && reported.add("warn|" + key)) {
			logger.warn(message);
		}
	}

	/** Report that {@code what} failed with {@code failure}; tracing of the call carries on without it. */
	public static void report(String what, Throwable failure) {
		String kind = what + '|' + failure.getClass().getName();
		boolean first = reported.size() < MAX_REMEMBERED && reported.add(kind);
		if (first) {
			logger.warn("ag2-tracing: " + what + " failed (" + failure
					+ "); the traced call is unaffected, further failures of this kind are logged at DEBUG", failure);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("ag2-tracing: " + what + " failed", failure);
		}
	}

}
