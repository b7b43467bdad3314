// Typed access to the Tauri commands. The types come from Rust (ts-rs, ./bindings), regenerated
// by `cargo test`; a stale file shows in the diff.
import { invoke } from "@tauri-apps/api/core";
import type { AgendaItem } from "./bindings/AgendaItem";
import type { StoreInfo } from "./bindings/StoreInfo";

/** The error shape every command returns (see src-tauri/src/error.rs). */
export interface CommandError {
  code: string;
  field: string | null;
  message: string;
}

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "message" in e && "code" in e;
}

export function errorText(e: unknown): string {
  return isCommandError(e) ? e.message : String(e);
}

export const api = {
  agenda: (days: number) => invoke<AgendaItem[]>("agenda", { days }),
  storeInfo: () => invoke<StoreInfo>("store_info"),
};
