package ai.ag2.tracing.internal.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.ag2.tracing.Ag2Attributes;

/**
 * The names of one kind (models, tools, agents) that metrics may carry as tag values: the first
 * {@code max} distinct names seen are kept, every later one is {@link Ag2Attributes#OTHER_VALUE},
 * so that a model name with a date in it or an application that makes tools on the fly cannot
 * grow a registry without bound. Known names are a lock-free lookup; only a new name, while there
 * is room, takes a lock.
 * <p>
 * Internal API: may change without notice.
 */
public final class BoundedNames {

	private final int max;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	private volatile boolean full;

	/** Names of one kind, at most {@code max} of them (none when {@code max} is 0 or less). */
	public BoundedNames(int max) {
		this.max = Math.max(0, max);
		this.full = (this.max == 0);
	}

	/** {@code name} if it is, or now becomes, one of the kept names; else {@link Ag2Attributes#OTHER_VALUE}. */
	public String fold(String name) {
		if (this.known.contains(name)) {
			return name;
		}
		if (this.full) {
			return Ag2Attributes.OTHER_VALUE;
		}
		synchronized (this) {
			if (this.known.size() < this.max) {
				this.known.add(name);
				this.full = (this.known.size() >= this.max);
				return name;
			}
			this.full = true;
			return this.known.contains(name) ? name : Ag2Attributes.OTHER_VALUE;
		}
	}

}
