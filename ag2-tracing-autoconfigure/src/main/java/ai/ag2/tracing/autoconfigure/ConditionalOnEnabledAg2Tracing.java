package ai.ag2.tracing.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * {@code @Conditional} that matches unless {@code ag2.tracing.enabled} is {@code false}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "ag2.tracing.enabled", matchIfMissing = true)
public @interface ConditionalOnEnabledAg2Tracing {

}
