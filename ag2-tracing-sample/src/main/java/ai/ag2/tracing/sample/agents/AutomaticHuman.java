package ai.ag2.tracing.sample.agents;

import ai.ag2.tracing.annotation.HumanInput;
import ai.ag2.tracing.sample.llm.ScriptedLlm;

import org.springframework.stereotype.Component;

/**
 * The human in the loop, answering automatically so the sample runs unattended: an
 * {@code await_human_input user_proxy} span per question. It approves running a program only when
 * it is the program the sample ships; code written by a real model is declined, so the sample
 * never runs code it has not reviewed.
 */
@Component
public class AutomaticHuman {

	/** The answer that lets the user proxy run the code. */
	public static final String APPROVE = "approve";

	/** The answer that stops the user proxy from running the code. */
	public static final String DECLINE = "decline";

	@HumanInput(agent = "user_proxy")
	public String askToRun(String prompt, String code) {
		return code.strip().equals(ScriptedLlm.PRIMES_PROGRAM.strip()) ? APPROVE : DECLINE;
	}

}
