package ai.ag2.tracing.internal.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Which baggage entries of a caller an application keeps: those whose key is accepted, or all of
 * them when the accepted keys contain {@code *}. Baggage travels in the W3C {@code baggage}
 * header, in the headers of Spring Boot's {@code management.tracing.baggage.remote-fields}
 * (one header per field, read by Micrometer's baggage propagator), and, with the Jaeger and
 * OpenTracing propagators of OpenTelemetry, in {@code uberctx-*} and {@code ot-baggage-*}
 * headers; every one of them is filtered.
 * <p>
 * Internal API: may change without notice.
 */
public final class InboundBaggagePolicy {

	/** The accepted key that keeps every entry. */
	public static final String ANY_KEY = "*";

	static final String BAGGAGE = "baggage";

	private static final List<String> BAGGAGE_HEADER_PREFIXES = List.of("uberctx-", "ot-baggage-");

	private final boolean acceptsAll;

	private final Set<String> acceptedKeys;

	private final Set<String> acceptedHeaderKeys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	private final Set<String> refusedRemoteFieldHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	/**
	 * Create the policy.
	 * @param acceptedKeys the baggage keys kept from a caller ({@code *} keeps all)
	 * @param remoteFields the fields that Spring Boot propagates as headers of their own
	 */
	public InboundBaggagePolicy(Collection<String> acceptedKeys, Collection<String> remoteFields) {
		this.acceptedKeys = Set.copyOf(acceptedKeys.stream().map(String::trim).filter((key) -> !key.isEmpty()).toList());
		this.acceptsAll = this.acceptedKeys.contains(ANY_KEY);
		// HTTP header names are case-insensitive, and Micrometer matches remote fields so
		this.acceptedHeaderKeys.addAll(this.acceptedKeys);
		for (String field : remoteFields) {
			if (!this.acceptedHeaderKeys.contains(field.trim())) {
				this.refusedRemoteFieldHeaders.add(field.trim());
			}
		}
	}

	/** Whether every entry is kept, so that no header needs looking at. */
	boolean acceptsAll() {
		return this.acceptsAll;
	}

	/** The keys kept, for diagnostics. */
	public Set<String> acceptedKeys() {
		return this.acceptedKeys;
	}

	/** Whether a header other than {@code baggage} is a baggage entry that must not reach a tracer. */
	boolean refusesHeader(String name) {
		if (this.acceptsAll) {
			return false;
		}
		if (this.refusedRemoteFieldHeaders.contains(name)) {
			return true;
		}
		for (String prefix : BAGGAGE_HEADER_PREFIXES) {
			if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return !this.acceptedHeaderKeys.contains(name.substring(prefix.length()));
			}
		}
		return false;
	}

	/**
	 * The accepted members of {@code baggage} field lines, as one line.
	 * @return the accepted members, or {@code null} when none is accepted
	 */
	@Nullable String acceptedMembers(List<String> lines) {
		List<String> kept = new ArrayList<>();
		for (String line : lines) {
			for (String member : line.split(",", -1)) {
				String trimmed = member.strip();
				if (!trimmed.isEmpty() && this.acceptedKeys.contains(keyOf(trimmed))) {
					kept.add(trimmed);
				}
			}
		}
		return kept.isEmpty() ? null : String.join(",", kept);
	}

	/** {@code key OWS "=" OWS value *( OWS ";" OWS property )}: the key is before {@code =} or {@code ;}. */
	private static String keyOf(String member) {
		int end = member.length();
		int equals = member.indexOf('=');
		int semicolon = member.indexOf(';');
		if (equals >= 0) {
			end = equals;
		}
		if (semicolon >= 0 && semicolon < end) {
			end = semicolon;
		}
		return member.substring(0, end).strip();
	}

}
