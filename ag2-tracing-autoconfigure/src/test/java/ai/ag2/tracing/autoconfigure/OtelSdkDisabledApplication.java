package ai.ag2.tracing.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A user application started with {@code OTEL_SDK_DISABLED=true} in its environment; prints what
 * the annotated bean returned and how many spans were exported.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class OtelSdkDisabledApplication {

	@Bean
	Ag2TracingAutoConfigurationTests.Tools tools() {
		return new Ag2TracingAutoConfigurationTests.Tools();
	}

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OtelSdkDisabledApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--management.tracing.sampling.probability=1.0",
				"--management.tracing.export.otlp.enabled=false", "--spring.main.banner-mode=off")) {
			Ag2TracingAutoConfigurationTests.Tools tools = context.getBean(Ag2TracingAutoConfigurationTests.Tools.class);
			String result = tools.lookup("ag2");
			context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
			int exported = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().size();
			System.out.println("result=" + result + " proxied=" + AopUtils.isAopProxy(tools) + " exported=" + exported
					+ " enabled=" + context.getEnvironment().getProperty("management.opentelemetry.enabled"));
		}
	}

}
