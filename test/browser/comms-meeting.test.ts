import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, loginAs, SHOTS, startServer } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';

// Chromium's fake camera and microphone, permissions granted, media kept on loopback.
const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection'];

/**
 * Test-only: record every peer connection (for getStats), let only 127.0.0.1 candidates through
 * the signalling (the machine's other interfaces are not for this test), and stand in for the
 * screen picker headless Chromium cannot show with a canvas track (it renegotiates the same way).
 */
const INIT = `(() => {
  window.__pcs = [];
  const Orig = window.RTCPeerConnection;
  const Wrapped = function (...args) { const pc = new Orig(...args); window.__pcs.push(pc); return pc; };
  Wrapped.prototype = Orig.prototype;
  window.RTCPeerConnection = Wrapped;
  const srd = Orig.prototype.setRemoteDescription;
  Orig.prototype.setRemoteDescription = function (d) {
    if (d && d.sdp) d = { type: d.type, sdp: d.sdp.split('\\r\\n').filter((l) => !l.startsWith('a=candidate') || l.includes(' 127.0.0.1 ')).join('\\r\\n') };
    return srd.call(this, d);
  };
  if (navigator.mediaDevices) navigator.mediaDevices.getDisplayMedia = async () => {
    const c = document.createElement('canvas'); c.width = 320; c.height = 240;
    const g = c.getContext('2d'); let i = 0;
    setInterval(() => { g.fillStyle = 'hsl(' + (i++ * 7 % 360) + ',80%,50%)'; g.fillRect(0, 0, 320, 240); }, 50);
    return c.captureStream(15);
  };
})();`;

/** Decoded frames of each inbound video stream, over all of the page's peer connections. */
async function framesDecoded(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const out: number[] = [];
    for (const pc of (window as any).__pcs as RTCPeerConnection[]) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: any) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') out.push(s.framesDecoded ?? 0);
      });
    }
    return out;
  });
}

let browser: Browser;
let t: TestApp;
let base: string;
beforeAll(async () => {
  ({ t, base } = await startServer());
  browser = await launchBrowser(MEDIA_ARGS);
}, 240_000); // the run's first browser file may also seed the demo company the others copy
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('a video meeting between two browsers', () => {
  it('started from a hazard; the invited rings, both see each other’s video, then a screen share renegotiates', async () => {
    const ids = await t.ids();
    const safetyApi = await t.login('safety');
    const h = await safetyApi.post('/api/v1/hazards', { title: '喷涂车间排风机停转', description: '调漆间可燃气体浓度上升', departmentId: ids.departments.production, areaId: ids.areas.A04 });

    const ctxA = await browser.newContext({ ...DESKTOP, permissions: ['camera', 'microphone'] });
    const ctxB = await browser.newContext({ ...DESKTOP, permissions: ['camera', 'microphone'] });
    await ctxA.addInitScript(INIT);
    await ctxB.addInitScript(INIT);
    const a = await loginAs(ctxA, base, 'safety');
    const b = await loginAs(ctxB, base, 'production');
    await b.goto(`${base}/`);
    await b.locator('[data-testid="realtime-status"][data-state="open"]').waitFor({ timeout: 15_000 });

    // the safety officer starts it from the hazard's page
    await a.goto(`${base}/hazards/${h.body.id}`);
    await a.getByTestId('record-meeting-start').click();
    await a.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await a.getByTestId('meeting-join').click();
    await a.getByTestId('meeting-local').waitFor();

    // 张伟 rings wherever he is, answers, joins
    await b.getByTestId('meeting-answer').click({ timeout: 15_000 });
    await b.waitForURL(/\/meetings\//);
    await b.getByTestId('meeting-join').click();

    for (const page of [a, b]) {
      await expect.poll(async () => Math.max(0, ...(await framesDecoded(page))), { timeout: 20_000, interval: 500 }).toBeGreaterThan(20);
      await page.locator('[data-testid="meeting-remote"] video').first().waitFor();
    }
    await expect.poll(async () => a.locator('[data-testid="meeting-attendee"][data-present="true"]').count(), { timeout: 10_000 }).toBe(2);
    await a.screenshot({ path: path.join(SHOTS, 'meeting-a.png') });

    // screen share adds a track: the connection renegotiates and B decodes a second video stream
    await a.getByTestId('meeting-share').click();
    await expect.poll(async () => (await framesDecoded(b)).filter((n) => n > 10).length, { timeout: 20_000, interval: 500 }).toBe(2);
    await expect.poll(async () => b.getByTestId('meeting-remote').count(), { timeout: 10_000 }).toBe(2);
    await b.screenshot({ path: path.join(SHOTS, 'meeting-b-share.png') });

    // B leaves: A sees it in the attendance; the record keeps who was there and for how long
    await b.getByTestId('meeting-leave').click();
    await a.locator('[data-testid="meeting-attendee"][data-present="false"]').waitFor({ timeout: 15_000 });
    await a.getByTestId('meeting-leave').click();
    const history = await safetyApi.get(`/api/v1/comms/records/hazard/${h.body.id}/history`);
    expect(history.body.meetings[0].attendance.map((x: any) => x.displayName).sort()).toEqual(['张伟', '李建国'].sort());
    expect(history.body.meetings[0].attendance.every((x: any) => x.leftAt)).toBe(true);
    await a.goto(`${base}/hazards/${h.body.id}`);
    await a.getByTestId('record-meeting').first().waitFor();
    await a.getByTestId('record-room').screenshot({ path: path.join(SHOTS, 'meeting-record-card.png') });
    await ctxA.close();
    await ctxB.close();
  });
});
