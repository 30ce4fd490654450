package ai.ag2.tracing.aop;

import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.Tool;
import ai.ag2.tracing.test.SpanTree;
import ai.ag2.tracing.test.TracingContextRunners;
import io.micrometer.observation.annotation.Observed;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer {@code @Observed} spans and ag2 spans in one trace with the right parents, both ways
 * round: an observed step inside an agent turn, a tool inside that step, and another observed
 * step inside the tool (Micrometer's bridge must not skip the ag2 span between its own scopes).
 */
class ObservedInteropTests {

	@Test
	void observedStepsAndAg2SpansNestInsideEachOther() {
		TracingContextRunners.withInMemoryExporter()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues("management.observations.annotations.enabled=true")
			.withUserConfiguration(ObservedConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Planner.class).plan("Lisbon")).isEqualTo("route to Lisbon");

				SpanTree tree = TracingContextRunners.awaitSpans(context, 4);
				assertThat(tree.render()).isEqualTo("""
						invoke_agent planner [INTERNAL]
						  route-planning [INTERNAL]
						    execute_tool find_route [INTERNAL]
						      geocoding [INTERNAL]
						""");
				SpanData turn = tree.span("invoke_agent planner");
				SpanData observed = tree.span("route-planning");
				assertThat(observed.getTraceId()).isEqualTo(turn.getTraceId());
				assertThat(observed.getInstrumentationScopeInfo().getName()).isNotEqualTo("ai.ag2.tracing");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservedConfiguration {

		@Bean
		Geocoder geocoder() {
			return new Geocoder();
		}

		@Bean
		Routes routes(Geocoder geocoder) {
			return new Routes(geocoder);
		}

		@Bean
		RoutePlanning routePlanning(Routes routes) {
			return new RoutePlanning(routes);
		}

		@Bean
		Planner planner(RoutePlanning routePlanning) {
			return new Planner(routePlanning);
		}

	}

	static class Geocoder {

		@Observed(name = "geocoding", contextualName = "geocoding")
		public String locate(String city) {
			return city;
		}

	}

	static class Routes {

		private final Geocoder geocoder;

		Routes(Geocoder geocoder) {
			this.geocoder = geocoder;
		}

		@Tool(name = "find_route")
		public String find(String city) {
			return "route to " + this.geocoder.locate(city);
		}

	}

	static class RoutePlanning {

		private final Routes routes;

		RoutePlanning(Routes routes) {
			this.routes = routes;
		}

		@Observed(name = "route.planning", contextualName = "route-planning")
		public String plan(String city) {
			return this.routes.find(city);
		}

	}

	@Agent(name = "planner")
	static class Planner {

		private final RoutePlanning routePlanning;

		Planner(RoutePlanning routePlanning) {
			this.routePlanning = routePlanning;
		}

		public String plan(String city) {
			return this.routePlanning.plan(city);
		}

	}

}
