package ai.ag2.tracing.web;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

import ai.ag2.tracing.Ag2HttpClients;
import ai.ag2.tracing.Ag2OkHttpInterceptor;
import ai.ag2.tracing.annotation.Agent;
import ai.ag2.tracing.annotation.LlmClient;
import io.micrometer.observation.annotation.Observed;
import okhttp3.OkHttpClient;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An application with every kind of HTTP client an agent uses, built the ways users build them:
 * from Spring Boot's builders, by hand as beans, with {@link Ag2HttpClients} and
 * {@link Ag2OkHttpInterceptor}; and a
 * remote agent and an LLM client whose turns are whatever HTTP call the test hands them.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class OutboundClientsApplication {

	@Bean
	RestTemplate builtRestTemplate(RestTemplateBuilder builder) {
		return builder.build();
	}

	@Bean
	RestTemplate handMadeRestTemplate() {
		return new RestTemplate();
	}

	@Bean
	WebClient builtWebClient(WebClient.Builder builder) {
		return builder.build();
	}

	@Bean
	WebClient handMadeWebClient() {
		return WebClient.create();
	}

	@Bean
	HttpClient jdkHttpClient(Ag2HttpClients ag2) {
		return ag2.wrap(HttpClient.newHttpClient());
	}

	@Bean
	OkHttpClient okHttpClient(Ag2OkHttpInterceptor ag2) {
		return new OkHttpClient.Builder().addInterceptor(ag2).build();
	}

	@Bean
	RestClient builtRestClient(RestClient.Builder builder) {
		return builder.build();
	}

	@Bean
	ObservedStep observedStep() {
		return new ObservedStep();
	}

	@Bean
	RemoteWeather remoteWeather() {
		return new RemoteWeather();
	}

	@Bean
	WeatherModel weatherModel() {
		return new WeatherModel();
	}

	/** A remote agent: its turn is one HTTP call to the agent's service. */
	@Agent(name = "remote_weather", remote = true)
	static class RemoteWeather {

		public String ask(Supplier<String> call) {
			return call.get();
		}

		/** The call is subscribed to on a timer thread, after the method returned. */
		public Mono<String> askLater(Supplier<Mono<String>> call) {
			return Mono.delay(Duration.ofMillis(20)).flatMap((tick) -> call.get());
		}

	}

	/** A step of the user's observed with Micrometer's {@code @Observed}, around an HTTP call. */
	static class ObservedStep {

		@Observed(name = "fetch.weather")
		public String fetch(Supplier<String> call) {
			return call.get();
		}

	}

	/** A hand-written LLM client whose request goes over the given HTTP call. */
	static class WeatherModel {

		@LlmClient(provider = "openai", model = "gpt-4o-mini")
		public String complete(Supplier<String> call) {
			return call.get();
		}

	}

}
