import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createOutbox, indexedDbBackend, memoryBackend, type OutboxBackend } from '../../src/record/outbox';
import type { Statement } from '../../src/record/statements';

let serial = 0;
/** Minimal statements: the outbox only cares about ids and keeping content intact. */
function mk(n: number): Statement[] {
  return Array.from({ length: n }, () => {
    serial += 1;
    return {
      id: crypto.randomUUID(),
      actor: { objectType: 'Agent', name: '李明', account: { homePage: 'https://branch.example', name: 'm-1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'zh-CN': '收听' } },
      object: { objectType: 'Activity', id: `https://redtour.example/a/${serial}` },
      timestamp: new Date(Date.UTC(2026, 6, 1, 8, 0, serial)).toISOString(),
    };
  });
}
const ids = (list: { id: string }[]) => list.map((s) => s.id);

/** A backend kind: `fresh()` is a new empty store; `reload(b)` is the same store after a page reload. */
interface Kind {
  name: string;
  fresh(): OutboxBackend;
  reload(b: OutboxBackend): OutboxBackend;
}

const kinds: Kind[] = [
  { name: 'memory', fresh: () => memoryBackend(), reload: (b) => b },
  (() => {
    const factories = new WeakMap<OutboxBackend, IDBFactory>();
    return {
      name: 'IndexedDB (fake-indexeddb)',
      fresh() {
        const factory = new IDBFactory();
        const b = indexedDbBackend('redtour-outbox', factory);
        factories.set(b, factory);
        return b;
      },
      reload(b: OutboxBackend) {
        const factory = factories.get(b)!;
        (b as ReturnType<typeof indexedDbBackend>).close();
        const next = indexedDbBackend('redtour-outbox', factory);
        factories.set(next, factory);
        return next;
      },
    };
  })(),
];

describe.each(kinds)('outbox on the $name backend', (kind) => {
  it('keeps insertion order across adds, acks and concurrent writes', async () => {
    const outbox = createOutbox(kind.fresh());
    const a = mk(3);
    const b = mk(4);
    const c = mk(2);
    await outbox.add(a);
    await Promise.all([outbox.add(b), outbox.add(c)]);
    expect(ids(await outbox.peek(100))).toEqual(ids([...a, ...b, ...c]));
    expect(ids(await outbox.peek(5))).toEqual(ids([...a, ...b]).slice(0, 5));
    expect(await outbox.peek(0)).toEqual([]);
    await outbox.ack(ids(a));
    const d = mk(2);
    await outbox.add(d);
    expect(ids(await outbox.peek(100))).toEqual(ids([...b, ...c, ...d]));
    expect(await outbox.peek(1)).toEqual([b[0]]);
  });

  it('adding the same id twice keeps one entry, in its first place', async () => {
    const outbox = createOutbox(kind.fresh());
    const [x, y, z] = mk(3) as [Statement, Statement, Statement];
    await outbox.add([x, y]);
    await outbox.add([x, z, z]);
    await outbox.add([y]);
    expect(await outbox.count()).toBe(3);
    expect(ids(await outbox.peek(10))).toEqual(ids([x, y, z]));
  });

  it('ack removes; reject moves aside (kept with reason) and never comes back', async () => {
    const outbox = createOutbox(kind.fresh());
    const list = mk(5);
    await outbox.add(list);
    await outbox.ack([list[0]!.id, 'not-there']);
    await outbox.reject([list[2]!.id, 'not-there'], 'refused by the LRS (HTTP 400)');
    expect(ids(await outbox.peek(10))).toEqual(ids([list[1]!, list[3]!, list[4]!]));
    expect(await outbox.count()).toBe(3);
    const rejected = await outbox.rejected();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ statement: list[2], reason: 'refused by the LRS (HTTP 400)' });
    expect(Number.isNaN(Date.parse(rejected[0]!.rejectedAt))).toBe(false);
    await outbox.add([list[2]!]);
    expect(await outbox.count()).toBe(3);
  });

  it('count and subscribe follow every change', async () => {
    const outbox = createOutbox(kind.fresh());
    const seen: number[] = [];
    const unsubscribe = outbox.subscribe((n) => seen.push(n));
    const list = mk(4);
    await outbox.add(list);
    await outbox.ack([list[0]!.id]);
    await outbox.reject([list[1]!.id], 'bad');
    await outbox.count(); // operations are serialised: notifications queued before this have run
    expect(seen).toEqual([0, 4, 3, 2]);
    unsubscribe();
    await outbox.add(mk(1));
    await outbox.count();
    expect(seen).toEqual([0, 4, 3, 2]);
    expect(await outbox.count()).toBe(3);
  });

  it('survives a reload: a new outbox on the same store sees pending and rejected statements', async () => {
    const backend = kind.fresh();
    const outbox = createOutbox(backend);
    const list = mk(60);
    await outbox.add(list);
    await outbox.reject([list[59]!.id], 'bad');
    const again = createOutbox(kind.reload(backend));
    expect(await again.count()).toBe(59);
    const peeked = await again.peek(100);
    expect(peeked).toEqual(list.slice(0, 59));
    expect((await again.rejected()).map((r) => r.statement.id)).toEqual([list[59]!.id]);
    const more = mk(1);
    await again.add(more);
    expect(ids(await again.peek(100)).at(-1)).toBe(more[0]!.id);
  });
});

describe('IndexedDB layout', () => {
  it('has `pending` keyed by id with a unique seq index, and `rejected`', async () => {
    const factory = new IDBFactory();
    const backend = indexedDbBackend(undefined, factory);
    await backend.add(mk(1));
    backend.close();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open('redtour-outbox');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect([...db.objectStoreNames].sort()).toEqual(['pending', 'rejected']);
    const t = db.transaction(['pending', 'rejected']);
    const pending = t.objectStore('pending');
    expect(pending.keyPath).toBe('id');
    expect(pending.index('seq').unique).toBe(true);
    expect(t.objectStore('rejected').keyPath).toBe('id');
    db.close();
  });

  it('reports a missing IndexedDB as a rejected promise, not a crash', async () => {
    const backend = indexedDbBackend('x', undefined as unknown as IDBFactory);
    await expect(backend.count()).rejects.toThrow(/not available/);
  });
});
