package ai.ag2.tracing.benchmarks;

/**
 * The work every benchmarked tool does: a little string formatting, so that the JIT cannot remove
 * the call and the cost of the call itself stays small next to the tracing around it.
 */
final class Forecasts {

	private Forecasts() {
	}

	static String forecast(String city, int day) {
		return city + " on day " + day + ": " + (12 + (city.length() + day) % 15) + " C, light wind";
	}

}
