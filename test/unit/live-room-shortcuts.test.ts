// The live room's keyboard shortcuts and the 复盘 chart scales and CSV files (pure).
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, type KeyPress } from '../../renderer/src/features/live-room/shortcuts.ts';
import { linearScale, linePath, niceStep, niceTicks, staggerRows, tickLabel, timeTicks } from '../../renderer/src/features/review/chart-scale.ts';
import { CSV_TABLES, csvFiles } from '../../renderer/src/features/review/csv.ts';
import zh from '../../renderer/src/features/live-room/locale-zh.ts';
import { sessionCsv } from '../../scenarios/engine/index.ts';
import { zh as zhText } from '../harness/i18n.ts';
import { busyScenario, drive } from '../harness/scenarios.ts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, altKey: false, metaKey: false, repeat: false, editable: false, ...more });

describe('shortcuts', () => {
  it('maps the legend keys to their actions, case-insensitively', () => {
    expect(shortcutFor(press('a'))).toEqual({ action: 'markAnswered' });
    expect(shortcutFor(press('A'))).toEqual({ action: 'markAnswered' });
    expect(shortcutFor(press('p'))).toEqual({ action: 'togglePin' });
    expect(shortcutFor(press('c'))).toEqual({ action: 'pushCoupon' });
    expect(shortcutFor(press('f'))).toEqual({ action: 'flashSale' });
    expect(shortcutFor(press('m'))).toEqual({ action: 'muteSelected' });
    expect(shortcutFor(press('t'))).toEqual({ action: 'pinSelected' });
    expect(shortcutFor(press('k'))).toEqual({ action: 'focusKeyword' });
    expect(shortcutFor(press('r'))).toEqual({ action: 'focusReply' });
    expect(shortcutFor(press('s'))).toEqual({ action: 'toggleFeed' });
    expect(shortcutFor(press('3'))).toEqual({ action: 'coverPoint', index: 2 });
    expect(shortcutFor(press('0'))).toBeNull();
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('stays out of text fields, browser chords and key repeat; Escape always works', () => {
    expect(shortcutFor(press('a', { editable: true }))).toBeNull();
    expect(shortcutFor(press('1', { editable: true }))).toBeNull();
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('f', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('p', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { repeat: true }))).toBeNull();
    expect(shortcutFor(press('Escape', { editable: true }))).toEqual({ action: 'escape' });
  });

  it('has a label for every action in the legend, and every letter in the legend works', () => {
    for (const s of SHORTCUTS) {
      expect(zh.shortcut[s.action]).toBeTruthy();
      if (/^[A-Z]$/.test(s.keyLabel)) expect(shortcutFor(press(s.keyLabel.toLowerCase()))?.action).toBe(s.action);
    }
  });
});

describe('chart scales', () => {
  it('maps a domain onto a range, inverted for SVG y', () => {
    const y = linearScale([0, 100], [150, 10]);
    expect(y(0)).toBe(150);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(80);
    expect(linearScale([5, 5], [0, 10])(7)).toBe(0);
  });

  it('picks 1-2-5 steps and a top at or above the maximum', () => {
    expect(niceStep(100)).toBe(50);
    expect(niceStep(37)).toBe(10);
    expect(niceStep(0)).toBe(1);
    expect(niceTicks(37)).toEqual({ top: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceTicks(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceTicks(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceTicks(0.3, 4, false).top).toBeGreaterThanOrEqual(0.3);
  });

  it('spaces time ticks to the session length and labels them', () => {
    expect(timeTicks(180_000)).toEqual([0, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000]);
    expect(timeTicks(5_400_000)).toEqual([0, 900_000, 1_800_000, 2_700_000, 3_600_000, 4_500_000, 5_400_000]);
    expect(tickLabel(90_000, 180_000)).toBe('1:30');
    expect(tickLabel(1_800_000, 5_400_000)).toBe('30′');
  });

  it('draws a polyline and staggers close marker labels', () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 2.25, y: 3 }])).toBe('M0.0 1.0 L2.3 3.0');
    expect(linePath([])).toBe('');
    expect(staggerRows([0, 5, 10, 40, 41], 16)).toEqual([0, 1, 2, 0, 1]);
  });
});

describe('CSV files', () => {
  it('names the four tables safely and starts each with a BOM', () => {
    const s = drive(busyScenario(), 70_000).state;
    const files = csvFiles(sessionCsv(s, zhText), 'b5 quick/../20260101');
    expect(files.map((f) => f.table)).toEqual([...CSV_TABLES]);
    expect(files.map((f) => f.name)).toEqual(['b5-quick-..-20260101-minutes.csv', 'b5-quick-..-20260101-replies.csv', 'b5-quick-..-20260101-actions.csv', 'b5-quick-..-20260101-orders.csv']);
    for (const f of files) expect(f.text.startsWith('\uFEFF')).toBe(true);
    expect(files[0]?.text.split('\r\n')[1]).toMatch(/^1,/);
  });
});
