import { errors } from '../api/errors';
import { deepClone } from './patch';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change, as watch streams it. `collection` is `<plural>[.<group>]`. */
export interface StoreEvent {
  type: WatchEventType;
  collection: string;
  namespace: string;
  resourceVersion: number;
  object: Record<string, any>;
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * The objects of the cluster, with one resourceVersion counter for all of them (like etcd's revision)
 * and a bounded history of changes so watches can resume from a resourceVersion; a watch from a
 * version older than the history keeps is answered with 410 Expired.
 */
export class ObjectStore {
  private readonly collections = new Map<
    string,
    Map<string, Record<string, any>>
  >();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private revision = 1000;
  /** Events at or below this version are no longer in `history`. */
  private compactedRevision = 1000;

  constructor(private readonly historyLimit = 2000) {}

  currentResourceVersion(): number {
    return this.revision;
  }

  get(
    collection: string,
    namespace: string,
    name: string,
  ): Record<string, any> | undefined {
    const obj = this.collections.get(collection)?.get(keyOf(namespace, name));
    return obj && deepClone(obj);
  }

  /** Objects of a collection, in one namespace or all of them, sorted by namespace then name. */
  list(collection: string, namespace?: string): Record<string, any>[] {
    const items = [...(this.collections.get(collection)?.values() ?? [])]
      .filter(
        o =>
          namespace === undefined || (o.metadata.namespace ?? '') === namespace,
      )
      .map(o => deepClone(o));
    return items.sort((a, b) =>
      keyOf(a.metadata.namespace ?? '', a.metadata.name).localeCompare(
        keyOf(b.metadata.namespace ?? '', b.metadata.name),
      ),
    );
  }

  /** The objects of a collection that `match` (copies of those only: a scan of a large collection stays cheap). */
  select(
    collection: string,
    match: (o: Readonly<Record<string, any>>) => boolean,
  ): Record<string, any>[] {
    return [...(this.collections.get(collection)?.values() ?? [])]
      .filter(match)
      .map(o => deepClone(o));
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /** Stores an object under a new resourceVersion and notifies watchers; returns the stored copy. */
  put(
    collection: string,
    object: Record<string, any>,
    type: 'ADDED' | 'MODIFIED',
  ): Record<string, any> {
    const stored = deepClone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    const namespace = stored.metadata.namespace ?? '';
    let coll = this.collections.get(collection);
    if (!coll) {
      coll = new Map();
      this.collections.set(collection, coll);
    }
    coll.set(keyOf(namespace, stored.metadata.name), stored);
    this.emit({
      type,
      collection,
      namespace,
      resourceVersion: this.revision,
      object: stored,
    });
    return deepClone(stored);
  }

  /** Removes an object; the DELETED event carries it with a new resourceVersion. */
  remove(
    collection: string,
    namespace: string,
    name: string,
  ): Record<string, any> | undefined {
    const coll = this.collections.get(collection);
    const existing = coll?.get(keyOf(namespace, name));
    if (!coll || !existing) return undefined;
    coll.delete(keyOf(namespace, name));
    const gone = deepClone(existing);
    gone.metadata.resourceVersion = String(++this.revision);
    this.emit({
      type: 'DELETED',
      collection,
      namespace,
      resourceVersion: this.revision,
      object: gone,
    });
    return deepClone(gone);
  }

  /**
   * Changes after `resourceVersion`, or a 410 Expired error when the history no longer reaches back
   * that far. A version in the future yields nothing (the watch waits for it).
   */
  eventsSince(resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.compactedRevision)
      throw errors.expired(resourceVersion, this.compactedRevision + 1);
    return this.history
      .filter(e => e.resourceVersion > resourceVersion)
      .map(e => ({ ...e, object: deepClone(e.object) }));
  }

  /** Forgets every change so far (as etcd compaction does); older watches then get 410. */
  compact(): void {
    this.history.splice(0);
    this.compactedRevision = this.revision;
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    while (this.history.length > this.historyLimit) {
      const dropped = this.history.shift()!;
      this.compactedRevision = dropped.resourceVersion;
    }
    for (const l of [...this.listeners]) {
      try {
        l({ ...event, object: deepClone(event.object) });
      } catch {
        // A failing watcher must not break writes.
      }
    }
  }
}
