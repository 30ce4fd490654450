package ai.ag2.tracing.internal.springai;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * Keeps ag2's internal stream header off the wire of Spring AI's OpenAI clients even where
 * Micrometer's OkHttp observation (which removes it as it traces the request) is not recording.
 * <p>
 * Internal API: may change without notice.
 */
public final class StreamHeaderRemover implements OpenAiHttpClientBuilderCustomizer, Interceptor {

	@Override
	public void customize(SpringAiOpenAiHttpClient.Builder builder) {
		builder.interceptor(this);
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		if (request.header(StreamedChatCalls.HEADER) == null) {
			return chain.proceed(request);
		}
		return chain.proceed(request.newBuilder().removeHeader(StreamedChatCalls.HEADER).build());
	}

}
