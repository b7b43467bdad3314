// The window's session facts, read once and kept current for every screen: what the store holds
// and its "today", online/offline, the last portal sync, a running portal sync's progress (it
// survives a change of tab), and requests between screens such as Ctrl+K's "search tenders".
import { api, errorText, events } from "./api";
import type { Progress } from "./bindings/Progress";
import type { StoreInfo } from "./bindings/StoreInfo";

class Session {
  info = $state<StoreInfo | null>(null);
  error = $state<string | null>(null);
  online = $state(typeof navigator === "undefined" ? true : navigator.onLine);
  lastSync = $state<string | null>(null);
  /** Whether any portal answered in the last sync (null: never synced). "online" means this. */
  lastSyncAnswered = $state<boolean | null>(null);
  /** Why the last sync failed when no portal answered, in a few words. */
  lastSyncProblem = $state<string | null>(null);
  syncing = $state(false);
  progress = $state<Progress | null>(null);
  syncError = $state<string | null>(null);
  /** Set by Ctrl+K; the tender list focuses its search field (mounted or not yet) and clears it. */
  searchWanted = $state(false);
  private started = false;

  /** Subscribes once per window: online state and the portal sync's events. */
  start() {
    if (this.started) return;
    this.started = true;
    this.refresh();
    window.addEventListener("online", () => (this.online = true));
    window.addEventListener("offline", () => (this.online = false));
    events.onSyncProgress((p) => ((this.progress = p), (this.syncing = true))).catch(() => {});
    events
      .onSyncFinished((f) => {
        this.syncing = false;
        this.progress = null;
        this.syncError = f.error?.message ?? null;
        this.refresh();
      })
      .catch(() => {});
  }

  refresh() {
    api.storeInfo().then((i) => ((this.info = i), (this.error = null)), (e) => (this.error = errorText(e)));
    api.syncReports().then((all) => {
      // The newest report of each portal; a file import is not a sync.
      const runs = all.filter((r) => r.source !== "import");
      this.lastSync = runs[0]?.finished_at ?? null;
      const reports = runs.map((r) => r.report as { fetched?: number; errors?: string[] });
      const answered = reports.some((r) => (r.fetched ?? 0) > 0 || (r.errors ?? []).length === 0);
      this.lastSyncAnswered = runs.length ? answered : null;
      // The core says in a few words why no portal answered (SyncReport.unanswered).
      const why = runs.map((r) => (r.report as { unanswered?: string | null }).unanswered).find(Boolean);
      this.lastSyncProblem = runs.length && !answered ? (why ?? "zie Bronnen") : null;
    }, () => {});
  }

  /** Starts a portal sync in the background (a second request while one runs is refused). */
  syncNow() {
    this.syncError = null;
    api.syncNow().then((started) => (this.syncing = started || this.syncing), (e) => (this.syncError = errorText(e)));
  }

  requestSearch() {
    this.searchWanted = true;
  }
}

export const session = new Session();
