// The first week of a new consultant on an English-language system, in the real window: a
// provider's request list does not stay under the next provider, dates are typed the Dutch way
// (and a wrong one is refused at the field in Dutch), the browser's own field check speaks Dutch,
// a sync where no portal answers says so in the header, and the team key stays on screen after
// "Team opzetten" and can be shown again. Screenshots go to $TW_SHOTS.
import { Builder, By, Key, until } from "selenium-webdriver";
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { windowHelpers } from "./window.mjs";

const app = process.env.TW_APP;
const dataDir = process.env.TW_DATA;
const shots = process.env.TW_SHOTS;
const cliBinary = process.env.TW_CLI;
const teamFolder = process.env.TW_TEAM_FOLDER;
if (!app || !dataDir || !shots || !cliBinary || !teamFolder) throw new Error("TW_APP, TW_DATA, TW_SHOTS, TW_CLI and TW_TEAM_FOLDER are required");
// Every command line run has a timeout of its own: a hang says which command, not only the harness's.
const cli = (...args) =>
  execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" }, timeout: 30000 }).toString();
mkdirSync(shots, { recursive: true });

const driver = await new Builder()
  .usingServer(process.env.TW_DRIVER ?? "http://127.0.0.1:4444/")
  .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir] } })
  .build();
const { find, click, type, tab, shot } = windowHelpers(() => driver, shots);
const waitText = (css, test, what, ms = 15000) =>
  driver.wait(async () => {
    try {
      return test(await driver.executeScript("return document.querySelector(arguments[0])?.textContent ?? ''", css));
    } catch {
      return false;
    }
  }, ms, what);
const waitValue = (css, test, what) =>
  driver.wait(async () => {
    try {
      return test(await driver.executeScript("return document.querySelector(arguments[0])?.value ?? ''", css));
    } catch {
      return false;
    }
  }, 15000, what);
const gone = (css) => driver.wait(async () => (await driver.findElements(By.css(css))).length === 0, 15000, `${css} should go`);

