package ai.ag2.tracing.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.ag2.tracing.test.RawHttp;
import ai.ag2.tracing.web.RemoteAgentApplications.AgentServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which baggage of an untrusted caller a servlet application keeps when it configures nothing
 * but Spring Boot's own baggage properties: a caller sends {@code role=admin,tenant=acme,user.id=42}
 * to {@code /baggage-relay}, which reports the baggage its context holds and calls
 * {@code /headers} (the next hop) with it.
 */
class InboundBaggageDefaultsTests {

	private static final List<String> PLANTED = List.of("baggage", "role=admin,tenant=acme,user.id=42");

	@Test
	void byDefaultNoBaggageOfTheCallerReachesTheApplicationOrTheNextHop() throws IOException {
		try (RunningService server = start()) {
			Map<String, Object> result = baggageRelay(server);

			assertThat(result.get("seen")).isEqualTo(Map.of());
			assertThat(forwarded(result).get(0).get("baggage")).isEmpty();
			assertThat(baggageMembers(forwarded(result).get(1))).containsExactly("app.flag=on");
		}
	}

	@Test
	void springBootsRemoteFieldsAreTheBaggageKeptByDefault() throws IOException {
		try (RunningService server = start("management.tracing.baggage.remote-fields=tenant")) {
			Map<String, Object> result = baggageRelay(server);

			assertThat(result.get("seen")).isEqualTo(Map.of("tenant", "acme"));
			Map<String, List<String>> nextHop = forwarded(result).get(0);
			assertThat(baggageMembers(nextHop)).containsExactly("tenant=acme");
			assertThat(nextHop.get("tenant")).containsExactly("acme");
		}
	}

	@Test
	void anAsteriskKeepsEveryEntryAsSpringBootDoesWithoutAg2() throws IOException {
		try (RunningService server = start("ag2.tracing.propagation.server.baggage.accepted-keys=*")) {
			Map<String, Object> result = baggageRelay(server);

			assertThat(result.get("seen")).isEqualTo(Map.of("role", "admin", "tenant", "acme", "user.id", "42"));
			assertThat(baggageMembers(forwarded(result).get(0))).containsExactlyInAnyOrder("role=admin",
					"tenant=acme", "user.id=42");
		}
	}

	@Test
	void thePolicyHoldsWhenAg2OpensNoA2aExecutionSpans() throws IOException {
		try (RunningService server = start("ag2.tracing.propagation.server.enabled=false")) {
			Map<String, Object> result = baggageRelay(server);

			assertThat(result.get("seen")).isEqualTo(Map.of());
			assertThat(forwarded(result).get(0).get("baggage")).isEmpty();
		}
	}

	@Test
	void theRemoteFieldHeadersOfUnacceptedKeysAreDroppedToo() throws IOException {
		try (RunningService server = start("management.tracing.baggage.remote-fields=tenant,role",
				"ag2.tracing.propagation.server.baggage.accepted-keys=tenant")) {
			RawHttp.Response response = RawHttp.get(server.port(), "/baggage-relay",
					List.of("role", "admin", "tenant", "acme"));
			assertThat(response.status()).isEqualTo(200);
			Map<String, Object> result = read(response);

			assertThat(result.get("seen")).isEqualTo(Map.of("tenant", "acme"));
			assertThat(baggageMembers(forwarded(result).get(0))).containsExactly("tenant=acme");
		}
	}

	private static RunningService start(String... properties) {
		return RunningService.start("agent-server", WebApplicationType.SERVLET, AgentServer.class, properties);
	}

	private static Map<String, Object> baggageRelay(RunningService server) throws IOException {
		RawHttp.Response response = RawHttp.get(server.port(), "/baggage-relay", PLANTED);
		assertThat(response.status()).isEqualTo(200);
		return read(response);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(RawHttp.Response response) {
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, List<String>>> forwarded(Map<String, Object> result) {
		return (List<Map<String, List<String>>>) result.get("forwarded");
	}

	/** {@code key=value} of each baggage member the call carried, without its properties. */
	private static List<String> baggageMembers(Map<String, List<String>> call) {
		List<String> members = new ArrayList<>();
		call.get("baggage").forEach((line) -> Arrays.stream(line.split("\\s*,\\s*"))
			.map((member) -> member.replaceFirst("\\s*;.*", ""))
			.forEach(members::add));
		return members;
	}

}
