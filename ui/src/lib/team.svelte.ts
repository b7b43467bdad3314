// The team's state for the whole window: read once, kept current by the `team-synced` event of
// the background rounds, so the header and Instellingen always show the same thing.
import { api, errorText, events, isCommandError } from "./api";
import type { TeamStatus } from "./bindings/TeamStatus";
import type { TeamSyncReport } from "./bindings/TeamSyncReport";

class TeamState {
  status = $state<TeamStatus | null>(null);
  lastReport = $state<TeamSyncReport | null>(null);
  lastError = $state<string | null>(null);
  /** The code of the last round's error ("key_renewed": a teammate made a new key). */
  lastCode = $state<string | null>(null);
  syncing = $state(false);
  private started = false;

  /** Reads the state and subscribes to the background rounds (once per window). */
  start() {
    if (this.started) return;
    this.started = true;
    this.refresh();
    events.onTeamSynced((r) => {
      this.status = r.status;
      this.lastReport = r.report;
      this.lastError = r.error?.message ?? null;
      this.lastCode = r.error?.code ?? null;
    }).catch(() => {});
  }

  refresh() {
    api.teamStatus().then((s) => (this.status = s), (e) => (this.lastError = errorText(e)));
  }

  async syncNow() {
    this.syncing = true;
    try {
      this.lastReport = await api.teamSync();
      this.lastError = null;
      this.lastCode = null;
    } catch (e) {
      this.lastError = errorText(e);
      this.lastCode = isCommandError(e) ? e.code : null;
    } finally {
      this.syncing = false;
      this.refresh();
    }
  }
}

export const team = new TeamState();
