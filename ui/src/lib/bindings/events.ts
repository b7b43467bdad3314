// Generated from src-tauri/src/events.rs by `cargo test`; do not edit.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Progress } from "./Progress";
import type { SyncFinished } from "./SyncFinished";
import type { TeamSynced } from "./TeamSynced";
import type { DeliverableSaved } from "./DeliverableSaved";
import type { ExportProgress } from "./ExportProgress";
import type { UpdateFound } from "./UpdateFound";

export const events = {
  onSyncProgress: (f: (payload: Progress) => void): Promise<UnlistenFn> => listen<Progress>("sync-progress", (e) => f(e.payload)),
  onSyncFinished: (f: (payload: SyncFinished) => void): Promise<UnlistenFn> => listen<SyncFinished>("sync-finished", (e) => f(e.payload)),
  onTeamSynced: (f: (payload: TeamSynced) => void): Promise<UnlistenFn> => listen<TeamSynced>("team-synced", (e) => f(e.payload)),
  onDeliverableSaved: (f: (payload: DeliverableSaved) => void): Promise<UnlistenFn> => listen<DeliverableSaved>("deliverable-saved", (e) => f(e.payload)),
  onExportProgress: (f: (payload: ExportProgress) => void): Promise<UnlistenFn> => listen<ExportProgress>("export-progress", (e) => f(e.payload)),
  onUpdateFound: (f: (payload: UpdateFound) => void): Promise<UnlistenFn> => listen<UpdateFound>("update-found", (e) => f(e.payload)),
};
