import type { SnapshotStore } from './index.js';

export interface RedisStoreOptions {
  /** Key namespace. Default "tb:". */
  prefix?: string;
  /** Default 2000 each: a Redis that does not answer fails fast with STORE_UNAVAILABLE. */
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** A store on Redis shared by a fleet; `target` is a redis:// URL or an ioredis client. */
export declare function redisStore(target: string | object, options?: RedisStoreOptions): Promise<SnapshotStore & { close(): Promise<void> }>;
