/**
 * A tiny key-value store on IndexedDB: the session autosaves here and comes back after a
 * reload or a crash. Values are structured-cloned (plain data only).
 */
const DB_NAME = 'skeldir-schema-explorer';
const STORE = 'session';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error('IndexedDB unavailable: the session will not be saved', { cause: req.error }));
  });
  return opening;
}

function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then((db) => new Promise<T>((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = run(t.objectStore(STORE));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(new Error(`IndexedDB ${mode} failed`, { cause: t.error }));
    t.onabort = () => reject(new Error(`IndexedDB ${mode} aborted`, { cause: t.error }));
  }));
}

export const idbGet = <T>(key: string) => tx<T | undefined>('readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
export const idbSet = (key: string, value: unknown) => tx('readwrite', (s) => s.put(value, key)).then(() => undefined);
export const idbClear = () => tx('readwrite', (s) => s.clear()).then(() => undefined);
export const idbDelete = (key: string) => tx('readwrite', (s) => s.delete(key)).then(() => undefined);
