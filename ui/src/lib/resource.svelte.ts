// One loader for every screen: the value belonging to one key (a record's id, a filter), loaded
// again whenever the key changes or `reload()` is called. A response that arrives for an earlier
// key — the consultant picked another record while it was on its way — is dropped, so a panel
// never shows one record's data under another's name. Call during a component's setup.

export interface Resource<T> {
  /** The value for the current key; null before the first answer, and while the key is null. */
  readonly value: T | null;
  /** The current key's error, if its last load failed. */
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads the current key again (after an edit). */
  reload(): void;
}

export function resource<K, T>(key: () => K | null | undefined, load: (key: K) => Promise<T>): Resource<T> {
  let value = $state<T | null>(null);
  let error = $state<unknown>(null);
  let loading = $state(false);
  let asked = 0;
  let current: K | null | undefined = null;

  function run(k: K | null | undefined, keepValue: boolean) {
    const mine = ++asked;
    if (!keepValue) value = null;
    error = null;
    if (k === null || k === undefined) {
      loading = false;
      return;
    }
    loading = true;
    load(k).then(
      (v) => {
        if (mine !== asked) return;
        value = v;
        loading = false;
      },
      (e) => {
        if (mine !== asked) return;
        error = e;
        loading = false;
      },
    );
  }

  $effect(() => {
    const k = key();
    // A new key starts clean; the same key again (a reload) keeps what is shown until the answer.
    const same = k === current;
    current = k;
    run(k, same);
  });

  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    },
    reload() {
      run(current, true);
    },
  };
}
