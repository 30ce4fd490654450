package ai.ag2.tracing.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Names of objects by identity, holding the objects weakly: a bean's own {@code equals} and
 * {@code hashCode} (a Lombok {@code @Data} agent whose state changes, two agents that compare
 * equal) never decide which name it has, and a discarded prototype bean is not kept alive.
 */
final class WeakIdentityNames {

	private final Map<Key, String> names = new ConcurrentHashMap<>();

	private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

	void put(Object object, String name) {
		expunge();
		this.names.put(new Key(object, this.collected), name);
	}

	@Nullable String get(Object object) {
		return this.names.get(new Key(object, null));
	}

	private void expunge() {
		for (Object key = this.collected.poll(); key != null; key = this.collected.poll()) {
			this.names.remove(key);
		}
	}

	private static final class Key extends WeakReference<Object> {

		private final int hash;

		Key(Object referent, @Nullable ReferenceQueue<Object> queue) {
			super(referent, queue);
			this.hash = System.identityHashCode(referent);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			if (this == other) {
				return true;
			}
			if (!(other instanceof Key key)) {
				return false;
			}
			Object mine = get();
			return mine != null && mine == key.get();
		}

	}

}
