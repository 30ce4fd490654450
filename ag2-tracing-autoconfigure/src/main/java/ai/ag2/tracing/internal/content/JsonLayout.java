package ai.ag2.tracing.internal.content;

import java.util.Arrays;

import ai.ag2.tracing.Ag2Attributes;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document as {@link JsonText} walks it: the structure (brackets, keys, numbers, literals)
 * as escaped text, and the string values apart, each with the position it takes in the structure.
 * From one walk it finds the one cut for all strings that keeps the document within the limit
 * (every string longer than the cut plus the marker is cut there and marked), and writes the
 * document once. The walk is stopped ({@link #PAST_LIMIT}) as soon as even the most cut form of
 * the document is longer than the limit, so a layout never holds more than about the limit.
 */
final class JsonLayout {

	static final String MARKER = Ag2Attributes.TRUNCATION_MARKER;

	private static final int MARKER_LENGTH = MARKER.length();

	// a string cut to nothing: its quotes and the marker
	private static final int CUT_TO_NOTHING = 2 + MARKER_LENGTH;

	private static final int UNCUT = Integer.MAX_VALUE;

	/** Thrown to stop the walk once the document cannot fit; no stack trace, it is control flow. */
	static final RuntimeException PAST_LIMIT = new RuntimeException("past limit", null, false, false) {
	};

	private int limit;

	// sized for the usual small document (tool arguments, a message or two), grown as needed
	private final StringBuilder structure = new StringBuilder(48);

	private int[] positions = new int[4];

	private String[] texts = new String[4];

	// the real length of each string; its text is a prefix when a CharSequence was longer than needed
	private int[] lengths = new int[4];

	private int @Nullable [] escapedLengths;

	// The document as written so far with every string whole, while it fits the limit: what fit()
	// would write with nothing cut, so a document that fits (the usual case) is not laid out twice.
	// Dropped for good once it is past the limit, a string is a prefix, or a value is reset.
	private @Nullable StringBuilder whole = new StringBuilder(64);

	private int count;

	// what the strings take when every one is cut as far as it goes
	private int stringsMinimum;

	JsonLayout(int limit) {
		this.limit = limit;
	}

	/** Let the walk go on for {@code more} characters beyond what is laid out already. */
	void allow(int more) {
		this.limit = minimumLength() + more;
		this.whole = null;
	}

	/** How many characters of a string value are enough to lay it out, whatever its length. */
	int textBound() {
		return this.limit + MARKER_LENGTH + 1;
	}

	/** The length of the document with every string cut as far as it goes. */
	int minimumLength() {
		return this.structure.length() + this.stringsMinimum;
	}

	void check() {
		if (minimumLength() > this.limit) {
			throw PAST_LIMIT;
		}
	}

	void raw(String text) {
		this.structure.append(text);
		check();
		StringBuilder all = this.whole;
		if (all != null) {
			all.append(text);
			keepWholeWithinLimit(all);
		}
	}

	void raw(char c) {
		this.structure.append(c);
		check();
		StringBuilder all = this.whole;
		if (all != null) {
			all.append(c);
			keepWholeWithinLimit(all);
		}
	}

	/** A string that is structure, never cut: object keys, roles, part types, ids, tool names. */
	void name(String text) {
		this.structure.append('"');
		// in slices, so that a huge key stops the walk once it is past the limit
		for (int from = 0; from < text.length(); from += 256) {
			appendEscaped(this.structure, text, from, Math.min(text.length(), from + 256));
			check();
		}
		this.structure.append('"');
		check();
		appendWhole(text);
	}

	/** A string value, cut with the others when the document is too long. */
	void string(String text, int length) {
		addString(text, length, this.structure.length());
		check();
		if (length != text.length()) {
			// a prefix of a longer text: it is cut whatever else fits
			this.whole = null;
		}
		else {
			appendWhole(text);
		}
	}

	// A quoted, escaped string onto the whole document, unless that takes it past the limit.
	private void appendWhole(String text) {
		StringBuilder all = this.whole;
		if (all == null) {
			return;
		}
		if (all.length() + 2 + text.length() > this.limit) {
			this.whole = null;
			return;
		}
		appendQuoted(all, text, text.length());
		keepWholeWithinLimit(all);
	}

	private void keepWholeWithinLimit(StringBuilder all) {
		if (all.length() > this.limit) {
			this.whole = null;
		}
	}

	private void addString(String text, int length, int position) {
		if (this.count == this.positions.length) {
			int size = this.count * 2;
			this.positions = Arrays.copyOf(this.positions, size);
			this.texts = Arrays.copyOf(this.texts, size);
			this.lengths = Arrays.copyOf(this.lengths, size);
		}
		this.positions[this.count] = position;
		this.texts[this.count] = text;
		this.lengths[this.count] = length;
		this.count++;
		this.stringsMinimum += minimumCost(text, length);
		this.escapedLengths = null;
	}

	private static int minimumCost(String text, int length) {
		return (length > MARKER_LENGTH) ? CUT_TO_NOTHING : 2 + escapedLength(text, 0, text.length());
	}

	long mark() {
		return ((long) this.structure.length() << 32) | this.count;
	}

	/** Forget what was laid out since {@code mark}: a value that failed half-way is replaced whole. */
	void reset(long mark) {
		this.whole = null;
		this.structure.setLength((int) (mark >>> 32));
		int keep = (int) mark;
		for (int i = keep; i < this.count; i++) {
			this.stringsMinimum -= minimumCost(this.texts[i], this.lengths[i]);
		}
		this.count = keep;
	}

	/**
	 * The length, with no string cut, of what was laid out since {@code mark}, or a length past
	 * {@code cap} as soon as it is known to be longer (no string is scanned further than that).
	 */
	long wholeLength(long mark, int cap) {
		long total = this.structure.length() - (int) (mark >>> 32);
		for (int i = (int) mark; i < this.count && total <= cap; i++) {
			String text = this.texts[i];
			total += (this.lengths[i] > cap) ? cap + 1L : 2 + escapedLength(text, 0, text.length());
		}
		return total;
	}

	/**
	 * A JSON array of the values laid out from each of {@code marks} to the next, none cut, in
	 * the order of the marks or the reverse: the items of a list laid out newest first.
	 */
	String wholeItems(long[] marks, int items, boolean reverse) {
		StringBuilder out = new StringBuilder(Math.min(this.limit, 1 << 16));
		out.append('[');
		for (int k = 0; k < items; k++) {
			int item = reverse ? items - 1 - k : k;
			long end = (item + 1 < items) ? marks[item + 1] : mark();
			if (k > 0) {
				out.append(',');
			}
			int from = (int) (marks[item] >>> 32);
			for (int i = (int) marks[item]; i < (int) end; i++) {
				out.append(this.structure, from, this.positions[i]);
				from = this.positions[i];
				appendQuoted(out, this.texts[i], this.texts[i].length());
			}
			out.append(this.structure, from, (int) (end >>> 32));
		}
		return out.append(']').toString();
	}

	/**
	 * The document with its strings cut evenly so that it fits the limit; needs
	 * {@link #minimumLength()} within the limit, which a completed walk guarantees.
	 */
	String fit() {
		StringBuilder all = this.whole;
		// within the limit with every string whole: exactly what the cut search would find (none) and write
		return (all != null) ? all.toString() : write(cut());
	}

	// The largest cut that fits. Found from the lengths alone when no string needs escaping beyond
	// one character per character; else by halving with exact lengths, each at most about the limit.
	private int cut() {
		if (!hasLongString()) {
			// nothing can be cut, and a completed walk fits with every string whole
			return UNCUT;
		}
		int fixed = this.structure.length();
		// strings that may be cut, by length: (length << 32) | index
		long[] order = new long[this.count];
		int longCount = 0;
		for (int i = 0; i < this.count; i++) {
			if (this.lengths[i] > MARKER_LENGTH) {
				order[longCount++] = ((long) this.lengths[i] << 32) | i;
			}
			else {
				fixed += 2 + escapedLength(i);
			}
		}
		Arrays.sort(order, 0, longCount);
		long whole = 0;
		int guess = 0;
		for (int j = 0; j <= longCount; j++) {
			if (j > 0) {
				int previous = (int) order[j - 1];
				if (this.lengths[previous] > this.limit) {
					break;
				}
				whole += 2 + escapedLength(previous);
			}
			long rest = (long) this.limit - fixed - whole;
			if (rest < 0) {
				break;
			}
			if (j == longCount) {
				return UNCUT;
			}
			int cutOnes = longCount - j;
			// with strings 0..j-1 whole and j.. cut, the cut lies in [lowest, highest]
			long lowest = (j == 0) ? 0 : (order[j - 1] >>> 32) - MARKER_LENGTH;
			long highest = (order[j] >>> 32) - MARKER_LENGTH - 1L;
			if (lowest > highest) {
				continue;
			}
			long best = (rest - (long) cutOnes * CUT_TO_NOTHING) / cutOnes;
			if (best < lowest) {
				break;
			}
			guess = (int) Math.min(best, highest);
		}
		if (length(guess) <= this.limit) {
			return guess;
		}
		int low = 0;
		int high = guess - 1;
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (length(mid) <= this.limit) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		return low;
	}

	// About what write(cut) writes (escapes aside, which let the builder grow): a short document
	// gets a short builder rather than one of the limit.
	private int writtenLength(int cut) {
		long total = this.structure.length();
		for (int i = 0; i < this.count && total <= this.limit; i++) {
			int length = this.lengths[i];
			boolean whole = length <= MARKER_LENGTH || length - MARKER_LENGTH <= cut;
			total += 2 + (whole ? this.texts[i].length() : Math.min(cut, this.texts[i].length()) + MARKER_LENGTH);
		}
		return (int) Math.min(total, Math.min(this.limit, 1 << 16));
	}

	private boolean hasLongString() {
		for (int i = 0; i < this.count; i++) {
			if (this.lengths[i] > MARKER_LENGTH) {
				return true;
			}
		}
		return false;
	}

	// Exact length of the document at this cut; stops counting once past the limit.
	private long length(int cut) {
		long total = this.structure.length();
		for (int i = 0; i < this.count && total <= this.limit; i++) {
			int length = this.lengths[i];
			if (length <= MARKER_LENGTH || length - MARKER_LENGTH <= cut) {
				total += 2 + escapedLength(i);
			}
			else {
				total += CUT_TO_NOTHING + escapedLength(this.texts[i], 0, cutPoint(this.texts[i], cut));
			}
		}
		return total;
	}

	private String write(int cut) {
		StringBuilder out = new StringBuilder(writtenLength(cut));
		int from = 0;
		for (int i = 0; i < this.count; i++) {
			out.append(this.structure, from, this.positions[i]);
			from = this.positions[i];
			String text = this.texts[i];
			int length = this.lengths[i];
			out.append('"');
			if (length <= MARKER_LENGTH || length - MARKER_LENGTH <= cut) {
				appendEscaped(out, text, 0, text.length());
			}
			else {
				appendEscaped(out, text, 0, cutPoint(text, cut));
				out.append(MARKER);
			}
			out.append('"');
		}
		out.append(this.structure, from, this.structure.length());
		return out.toString();
	}

	/**
	 * The start of the uncut document, as one JSON string cut with the marker to fit
	 * {@code maximum}: what is left when even the structure alone is too long.
	 */
	@Nullable String asCutString(int maximum) {
		StringBuilder document = new StringBuilder();
		int from = 0;
		for (int i = 0; i < this.count && document.length() <= maximum; i++) {
			document.append(this.structure, from, this.positions[i]);
			from = this.positions[i];
			appendQuoted(document, this.texts[i], Math.min(this.texts[i].length(), maximum + 1));
		}
		if (document.length() <= maximum) {
			document.append(this.structure, from, Math.min(this.structure.length(), from + maximum + 1));
		}
		return quoteCut(document, maximum);
	}

	/**
	 * {@code text} as a JSON string literal of at most {@code maximum} characters, cut with the
	 * marker when it is longer; {@code null} when not even {@code ""} fits.
	 */
	static @Nullable String quoteCut(CharSequence text, int maximum) {
		int cost = 2;
		int end = 0;
		while (end < text.length() && cost + charCost(text, end) <= maximum) {
			cost += charCost(text, end);
			end++;
		}
		if (end < text.length()) {
			// cut: make room for the marker, when there is room for it at all
			if (maximum >= CUT_TO_NOTHING) {
				while (cost + MARKER_LENGTH > maximum) {
					end--;
					cost -= charCost(text, end);
				}
			}
			end = cutPoint(text, end);
		}
		if (maximum < 2) {
			return null;
		}
		StringBuilder out = new StringBuilder(cost + MARKER_LENGTH);
		out.append('"');
		appendEscaped(out, text, 0, end);
		if (end < text.length() && maximum >= CUT_TO_NOTHING) {
			out.append(MARKER);
		}
		return out.append('"').toString();
	}

	private int escapedLength(int string) {
		int[] known = this.escapedLengths;
		if (known == null) {
			known = new int[Math.max(this.count, 1)];
			Arrays.fill(known, -1);
			this.escapedLengths = known;
		}
		if (known[string] < 0) {
			known[string] = escapedLength(this.texts[string], 0, this.texts[string].length());
		}
		return known[string];
	}

	/** Where to cut {@code text} at most {@code end} characters in, never inside a surrogate pair. */
	static int cutPoint(CharSequence text, int end) {
		int at = Math.min(end, text.length());
		if (at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
				&& Character.isLowSurrogate(text.charAt(at))) {
			at--;
		}
		return at;
	}

	static int escapedLength(CharSequence text, int from, int to) {
		int length = to - from;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
				length += charCost(text, i) - 1;
			}
		}
		return length;
	}

	// Characters that JSON escapes, and lone surrogates (escaped so the text stays well-formed).
	private static int charCost(CharSequence text, int i) {
		char c = text.charAt(i);
		if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
			return 1;
		}
		return switch (c) {
			case '"', '\\', '\n', '\r', '\t', '\b', '\f' -> 2;
			default -> (c < 0x20 || !pairedSurrogate(text, i)) ? 6 : 1;
		};
	}

	// Runs of characters that need no escape are copied whole.
	/** The first {@code to} characters of {@code text} as a JSON string: quoted and escaped. */
	static void appendQuoted(StringBuilder out, CharSequence text, int to) {
		out.append('"');
		appendEscaped(out, text, 0, to);
		out.append('"');
	}

	static void appendEscaped(StringBuilder out, CharSequence text, int from, int to) {
		int run = from;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || (Character.isSurrogate(c) && !pairedSurrogate(text, i))) {
				out.append(text, run, i);
				appendEscaped(out, text, i);
				run = i + 1;
			}
		}
		out.append(text, run, to);
	}

	private static void appendEscaped(StringBuilder out, CharSequence text, int i) {
		char c = text.charAt(i);
		switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			case '\b' -> out.append("\\b");
			case '\f' -> out.append("\\f");
			default -> {
				if (c >= 0x20 && pairedSurrogate(text, i)) {
					out.append(c);
				}
				else {
					out.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
						.append(HEX[c & 15]);
				}
			}
		}
	}

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static boolean pairedSurrogate(CharSequence text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

}
