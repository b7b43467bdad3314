// End to end in the real window: a won tender becomes a contract in Contracten, its VOG
// obligation is "gereed"; the Overzicht expects the re-tender and links the buyer's new
// procedure; months later (the app started with a later --today) the VOG has lapsed and the
// obligation is red. Screenshots go to $TW_SHOTS.
import { Builder, By, until } from "selenium-webdriver";
import { writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { windowHelpers } from "./window.mjs";

const { TW_APP: app, TW_DATA: dataDir, TW_SHOTS: shots, TW_CLI: cliBinary, TW_DRIVER: driverUrl } = process.env;
if (!app || !dataDir || !shots || !cliBinary) throw new Error("TW_APP, TW_DATA, TW_SHOTS and TW_CLI are required");
mkdirSync(shots, { recursive: true });
const cli = (...args) => execFileSync(cliBinary, ["--data-dir", dataDir, ...args], { env: { ...process.env, TENDERWACHT_TODAY: "2026-11-23" } });

// Two phases, each with its own tauri-driver (a second session in one driver sometimes never came
// up while other windows were being driven): now (TW_PHASE unset) and months later ("later").
const later = process.env.TW_PHASE === "later";

// The tender the consultancy won, its bid, a VOG valid for three months, and the buyer's next procedure.
if (!later) {
  cli("provider", "add", "--name", "Zorgboerderij De Linde", "--kvk", "23456789", "--place", "Emmen");
  cli("tender", "add", "--title", "Wmo begeleiding Emmen", "--buyer", "Gemeente Emmen", "--region", "Drenthe", "--procedure", "open_house", "--domain", "wmo", "--status", "gegund");
  cli("bid", "add", "Wmo begeleiding Emmen", "--party", "De Linde");
  const vog = join(dataDir, "..", "vog-de-linde.pdf");
  writeFileSync(vog, "%PDF-1.4 VOG De Linde");
  cli("document", "add", "--party", "De Linde", "--type", "vog", "--file", vog, "--issued", "2026-11-01");
}

async function session(today) {
  return new Builder()
    .usingServer(driverUrl ?? "http://127.0.0.1:4444/")
    .withCapabilities({ browserName: "wry", "tauri:options": { application: app, args: ["--data-dir", dataDir, "--today", today] } })
    .build();
}

const driver = await session(later ? "2027-02-15" : "2026-11-23");
const { find, click, setValue, tab, shot } = windowHelpers(() => driver, shots);
const obligationStatus = async () => (await find('[data-testid="obligation-status"]')).getAttribute("data-status");

// Now: the contract from the won tender, its obligations, its signed agreement, the re-tender.
async function now() {
  console.error("step 1");
  // 1. Contracten: a new contract from the won tender, ending 31 March 2027, no extension.
  await tab("Contracten");
  await click('[data-testid="contract-new"]');
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="contract-tender"] option'))).length > 1, 15000);
  const tenderOption = await find('[data-testid="contract-tender"] option:nth-child(2)');
  await setValue('[data-testid="contract-tender"]', await tenderOption.getAttribute("value"));
  const partyOption = await find('[data-testid="contract-party"] option');
  await setValue('[data-testid="contract-party"]', await partyOption.getAttribute("value"));
  await setValue('[data-testid="contract-start"]', "2026-12-01");
  await setValue('[data-testid="contract-end"]', "2027-03-31");
  await click('[data-testid="contract-save"]');
  await find('[data-testid="contract-detail"]');

  console.error("step 2");
  // 2. Its VOG must stay valid throughout: today it is.
  await setValue('[data-testid="obligation-type"]', "vog");
  await click('[data-testid="obligation-throughout"]');
  await click('[data-testid="obligation-add"]');
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="obligation-status"]'))).length > 0, 15000);
  const before = await obligationStatus();
  if (before !== "gereed") throw new Error(`VOG obligation is ${before}, expected gereed`);
  await driver.sleep(300);
  await shot("c1-contract-verplichting-gereed");

  console.error("step 2b");
  // 2b. The signed agreement kept with it, and a fresh VOG within 14 days after a change: a new
  // employee started on 20 November, so one is due (and cannot come in time the usual way).
  const agreement = await find('[data-testid="contract-document-file"]');
  await driver.executeScript(
    "const i = arguments[0]; const dt = new DataTransfer();" +
      "dt.items.add(new File([new TextEncoder().encode('%PDF-1.4 getekend')], 'Overeenkomst Wmo Emmen.pdf', { type: 'application/pdf' }));" +
      "i.files = dt.files; i.dispatchEvent(new Event('change', { bubbles: true }));",
    agreement,
  );
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="contract-documents"] li'))).length === 1, 15000, "the agreement is listed");
  await setValue('[data-testid="obligation-type"]', "vog");
  await click('[data-testid="obligation-after-change"]');
  await click('[data-testid="obligation-add"]');
  await driver.wait(async () => (await driver.findElements(By.css('[data-testid="report-change"]'))).length === 1, 15000);
  await setValue('input[aria-label="Datum van de wijziging"]', "2026-11-20");
  await click('[data-testid="report-change"]');
  await driver.wait(async () => {
    const statuses = await Promise.all((await driver.findElements(By.css('[data-testid="obligation-status"]'))).map((e) => e.getAttribute("data-status")));
    return statuses.includes("niet_op_tijd");
  }, 15000, "the VOG after the change is due");
  const panel = await find('[data-testid="contract-detail"]');
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'end' })", panel);
  await driver.sleep(300);
  await shot("c1b-contract-document-en-wijziging");

  console.error("step 3");
  // 3. The buyer publishes its next procedure; the Overzicht expects the re-tender and links it.
  cli("tender", "add", "--title", "Wmo begeleiding Emmen 2027-2030", "--buyer", "Gemeente Emmen", "--region", "Drenthe", "--procedure", "open_house", "--domain", "wmo");
  await tab("Contracten");
  await tab("Overzicht");
  const retender = await find('[data-testid="retenders"]');
  await driver.wait(async () => (await retender.getText()).includes("Wmo begeleiding Emmen 2027-2030"), 15000);
  const text = await retender.getText();
  if (!text.includes("Herinkoop verwacht voor Wmo begeleiding Emmen") || !text.includes("Zorgboerderij De Linde")) throw new Error(`re-tender: ${text}`);
  await driver.sleep(300);
  await shot("c2-overzicht-herinkoop");
  console.log("e2e contracts now: ok");
}

// Months later: the VOG has lapsed.
async function monthsLater() {
  console.error("step 4");
  // 4. February 2027: the VOG (valid three months) has lapsed; the obligation is red.
  await tab("Contracten");
  await click('[data-testid="contracts"] tbody tr td');
  await find('[data-testid="contract-detail"]');
  const after = await obligationStatus();
  if (after !== "ontbreekt") throw new Error(`VOG obligation is ${after} after it lapsed, expected ontbreekt`);
  await driver.sleep(300);
  await shot("c3-contract-verplichting-verlopen");
  console.log("e2e contracts later: ok");
}

try {
  await (later ? monthsLater() : now());
} finally {
  await driver.quit();
}
