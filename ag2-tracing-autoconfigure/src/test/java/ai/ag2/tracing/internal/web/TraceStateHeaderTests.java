package ai.ag2.tracing.internal.web;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.internal.W3CTraceContextEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the {@code tracestate} field lines of a request are read, case by case of W3C Trace
 * Context level 2 and its test suite ({@code test/test.py} of w3c/trace-context); and that
 * OpenTelemetry reads every list this produces member for member.
 */
class TraceStateHeaderTests {

	static Stream<Arguments> kept() {
		String key256 = "z".repeat(256);
		String tenantKey = "t".repeat(241) + "@" + "v".repeat(14);
		String keyChars = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
		StringBuilder valueChars = new StringBuilder();
		for (char c = 0x20; c <= 0x7E; c++) {
			if (c != ',' && c != '=') {
				valueChars.append(c);
			}
		}
		return Stream.of(
				Arguments.of("several lines, in order", List.of("foo=1,bar=2", "rojo=1,congo=2", "baz=3"),
						"foo=1,bar=2,rojo=1,congo=2,baz=3"),
				Arguments.of("32 members over four lines", members(1, 32, 10), members(1, 32)),
				Arguments.of("a 256-character key on a line of its own", List.of("foo=1", key256 + "=1"),
						"foo=1," + key256 + "=1"),
				Arguments.of("a tenant@system key on a line of its own", List.of("foo=1", tenantKey + "=1"),
						"foo=1," + tenantKey + "=1"),
				Arguments.of("an empty line before a member", List.of("", "foo=1"), "foo=1"),
				Arguments.of("an empty line after a member", List.of("foo=1", ""), "foo=1"),
				Arguments.of("empty and whitespace-only members", List.of(",foo=1, \t ,,bar=2,"), "foo=1,bar=2"),
				Arguments.of("spaces and tabs around members", List.of("\t foo=1 \t , \t bar=2, \t baz=3 "),
						"foo=1,bar=2,baz=3"),
				Arguments.of("a duplicated key keeps the left-most member", List.of("foo=1,bar=2,foo=3"),
						"foo=1,bar=2"),
				Arguments.of("a key duplicated over two lines", List.of("foo=1", "foo=2"), "foo=1"),
				Arguments.of("every allowed character", List.of(keyChars + "=" + valueChars), keyChars + "=" + valueChars),
				Arguments.of("every allowed character, multi-tenant key",
						List.of(keyChars + "@a-z0-9_-*/=" + valueChars), keyChars + "@a-z0-9_-*/=" + valueChars),
				Arguments.of("leading spaces of a value are kept", List.of("foo=  1"), "foo=  1"),
				Arguments.of("a key that OpenTelemetry cannot hold loses only its member",
						List.of("foo@=1,bar=2,1abc=3,a@b@c=4", "t@" + "v".repeat(15) + "=5", "t".repeat(242) + "@v=6"),
						"bar=2"));
	}

	static Stream<Arguments> dropped() {
		return Stream.of(Arguments.of("33 members over several lines", members(1, 33, 10)),
				Arguments.of("a 257-character key", List.of("foo=1", "z".repeat(257) + "=1")),
				Arguments.of("a 257-character value", List.of("foo=1", "bar=" + "x".repeat(257))),
				Arguments.of("a space inside the key", List.of("foo =1")),
				Arguments.of("an upper-case key", List.of("FOO=1")),
				Arguments.of("a dot in the key", List.of("foo.bar=1")),
				Arguments.of("an exclamation mark in the key", List.of("ro!jo=00f067aa0ba902b7")),
				Arguments.of("a key that starts with @", List.of("@foo=1,bar=2")),
				Arguments.of("an = in the value", List.of("foo=bar=baz")),
				Arguments.of("an empty value", List.of("foo=,bar=3")),
				Arguments.of("a tab inside the value", List.of("foo=a\tb")),
				Arguments.of("a non-ASCII value", List.of("foo=caf\u00e9")),
				Arguments.of("a member without =", List.of("rojo,congo=t61rcWkgMzE")),
				Arguments.of("a valid line and an invalid one", List.of("foo=1", "BAR=2")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kept")
	void validListIsKeptAsOneLine(String description, List<String> lines, String expected) {
		String combined = TraceStateHeader.combine(lines);
		assertThat(combined).isEqualTo(expected);
		assertOpenTelemetryReadsEveryMember(combined);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dropped")
	void invalidListIsDroppedAsAWhole(String description, List<String> lines) {
		assertThat(TraceStateHeader.combine(lines)).isNull();
	}

	@Test
	void emptyFieldCarriesNoList() {
		assertThat(TraceStateHeader.combine(List.of(""))).isNull();
		assertThat(TraceStateHeader.combine(List.of(" , ", "\t"))).isNull();
	}

	@Test
	void listLongerThan512CharactersLosesItsMembersOver128CharactersFirst() {
		String long1 = "long1=" + "a".repeat(200);
		String long2 = "long2=" + "b".repeat(200);
		String shortMembers = shortMembers(20);
		String combined = TraceStateHeader.combine(List.of(long1, shortMembers, long2));

		assertThat(long1.length() + shortMembers.length() + long2.length() + 2).isGreaterThan(512);
		assertThat(combined).isEqualTo(shortMembers);
		assertOpenTelemetryReadsEveryMember(combined);
	}

	@Test
	void listLongerThan512CharactersWithoutLongMembersLosesMembersFromTheRight() {
		String members = shortMembers(30);
		String combined = TraceStateHeader.combine(List.of(members));

		assertThat(members).hasSizeGreaterThan(512);
		assertThat(combined).hasSizeLessThanOrEqualTo(512).isEqualTo(shortMembers(20));
		assertThat(shortMembers(21)).hasSizeGreaterThan(512);
	}

	@Test
	void listOf512CharactersIsKeptWhole() {
		String members = IntStream.rangeClosed(1, 16).mapToObj((i) -> String.format("k%02d=", i) + "v".repeat(27))
			.collect(Collectors.joining(",")) + "v";
		assertThat(members).hasSize(512);
		assertThat(TraceStateHeader.combine(List.of(members))).isEqualTo(members);
	}

	/** {@code k01=vvv…,k02=vvv…}: members of 24 characters. */
	private static String shortMembers(int count) {
		return IntStream.rangeClosed(1, count)
			.mapToObj((i) -> String.format("k%02d=", i) + "v".repeat(20))
			.collect(Collectors.joining(","));
	}

	private static void assertOpenTelemetryReadsEveryMember(String combined) {
		TraceState state = W3CTraceContextEncoding.decodeTraceState(combined);
		assertThat(W3CTraceContextEncoding.encodeTraceState(state)).isEqualTo(combined);
	}

	/** Members {@code bar01=01 … barNN=NN}, as lines of {@code perLine} members. */
	private static List<String> members(int from, int to, int perLine) {
		List<String> all = IntStream.rangeClosed(from, to).mapToObj((i) -> String.format("bar%02d=%02d", i, i)).toList();
		return IntStream.range(0, (all.size() + perLine - 1) / perLine)
			.mapToObj((line) -> String.join(",", all.subList(line * perLine, Math.min(all.size(), (line + 1) * perLine))))
			.toList();
	}

	private static String members(int from, int to) {
		return String.join(",", members(from, to, to - from + 1));
	}

}
