// The trivial window of scripts/figures.py: report "painted" after the first frame, exactly as the
// app does after its Overzicht.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("painted")));
