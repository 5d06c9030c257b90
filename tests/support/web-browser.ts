import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

/** Where the test run writes its screenshots (committed copies live under docs/ui/). */
export const SCREENSHOTS = resolve("reports/ui");

/**
 * Debian's Chromium, headless, driven by puppeteer-core (no browser download). The flags keep it
 * off the network it would reach on its own (updates, sync, safe browsing), so any request a page
 * makes is the page's own.
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh, cookie-less browser context (its own session), with a 1280×800 page. */
export async function freshPage(browser: Browser, width = 1280, height = 800): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height });
  page.setDefaultTimeout(30_000);
  return page;
}

/** Signs a page in through the sign-in form, with the key typed in, and waits for the inbox. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/app/signin`);
  await page.type('input[name="key"]', key);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"].primary')]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