try {
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  await find("nav button");

  // 1. Two providers, each owing something different; the request list is the provider's own
  //    and does not stay on screen when another provider is selected.
  await tab("Aanbieders");
  const provider = async (name) => {
    for (const b of await driver.findElements(By.css('[data-testid="provider-item"]'))) {
      if ((await b.getAttribute("data-name")) === name) return b.click();
    }
    throw new Error(`no provider ${name}`);
  };
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="provider-item"]'))).length === 2, 15000, "two providers");
  await provider("Zorgboerderij De Eik");
  await click('[data-testid="request-list"]');
  await waitValue('[data-testid="request-text"]', (t) => t.includes("Zorgboerderij De Eik"), "De Eik's request list");
  const eik = await driver.executeScript("return document.querySelector('[data-testid=\"request-text\"]').value");
  if (!eik.includes("Verklaring Omtrent het Gedrag")) throw new Error(`De Eik owes a VOG: ${eik}`);
  await provider("Het Anker");
  await gone('[data-testid="request-text"]');
  await click('[data-testid="request-list"]');
  await waitValue('[data-testid="request-text"]', (t) => t.includes("Het Anker"), "Het Anker's request list");
  const anker = await driver.executeScript("return document.querySelector('[data-testid=\"request-text\"]').value");
  if (anker.includes("De Eik")) throw new Error(`Het Anker's list shows De Eik: ${anker}`);
  await shot("f1-verzoek-per-aanbieder");

  // 2. A new tender typed the Dutch way: the browser's check says "Vul dit veld in." (not
  //    "Fill out this field"), 31-02 is refused at the field, "9 feb 14:00" is 9 February.
  await tab("Aanbestedingen");
  await click('[data-testid="new-tender"]');
  await click('[data-testid="tender-save"]');
  const bubble = await driver.executeScript("return document.querySelector('[data-testid=\"tender-title\"]').validationMessage");
  if (bubble !== "Vul dit veld in.") throw new Error(`the browser's own check is not Dutch: ${bubble}`);
  await type('[data-testid="tender-title"]', "Wmo begeleiding Tynaarlo 2027");
  const closing = await find('[data-testid="tender-closing"]');
  await closing.sendKeys("31-02-2027 12:00", Key.TAB);
  await waitText(".datefield .error", (t) => t.includes("bestaat niet"), "31-02 is refused in Dutch");
  await shot("f2-datum-bestaat-niet");
  await closing.clear();
  await closing.sendKeys("9 feb 2027 14:00", Key.TAB);
  await gone(".datefield .error");
  const shown = await closing.getAttribute("value");
  if (shown !== "09-02-2027 14:00") throw new Error(`9 feb 14:00 shows as ${shown}`);
  // The calendar starts on Monday and speaks Dutch.
  await click('.datefield button[aria-label="Kalender openen"]');
  const head = await (await find(".calendar thead")).getText();
  if (!/^ma\s*di\s*wo\s*do\s*vr\s*za\s*zo$/.test(head.trim())) throw new Error(`calendar head: ${head}`);
  const month = await (await find(".calendar .head span")).getText();
  if (month !== "februari 2027") throw new Error(`calendar month: ${month}`);
  await shot("f3-kalender-maandag");
  await driver.findElement(By.css('.calendar button[aria-label="18 februari 2027"]')).click();
  if ((await closing.getAttribute("value")) !== "18-02-2027 14:00") throw new Error("picking 18 February keeps 14:00");
  const select = async (css, value) => driver.executeScript(
    "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('change', { bubbles: true }));",
    css, value);
  await select('[data-testid="tender-region"]', "Drenthe");
  await select('[data-testid="tender-domain"]', "wmo");
  await select('[data-testid="tender-procedure"]', "open_house");
  await click('[data-testid="tender-save"]');
  await driver.wait(async () => JSON.parse(cli("--json", "tender", "search", "Tynaarlo")).length === 1, 15000, "the tender is saved");
  const saved = JSON.parse(cli("--json", "tender", "show", "Tynaarlo"));
  const at = saved.milestones?.find((m) => m.kind === "sluiting")?.at ?? saved.tender?.closing ?? JSON.stringify(saved);
  if (!String(at).startsWith("2027-02-18T13:00")) throw new Error(`18-02-2027 14:00 in Amsterdam is 13:00 UTC: ${at}`);
  const t = saved.tender ?? saved;
  if (t.region !== "Drenthe" || t.domain !== "wmo" || t.procedure !== "open_house") throw new Error(`region, domain, procedure: ${JSON.stringify(t)}`);

  // 3. A sync where no portal answers: the header says offline and why, not "gesynchroniseerd".
  await tab("Bronnen");
  for (const b of await driver.findElements(By.css("button"))) {
    if ((await b.getText()) === "Nu synchroniseren") {
      await b.click();
      break;
    }
  }
  await waitText('[data-testid="last-sync"]', (s) => s.includes("synchronisatie mislukt"), "the header says the sync failed", 90000);
  const textOf = (css) => driver.executeScript("return document.querySelector(arguments[0])?.textContent.trim() ?? ''", css);
  const net = await textOf('[data-testid="net"]');
  if (net !== "offline") throw new Error(`no portal answered, yet the header says ${net}`);
  const line = await textOf('[data-testid="last-sync"]');
  if (/gesynchroniseerd\s/.test(line) || /lookup|HTTP|refused/i.test(line)) throw new Error(`header: ${line}`);
  await shot("f4-synchronisatie-mislukt");

  // 4. The team key stays on screen after "Team opzetten", and can be shown again later.
  await tab("Instellingen");
  await type('[data-testid="team-init-folder"]', teamFolder);
  await type('[data-testid="team-init-name"]', "Bureau Noord");
  await click('[data-testid="team-init"]');
  await waitText('[data-testid="team-key"] code', (k) => /^[0-9a-f]{8}(-[0-9a-f]{8}){7}$/.test(k), "the key stays after the switch to the team's status");
  const key = await (await find('[data-testid="team-key"] code')).getText();
  await find('[data-testid="team-sync"]');
  await shot("f5-teamsleutel-na-opzetten");
  for (const b of await driver.findElements(By.css('[data-testid="team-key"] button'))) {
    if ((await b.getText()) === "Verbergen") await b.click();
  }
  await gone('[data-testid="team-key"]');
  await click('[data-testid="team-key-show"]');
  await click('[data-testid="team-key-confirm"]');
  await waitText('[data-testid="team-key"] code', (k) => k === key, "the same key shown again");
  const fromCli = JSON.parse(cli("--json", "team", "key")).key;
  if (fromCli !== key) throw new Error(`team key: ${fromCli} vs ${key}`);
  await shot("f6-teamsleutel-opnieuw");

  // 5. A colleague's laptop joins and renews the key (entered here), then is taken out of the
  //    team: a new key, shown once, and the laptop listed as taken out; the old key no longer
  //    opens the team; then this laptop leaves the team and keeps its data.
  console.log("e2e firstweek: a colleague joins");
  const bram = `${dataDir}-bram`;
  execFileSync(cliBinary, ["--data-dir", bram, "team", "join", "--folder", teamFolder, "--key", key, "--device", "Laptop Bram"], { timeout: 30000 });
  // Bram makes a new key (the old one was shown to the wrong person): this laptop hears it at its
  // next round, stops, and carries on once the new key is typed in.
  const rotated = JSON.parse(execFileSync(cliBinary, ["--data-dir", bram, "--json", "team", "rotate-key", "--yes"], { timeout: 30000 }).toString()).key;
  await click('[data-testid="team-sync"]');
  await waitText('[data-testid="team"]', (t) => t.includes("vernieuwd door Laptop Bram"), "told the key was renewed");
  await find('[data-testid="team-enter-key-form"]');
  await shot("f7a-sleutel-vernieuwd");
  await type('[data-testid="team-enter-key"]', rotated);
  await click('[data-testid="team-enter-key-form"] button');
  await gone('[data-testid="team-enter-key-form"]');
  await waitText('[data-testid="team-devices"]', (t) => t.includes("Laptop Bram"), "the colleague's laptop is listed");
  await click('[data-testid="team-remove-device"]');
  await find('[role="alertdialog"]');
  await click('[data-testid="team-remove-confirm"]');
  await waitText('[data-testid="team-key"]', (t) => t.includes("Laptop Bram is uit het team gehaald"), "the new key is shown once");
  const renewed = await (await find('[data-testid="team-key"] code')).getText();
  if (!/^[0-9a-f]{8}(-[0-9a-f]{8}){7}$/.test(renewed) || renewed === key || renewed === rotated) throw new Error(`renewed key: ${renewed}`);
  await waitText('[data-testid="team-devices"]', (t) => t.includes("uit het team gehaald op"), "the laptop is listed as taken out");
  await shot("f7-laptop-uit-team");
  let refused = "";
  try {
    execFileSync(cliBinary, ["--data-dir", bram, "team", "enter-key", renewed], { stdio: "pipe", timeout: 30000 });
  } catch (e) {
    refused = e.stderr.toString();
  }
  if (!refused.includes("uit het team verwijderd")) throw new Error(`the removed laptop took the new key: ${refused}`);
  await click('[data-testid="team-leave"]');
  await click('[data-testid="team-leave-confirm"]');
  await waitText('[data-testid="team-left"]', (t) => t.includes("heeft het team verlaten") && t.includes("gegevens staan nog"), "left, data kept");
  await find('[data-testid="team-init"]');
  await shot("f8-team-verlaten");
  console.log("e2e firstweek: left the team");
  const providers = JSON.parse(cli("--json", "provider", "list"));
  if (providers.length !== 2) throw new Error(`the data stays: ${providers.length} providers`);

  console.log("e2e firstweek: ok");
} catch (e) {
  await shot("f-fout").catch(() => {});
  throw e;
} finally {
  await driver.quit();
}
