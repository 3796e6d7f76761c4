import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadBundle } from '../../runtime/index.js';
import type { Decision } from '../../runtime/types.js';
import { coreBytes } from '../wasm/core-module.js';
import { browserBundle } from './browser-bundle.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NOW = Date.parse('2026-11-27T10:00:00Z');

/**
 * The page's module, bundled by esbuild for the browser: imports both runtimes the way an application
 * does, and decides every request with ramc/runtime and ramc/wasm (with the ramc.wasm it fetches next to
 * itself, and with a module the page compiled).
 */
const APP = `
import { loadBundle } from './runtime/index.js';
import { loadWasmBundle } from './runtime/wasm.js';

export async function decideAll(now) {
  const bytes = new Uint8Array(await (await fetch('/acme.bundle')).arrayBuffer());
  const list = await (await fetch('/requests.json')).json();
  const clock = { now: () => now };
  const ts = loadBundle(bytes, clock);
  const wasm = await loadWasmBundle(bytes, clock);
  const module = await WebAssembly.compileStreaming(fetch('/ramc.wasm'));
  const precompiled = await loadWasmBundle(bytes, { ...clock, module });
  return {
    ts: list.map((r) => ts.authorize(r)),
    wasm: list.map((r) => wasm.authorize(r)),
    precompiled: list.map((r) => precompiled.authorize(r)),
  };
}
`;

interface PageDecisions {
  ts: Decision[];
  wasm: Decision[];
  precompiled: Decision[];
}

const bundle = compile('examples/acme/model.json').bundle as Uint8Array;
const requests: unknown[] = readFileSync('examples/acme/requests.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

/** Serves the page's files on 127.0.0.1: the app bundle, ramc.wasm next to it, the bundle and the requests. */
async function serve(): Promise<Server> {
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html', '<!doctype html><title>ramc</title>'],
    '/app.js': ['text/javascript', (await browserBundle(APP)).code],
    '/ramc.wasm': ['application/wasm', await coreBytes()],
    '/acme.bundle': ['application/octet-stream', bundle],
    '/requests.json': ['application/json', JSON.stringify(requests)],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file === undefined ? 404 : 200, { 'content-type': file?.[0] ?? 'text/plain' });
    response.end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const present = existsSync(CHROMIUM);
const ci = process.env.CI === 'true';

describe('ramc/runtime and ramc/wasm in headless Chromium', () => {
  if (!present && !ci) {
    it.skip(
      `skipped: Chromium is not installed at ${CHROMIUM} (apt-get install chromium); under CI=true this fails`,
    );
    return;
  }

  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!present) return;
    server = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('decides the example requests exactly as Node does', async () => {
    if (browser === undefined || server === undefined) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}; CI=true requires the browser test to run`);
    }
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const decided = (await page.evaluate(
      `import('/app.js').then((app) => app.decideAll(${NOW}))`,
    )) as PageDecisions;
    const node = loadBundle(bundle, { now: () => NOW });
    const expected = requests.map((request) => node.authorize(request));
    expect(expected.map((d) => d.decision)).toContain('Allow');
    expect(decided.ts).toEqual(expected);
    expect(decided.wasm).toEqual(expected);
    expect(decided.precompiled).toEqual(expected);
    expect(errors).toEqual([]);
  });
});
