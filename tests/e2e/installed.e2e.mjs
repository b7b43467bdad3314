// The installed package as a consultant gets it: the app the desktop entry starts paints the
// welcome on an empty data folder (the default one under $HOME, no --data-dir), and the store it
// made is where the packaged command line looks too. Run by scripts/package-test.sh.
import { Builder, By, until } from "selenium-webdriver";
import { writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const app = process.env.TW_APP;
const home = process.env.TW_HOME;
const shots = process.env.TW_SHOTS;
if (!app || !home || !shots) throw new Error("TW_APP, TW_HOME and TW_SHOTS are required");

const driver = await new Builder()
  .usingServer(process.env.TW_DRIVER ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: [] } })
  .build();
try {
  const welcome = await driver.wait(until.elementLocated(By.xpath("//h2[normalize-space()='Welkom bij Tenderwacht']")), 30000, "the welcome");
  await driver.wait(until.elementIsVisible(welcome), 15000);
  const title = await driver.getTitle();
  if (title !== "Tenderwacht") throw new Error(`window title ${title}`);
  writeFileSync(join(shots, "installed-welcome.png"), await driver.takeScreenshot(), "base64");
  const store = join(home, ".local/share/tenderwacht/tenderwacht.sqlite");
  if (!existsSync(store)) throw new Error(`no store at ${store}`);
  console.log("e2e installed: ok");
} finally {
  await driver.quit();
}
