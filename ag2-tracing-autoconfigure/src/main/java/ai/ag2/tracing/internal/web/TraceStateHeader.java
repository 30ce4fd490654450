package ai.ag2.tracing.internal.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code tracestate} field of an inbound request as W3C Trace Context (level 2)
 * defines it, and writes it back as one line that every tracer of the application reads the same
 * way:
 * <ul>
 * <li>several field lines are one list, joined with commas in the order received (RFC 9110
 * section 5.3);</li>
 * <li>empty and whitespace-only members are skipped, and spaces and tabs around members are
 * ignored;</li>
 * <li>a list with more than 32 members, or with a member that breaks the key or value grammar,
 * is invalid and dropped as a whole;</li>
 * <li>of a key that appears more than once, the left-most member is kept;</li>
 * <li>a list longer than 512 characters is cut by whole members, those over 128 characters
 * first, then from the right.</li>
 * </ul>
 * A member whose key the grammar allows but OpenTelemetry's {@code TraceState} cannot hold
 * (a key that starts with a digit and has no {@code @}, more than one {@code @}, a tenant over
 * 241 or a system over 14 characters) is removed: OpenTelemetry would otherwise drop the whole
 * list.
 * <p>
 * Internal API: may change without notice.
 */
final class TraceStateHeader {

	/** At most this many members: "There can be a maximum of 32 list-members in a list." */
	static final int MAX_MEMBERS = 32;

	/** The longest list sent on: "Vendors SHOULD propagate at least 512 characters". */
	static final int MAX_LENGTH = 512;

	/** Members longer than this are cut first: "Entries larger than 128 characters long". */
	private static final int LONG_MEMBER = 128;

	private static final int MAX_KEY_LENGTH = 256;

	private static final int MAX_VALUE_LENGTH = 256;

	private static final int MAX_TENANT_LENGTH = 241;

	private static final int MAX_SYSTEM_LENGTH = 14;

	private TraceStateHeader() {
	}

	/**
	 * The list that the field lines carry, as one line without optional whitespace.
	 * @param lines the {@code tracestate} field lines of a request, in the order received
	 * @return the list to continue with, or {@code null} when no member remains or the list is
	 * invalid
	 */
	static @Nullable String combine(List<String> lines) {
		List<String> members = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		int count = 0;
		for (String line : lines) {
			int start = 0;
			while (start <= line.length()) {
				int comma = line.indexOf(',', start);
				int end = (comma < 0) ? line.length() : comma;
				String member = trimWhitespace(line, start, end);
				start = end + 1;
				if (member.isEmpty()) {
					continue;
				}
				if (++count > MAX_MEMBERS) {
					return null;
				}
				int equals = member.indexOf('=');
				if (equals < 0) {
					return null;
				}
				String key = member.substring(0, equals);
				if (!isKey(key) || !isValue(member, equals + 1)) {
					return null;
				}
				if (keys.add(key) && openTelemetryHoldsKey(key)) {
					members.add(member);
				}
			}
		}
		cutToMaxLength(members);
		return members.isEmpty() ? null : String.join(",", members);
	}

	/** {@code key = ( lcalpha / DIGIT ) 0*255 ( keychar )}. */
	static boolean isKey(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !isLowercaseLetterOrDigit(key.charAt(0))) {
			return false;
		}
		for (int i = 1; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!isLowercaseLetterOrDigit(c) && c != '_' && c != '-' && c != '*' && c != '/' && c != '@') {
				return false;
			}
		}
		return true;
	}

	/** {@code value = 0*255(chr) nblk-chr}: printable ASCII but {@code ,} and {@code =}, no trailing space. */
	private static boolean isValue(String member, int from) {
		int length = member.length() - from;
		if (length < 1 || length > MAX_VALUE_LENGTH || member.charAt(member.length() - 1) == ' ') {
			return false;
		}
		for (int i = from; i < member.length(); i++) {
			char c = member.charAt(i);
			if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether OpenTelemetry Java's {@code TraceState} accepts {@code key} (a valid key): it
	 * follows the key grammar of the first edition, which the spec has since widened.
	 */
	static boolean openTelemetryHoldsKey(String key) {
		int at = key.indexOf('@');
		if (at < 0) {
			return key.charAt(0) >= 'a' && key.charAt(0) <= 'z';
		}
		int system = key.length() - at - 1;
		return key.indexOf('@', at + 1) < 0 && at <= MAX_TENANT_LENGTH && system >= 1 && system <= MAX_SYSTEM_LENGTH;
	}

	private static void cutToMaxLength(List<String> members) {
		int length = members.isEmpty() ? 0 : members.size() - 1;
		for (String member : members) {
			length += member.length();
		}
		while (length > MAX_LENGTH) {
			int cut = members.size() - 1;
			for (int i = members.size() - 1; i >= 0; i--) {
				if (members.get(i).length() > LONG_MEMBER) {
					cut = i;
					break;
				}
			}
			length -= members.remove(cut).length() + (members.isEmpty() ? 0 : 1);
		}
	}

	/** {@code s[start, end)} without the spaces and tabs (HTTP's optional whitespace) around it. */
	private static String trimWhitespace(String s, int start, int end) {
		while (start < end && isWhitespace(s.charAt(start))) {
			start++;
		}
		while (end > start && isWhitespace(s.charAt(end - 1))) {
			end--;
		}
		return s.substring(start, end);
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

	private static boolean isLowercaseLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

}
