package ai.ag2.tracing.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ai.ag2.tracing.Ag2Attributes;
import ai.ag2.tracing.test.RawHttp;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.web.RemoteAgentApplications.AgentServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.internal.W3CTraceContextEncoding;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the filter and the interceptor do with the trace headers of inbound requests, hostile ones
 * included, as W3C Trace Context requires, in Spring Boot's default stack (Micrometer's HTTP
 * observations on) and without those observations. Each request calls {@code /relay}, which
 * calls {@code /headers} twice over a RestClient and answers the headers each call carried.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboundTraceHeadersTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private static final String VALID_TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private static final String HOSTILE_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String OTHER_TRACE_ID = "1af7651916cd43dd8448eb211c80319d";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	static Stream<Arguments> hostileTraceparents() {
		return Stream.of(traceparents("version ff", "ff-" + HOSTILE_TRACE_ID + "-b7ad6b7169203331-01"),
				traceparents("trace id too short", "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01"),
				traceparents("parent id too long", "00-" + HOSTILE_TRACE_ID + "-b7ad6b7169203331ab-01"),
				traceparents("flags too short", "00-" + HOSTILE_TRACE_ID + "-b7ad6b7169203331-1"),
				traceparents("upper-case hex", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01"),
				traceparents("not hex", "00-0af7651916cd43dd8448eb211c80319z-b7ad6b7169203331-01"),
				traceparents("all-zero trace id", "00-00000000000000000000000000000000-b7ad6b7169203331-01"),
				traceparents("all-zero parent id", "00-" + HOSTILE_TRACE_ID + "-0000000000000000-01"),
				traceparents("trailing garbage after version 00",
						"00-" + HOSTILE_TRACE_ID + "-b7ad6b7169203331-01-garbage"),
				traceparents("empty", ""),
				traceparents("two traceparent headers", "00-" + HOSTILE_TRACE_ID + "-b7ad6b7169203331-01",
						"00-" + OTHER_TRACE_ID + "-b7ad6b7169203332-01"));
	}

	static Stream<Arguments> invalidTracestates() {
		String thirtyThreeMembers = IntStream.range(0, 33)
			.mapToObj((i) -> "k" + i + "=v" + i)
			.collect(Collectors.joining(","));
		return Stream.of(Arguments.of("33 members", thirtyThreeMembers),
				Arguments.of("10 KB", "big=" + "x".repeat(10 * 1024)),
				Arguments.of("upper-case key", "Rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
				Arguments.of("key with illegal characters", "ro!jo=00f067aa0ba902b7"),
				Arguments.of("member without value", "rojo,congo=t61rcWkgMzE"));
	}

	/** Field lines that carry a valid list, and the one line every outbound call carries on. */
	static Stream<Arguments> tracestateLines() {
		String key256 = "z".repeat(256);
		String tenantKey = "t".repeat(241) + "@" + "v".repeat(14);
		return Stream.of(
				Arguments.of("three lines, combined in order", List.of("foo=1,bar=2", "rojo=1,congo=2", "baz=3"),
						"foo=1,bar=2,rojo=1,congo=2,baz=3"),
				Arguments.of("32 members over four lines", barMembers(32, 10), String.join(",", barMembers(32, 32))),
				Arguments.of("a 256-character key on its own line", List.of("foo=1", key256 + "=1"),
						"foo=1," + key256 + "=1"),
				Arguments.of("a tenant@system key on its own line", List.of("foo=1", tenantKey + "=1"),
						"foo=1," + tenantKey + "=1"),
				Arguments.of("an empty line, then a member", List.of("", "foo=1"), "foo=1"),
				Arguments.of("a member, then an empty line", List.of("foo=1", ""), "foo=1"),
				Arguments.of("empty and whitespace-only members", List.of("foo=1, ,,bar=2"), "foo=1,bar=2"),
				Arguments.of("spaces and tabs around members", List.of("foo=1 \t , \t bar=2,\tbaz=3"),
						"foo=1,bar=2,baz=3"),
				Arguments.of("a duplicated key", List.of("foo=1,bar=2,foo=3"), "foo=1,bar=2"),
				Arguments.of("a key duplicated over two lines", List.of("foo=1", "foo=2"), "foo=1"));
	}

	/** Field lines whose list is invalid, and dropped while the trace continues. */
	static Stream<Arguments> invalidTracestateLines() {
		return Stream.of(Arguments.of("33 members over several lines", barMembers(33, 10)),
				Arguments.of("a 257-character key", List.of("foo=1", "z".repeat(257) + "=1")),
				Arguments.of("illegal characters in a key", List.of("foo=1", "foo.bar=1")),
				Arguments.of("a space inside a key", List.of("foo =1")),
				Arguments.of("an upper-case key", List.of("FOO=1,bar=2")),
				Arguments.of("a key that starts with @", List.of("@foo=1,bar=2")),
				Arguments.of("an = inside a value", List.of("foo=bar=baz")),
				Arguments.of("an empty value", List.of("foo=,bar=3")));
	}

	/** {@code bar01=01,…} up to {@code count} members, {@code perLine} a line. */
	private static List<String> barMembers(int count, int perLine) {
		List<String> members = IntStream.rangeClosed(1, count).mapToObj((i) -> String.format("bar%02d=%02d", i, i))
			.toList();
		List<String> lines = new ArrayList<>();
		for (int from = 0; from < count; from += perLine) {
			lines.add(String.join(",", members.subList(from, Math.min(count, from + perLine))));
		}
		return lines;
	}

	private static Arguments traceparents(String description, String... values) {
		return Arguments.of(description, List.of(values));
	}

	static Stream<String> traceparentsWithWhitespace() {
		return Stream.of(" " + VALID_TRACEPARENT, "\t" + VALID_TRACEPARENT, VALID_TRACEPARENT + " ",
				VALID_TRACEPARENT + "\t", "\t " + VALID_TRACEPARENT + " \t");
	}

	@Nested
	class WithMicrometerHttpObservations extends TraceHeaderBehaviour {

		@Override
		String[] stack() {
			return new String[0];
		}

		@Override
		String relayTree() {
			return """
					http get /relay [SERVER]
					  a2a-execution [INTERNAL]
					    http get [CLIENT]
					      http get /headers [SERVER]
					        a2a-execution [INTERNAL]
					    http get [CLIENT]
					      http get /headers [SERVER]
					        a2a-execution [INTERNAL]
					""";
		}

		@Override
		String delegateTree() {
			return """
					http get /delegate [SERVER]
					  a2a-execution [INTERNAL]
					    invoke_agent delegator [INTERNAL]
					      http get [CLIENT]
					        http get /headers [SERVER]
					          a2a-execution [INTERNAL]
					""";
		}

	}

	@Nested
	class WithoutMicrometerHttpObservations extends TraceHeaderBehaviour {

		@Override
		String[] stack() {
			return RunningService.WITHOUT_HTTP_OBSERVATIONS;
		}

		@Override
		String relayTree() {
			return """
					a2a-execution [SERVER]
					  GET [CLIENT]
					    a2a-execution [SERVER]
					  GET [CLIENT]
					    a2a-execution [SERVER]
					""";
		}

		@Override
		String delegateTree() {
			return """
					a2a-execution [SERVER]
					  invoke_agent delegator [INTERNAL]
					    GET [CLIENT]
					      a2a-execution [SERVER]
					""";
		}

	}

	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	abstract static class TraceHeaderBehaviour {

		private RunningService server;

		abstract String[] stack();

		/** The spans of one {@code /relay} request. */
		abstract String relayTree();

		/** The spans of one {@code /delegate} request. */
		abstract String delegateTree();

		@BeforeAll
		void startServer() {
			List<String> properties = new ArrayList<>(List.of(stack()));
			// the application declares tenant as crossing the wire, but trusts callers with user.id only
			properties.addAll(List.of("management.tracing.baggage.remote-fields=tenant",
					"ag2.tracing.propagation.server.baggage.accepted-keys=user.id"));
			this.server = RunningService.start("agent-server", WebApplicationType.SERVLET, AgentServer.class,
					properties.toArray(String[]::new));
		}

		@AfterAll
		void stopServer() {
			this.server.close();
		}

		@BeforeEach
		void forgetSpans() {
			this.server.resetSpans();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.web.InboundTraceHeadersTests#hostileTraceparents")
		void hostileTraceparentStartsAFreshTrace(String description, List<String> traceparents, CapturedOutput output)
				throws Exception {
			List<String> headers = new ArrayList<>();
			traceparents.forEach((value) -> headers.addAll(List.of("traceparent", value)));
			headers.addAll(List.of("tracestate", "congo=t61rcWkgMzE"));
			List<Map<String, List<String>>> forwarded = relay(headers);

			SpanTree tree = relayTree(forwarded);
			SpanData root = tree.roots().get(0);
			assertThat(root.getParentSpanContext().isValid()).isFalse();
			assertThat(root.getTraceId()).isNotIn(HOSTILE_TRACE_ID, OTHER_TRACE_ID, "0".repeat(32));
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.web.InboundTraceHeadersTests#invalidTracestates")
		void invalidTracestateIsDroppedWhileTheTraceContinues(String description, String tracestate,
				CapturedOutput output) throws Exception {
			List<Map<String, List<String>>> forwarded = relay(
					List.of("traceparent", VALID_TRACEPARENT, "tracestate", tracestate));

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(root.getSpanContext().getTraceState().isEmpty()).isTrue();
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@Test
		void validTracestateIsForwardedUnchangedOnEveryOutboundCall(CapturedOutput output) throws Exception {
			List<Map<String, List<String>>> forwarded = relay(List.of("traceparent", VALID_TRACEPARENT, "tracestate",
					"congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate"))
				.containsExactly("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.web.InboundTraceHeadersTests#tracestateLines")
		void tracestateLinesAreOneListThatEveryOutboundCallCarriesAsOneLine(String description, List<String> lines,
				String expected, CapturedOutput output) throws Exception {
			List<String> headers = new ArrayList<>(List.of("traceparent", VALID_TRACEPARENT));
			lines.forEach((line) -> headers.addAll(List.of("tracestate", line)));
			List<Map<String, List<String>>> forwarded = rawRelay(headers);

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(W3CTraceContextEncoding.encodeTraceState(root.getSpanContext().getTraceState()))
				.isEqualTo(expected);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).containsExactly(expected));
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("ai.ag2.tracing.web.InboundTraceHeadersTests#invalidTracestateLines")
		void invalidTracestateOverSeveralLinesIsDroppedWhileTheTraceContinues(String description, List<String> lines,
				CapturedOutput output) throws Exception {
			List<String> headers = new ArrayList<>(List.of("traceparent", VALID_TRACEPARENT));
			lines.forEach((line) -> headers.addAll(List.of("tracestate", line)));
			List<Map<String, List<String>>> forwarded = rawRelay(headers);

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(root.getSpanContext().getTraceState().isEmpty()).isTrue();
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@Test
		void emptyTracestateIsIgnoredWhileTheTraceContinues(CapturedOutput output) throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(
					List.of("traceparent", VALID_TRACEPARENT, "tracestate", ""));

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@Test
		void traceparentOnTwoLinesStartsAFreshTraceWithoutTheCallersTracestate() throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(List.of("traceparent", VALID_TRACEPARENT,
					"traceparent", "00-" + OTHER_TRACE_ID + "-b7ad6b7169203332-01", "tracestate", "congo=t61rcWkgMzE"));

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getParentSpanContext().isValid()).isFalse();
			assertThat(root.getTraceId()).isNotIn(TRACE_ID, OTHER_TRACE_ID);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("tracestate")).isEmpty());
		}

		@ParameterizedTest(name = "{index}")
		@MethodSource("ai.ag2.tracing.web.InboundTraceHeadersTests#traceparentsWithWhitespace")
		void traceparentWithSurroundingWhitespaceContinuesTheTrace(String traceparent) throws Exception {
			List<Map<String, List<String>>> forwarded = rawRelay(List.of("traceparent", traceparent));

			SpanData root = relayTree(forwarded).roots().get(0);
			assertThat(root.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(root.getParentSpanId()).isEqualTo(PARENT_ID);
		}

		@Test
		void randomTraceIdFlagOfTheCallerIsKeptOnEveryOutboundCall() throws Exception {
			List<Map<String, List<String>>> forwarded = relay(
					List.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-03"));

			relayTree(forwarded);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent").get(0)).endsWith("-03"));
		}

		@Test
		void callerWithoutTheRandomTraceIdFlagKeepsItUnsetOnEveryOutboundCall() throws Exception {
			List<Map<String, List<String>>> forwarded = relay(List.of("traceparent", VALID_TRACEPARENT));

			relayTree(forwarded);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent").get(0)).endsWith("-01"));
		}

		@Test
		void freshTraceSetsTheRandomTraceIdFlag() throws Exception {
			List<Map<String, List<String>>> forwarded = relay(List.of());

			relayTree(forwarded);
			assertThat(forwarded).allSatisfy((call) -> assertThat(call.get("traceparent").get(0)).endsWith("-03"));
		}

		@ParameterizedTest(name = "with traceparent: {0}")
		@ValueSource(booleans = { true, false })
		void onlyAcceptedBaggageReachesTheApplicationAndTheNextHop(boolean withTraceparent, CapturedOutput output)
				throws Exception {
			List<String> headers = new ArrayList<>(
					List.of("baggage", "role=admin,tenant=victim", "baggage", "user.id=42;meta=1", "tenant", "victim"));
			if (withTraceparent) {
				headers.addAll(List.of("traceparent", VALID_TRACEPARENT));
			}
			Map<String, Object> result = baggageRelay(headers);

			assertThat(result.get("seen")).isEqualTo(Map.of("user.id", "42"));
			List<Map<String, List<String>>> forwarded = forwarded(result);
			assertThat(baggageMembers(forwarded.get(0))).singleElement().asString().startsWith("user.id=42");
			assertThat(forwarded).allSatisfy((call) -> {
				assertThat(call.get("baggage")).hasSize(1);
				assertThat(call.get("tenant")).isEmpty();
			});
			assertNothingLoggedAtErrorOrByAg2(output);
		}

		@Test
		void baggageTheApplicationSetsIsSentOnBesideTheAcceptedEntries() throws Exception {
			Map<String, Object> result = baggageRelay(
					List.of("traceparent", VALID_TRACEPARENT, "baggage", "role=admin,user.id=42"));

			List<Map<String, List<String>>> forwarded = forwarded(result);
			assertThat(baggageMembers(forwarded.get(1))).containsExactlyInAnyOrder("user.id=42", "app.flag=on");
		}

		@Test
		void everyOutboundCallCarriesOneTraceparentWithItsOwnParentSpan() throws Exception {
			List<Map<String, List<String>>> forwarded = relay(List.of("traceparent", VALID_TRACEPARENT));

			SpanTree tree = relayTree(forwarded);
			List<SpanData> clientSpans = tree.spans().stream().filter((span) -> span.getKind() == SpanKind.CLIENT).toList();
			List<String> parentIds = forwarded.stream().map((call) -> call.get("traceparent").get(0).substring(36, 52)).toList();
			assertThat(parentIds).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(clientSpans.stream().map(SpanData::getSpanId).toList());
			for (SpanData client : clientSpans) {
				assertThat(tree.children(client)).singleElement()
					.satisfies((server) -> assertThat(server.getKind()).isEqualTo(SpanKind.SERVER));
			}
		}

		@Test
		void outboundCallOfAnAgentHangsUnderTheAgentSpan() throws Exception {
			HttpResponse<String> response = send("/delegate", List.of("traceparent", VALID_TRACEPARENT));
			assertThat(response.statusCode()).isEqualTo(200);

			SpanTree tree = RunningService.awaitSpans((int) delegateTree().lines().count(), this.server);
			assertThat(tree.render()).isEqualTo(delegateTree());
			assertThat(tree.roots().get(0).getTraceId()).isEqualTo(TRACE_ID);
		}

		@Test
		void asynchronousRequestEndsA2aExecutionWhenTheResponseCompletes() throws Exception {
			HttpResponse<String> response = send("/async", List.of("traceparent", VALID_TRACEPARENT));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("later");

			SpanData a2a = RunningService.awaitSpans(stack().length == 0 ? 2 : 1, this.server).span("a2a-execution");
			assertThat(a2a.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(a2a.getEndEpochNanos() - a2a.getStartEpochNanos())
				.isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
			assertThat(a2a.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		}

		@Test
		void timeoutThatTheApplicationAnswersIsRecordedWithTheStatusSentAndNoError() throws Exception {
			HttpResponse<String> response = send("/deferred-answered", List.of("traceparent", VALID_TRACEPARENT));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("fallback");

			SpanData a2a = RunningService.awaitSpans(stack().length == 0 ? 2 : 1, this.server).span("a2a-execution");
			assertThat(a2a.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(a2a.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isNull();
			assertThat(a2a.getEvents()).isEmpty();
		}

		@Test
		void unansweredTimeoutIsRecordedAsTheServerErrorSpringMvcAnswers() throws Exception {
			HttpResponse<String> response = send("/deferred-unanswered", List.of("traceparent", VALID_TRACEPARENT));
			assertThat(response.statusCode()).isEqualTo(503);

			SpanData a2a = RunningService.awaitSpans(stack().length == 0 ? 2 : 1, this.server).span("a2a-execution");
			assertThat(a2a.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(503L);
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(a2a.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("503");
		}

		@Test
		void handlerFailureMarksA2aExecutionAsAnError() throws Exception {
			HttpResponse<String> response = send("/boom", List.of("traceparent", VALID_TRACEPARENT));
			assertThat(response.statusCode()).isEqualTo(500);

			SpanData a2a = RunningService.awaitSpans(stack().length == 0 ? 2 : 1, this.server).span("a2a-execution");
			assertThat(a2a.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(a2a.getStatus().getDescription()).isEqualTo("handler failed");
			assertThat(a2a.getAttributes().get(ErrorAttributes.ERROR_TYPE))
				.isEqualTo(IllegalStateException.class.getName());
			assertThat(a2a.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(500L);
		}

		private SpanTree relayTree(List<Map<String, List<String>>> forwarded) {
			int count = (int) relayTree().lines().count();
			SpanTree tree = RunningService.awaitSpans(count, this.server);
			assertThat(tree.render()).isEqualTo(relayTree());
			SpanData root = tree.roots().get(0);
			assertThat(tree.spans()).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(root.getTraceId()));
			assertThat(tree.spans()).filteredOn((span) -> span.getName().equals("a2a-execution"))
				.allSatisfy((span) -> assertThat(span.getAttributes().get(Ag2Attributes.AG2_SPAN_TYPE))
					.isEqualTo("a2a_execution"));
			assertThat(forwarded).hasSize(2).allSatisfy((call) -> {
				assertThat(call.get("traceparent")).singleElement()
					.satisfies((traceparent) -> assertThat(traceparent).startsWith("00-" + root.getTraceId() + "-"));
			});
			return tree;
		}

		@SuppressWarnings("unchecked")
		private List<Map<String, List<String>>> relay(List<String> headers) throws IOException, InterruptedException {
			HttpResponse<String> response = send("/relay", headers);
			assertThat(response.statusCode()).isEqualTo(200);
			return JsonMapper.builder().build().readValue(response.body(), List.class);
		}

		@SuppressWarnings("unchecked")
		private List<Map<String, List<String>>> rawRelay(List<String> headers) throws IOException {
			RawHttp.Response response = RawHttp.get(this.server.port(), "/relay", headers);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			return JsonMapper.builder().build().readValue(response.body(), List.class);
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> baggageRelay(List<String> headers) throws IOException {
			RawHttp.Response response = RawHttp.get(this.server.port(), "/baggage-relay", headers);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			return JsonMapper.builder().build().readValue(response.body(), Map.class);
		}

		@SuppressWarnings("unchecked")
		private static List<Map<String, List<String>>> forwarded(Map<String, Object> baggageRelay) {
			return (List<Map<String, List<String>>>) baggageRelay.get("forwarded");
		}

		private static List<String> baggageMembers(Map<String, List<String>> call) {
			return call.get("baggage").stream().flatMap((line) -> Arrays.stream(line.split("\\s*,\\s*"))).toList();
		}

		private HttpResponse<String> send(String path, List<String> headers) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.server.url(path)))
				.timeout(Duration.ofSeconds(10));
			for (int i = 0; i < headers.size(); i += 2) {
				request.header(headers.get(i), headers.get(i + 1));
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static void assertNothingLoggedAtErrorOrByAg2(CapturedOutput output) {
			assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("ag2-tracing:");
		}

	}

}
