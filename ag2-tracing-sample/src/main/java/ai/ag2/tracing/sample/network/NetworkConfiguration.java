package ai.ag2.tracing.sample.network;

import ai.ag2.tracing.sample.SampleProperties;
import ai.ag2.tracing.sample.llm.LanguageModel;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

/**
 * Two channels and the agents on them: the planner sends tasks on {@code reviews}, the reviewer
 * answers on {@code replies}. The channels are plain Spring Messaging channel beans; ag2 adds its
 * envelope tracing to them with no code here.
 */
@Configuration(proxyBeanMethods = false)
public class NetworkConfiguration {

	// Handlers run on the sender's thread: the whole exchange is inside the planner's turn.
	@Bean
	ExecutorSubscribableChannel reviews() {
		return new ExecutorSubscribableChannel();
	}

	@Bean
	ExecutorSubscribableChannel replies() {
		return new ExecutorSubscribableChannel();
	}

	@Bean
	Planner planner(LanguageModel llm, SampleProperties properties, @Qualifier("reviews") SubscribableChannel reviews) {
		return new Planner(llm, properties.getLlm().getModel(), reviews);
	}

	@Bean
	Reviewer reviewer(LanguageModel llm, SampleProperties properties,
			@Qualifier("replies") SubscribableChannel replies) {
		return new Reviewer(llm, properties.getLlm().getModel(), replies);
	}

	@Bean
	PlannerInbox plannerInbox() {
		return new PlannerInbox();
	}

	@Bean
	ReviewDesk reviewDesk(Planner planner, PlannerInbox plannerInbox) {
		return new ReviewDesk(planner, plannerInbox);
	}

	@Bean
	SmartInitializingSingleton subscriptions(@Qualifier("reviews") SubscribableChannel reviews,
			@Qualifier("replies") SubscribableChannel replies, Reviewer reviewer, PlannerInbox plannerInbox) {
		return () -> {
			reviews.subscribe(reviewer);
			replies.subscribe(plannerInbox);
		};
	}

}
