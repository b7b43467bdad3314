import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The Tauri shell loads the built files from ui/dist; no dev server is needed to run the app.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // One stylesheet file, so the strict CSP needs no 'unsafe-inline' for styles.
    cssCodeSplit: false,
  },
});
