// The measured values of an item result as label/value rows for the screen. Pure apart from the
// translation function it is given.
import type deviceCheckZh from './locale-zh.ts';
import type { TFunction } from 'i18next';
import { formatBytes, type ItemResult } from '../../../../scenarios/device-check/index.ts';

export interface ValueRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

const fixed = (value: number | null, digits: number, unit = '') => (value === null ? '—' : `${value.toFixed(digits)}${unit}`);

export function valueRows(result: ItemResult, t: TFunction): ValueRow[] {
  const rows: ValueRow[] = [];
  const add = (key: keyof (typeof deviceCheckZh)['values'], value: string) => rows.push({ key, label: t(`deviceCheck.values.${key}`), value });
  const yesNo = (v: boolean) => t(v ? 'deviceCheck.valueText.yes' : 'deviceCheck.valueText.no');
  switch (result.item) {
    case 'camera': {
      const m = result.measured;
      // The device itself is in the picker above the values.
      if (m.status !== 'measured') {
        if (m.error) add('error', m.error);
        break;
      }
      add('resolution', m.width === null || m.height === null ? '—' : `${m.width}×${m.height}`);
      add('deliveredFps', fixed(m.deliveredFps, 1, ' fps'));
      add('settingsFps', fixed(m.settingsFps, 0, ' fps'));
      add('luma', fixed(m.meanLuma, 0, ' / 255'));
      add('frameDiff', fixed(m.maxFrameDiff, 2));
      add('sampled', t('deviceCheck.valueText.frames', { frames: m.frames, seconds: (m.sampleMs / 1000).toFixed(1) }));
      break;
    }
    case 'microphone': {
      const m = result.measured;
      // The device itself is in the picker above the values.
      if (m.status !== 'measured') {
        if (m.error) add('error', m.error);
        break;
      }
      add('noise', fixed(m.noiseFloorDbfs, 1, ' dBFS'));
      add('speech', fixed(m.speechLevelDbfs, 1, ' dBFS'));
      add('snr', fixed(m.snrDb, 1, ' dB'));
      add('peak', fixed(m.peakDbfs, 1, ' dBFS'));
      add('clipping', m.clippingRatio === null ? '—' : `${(m.clippingRatio * 100).toFixed(2)}%`);
      add('reading', `${(m.readingMs / 1000).toFixed(1)} s`);
      add('sampleRate', m.sampleRate === null ? '—' : `${m.sampleRate} Hz`);
      break;
    }
    case 'speakers': {
      const m = result.measured;
      add('output', m.sinkLabel ?? t('deviceCheck.defaultDevice'));
      add('toneLevel', fixed(m.outputPeakDbfs, 1, ' dBFS'));
      add('latency', fixed(m.outputLatencyMs, 0, ' ms'));
      add('heard', m.heard === null ? t('deviceCheck.valueText.unanswered') : yesNo(m.heard));
      if (m.error) add('error', m.error);
      break;
    }
    case 'network': {
      const m = result.measured;
      add('online', t(m.browserOnline ? 'deviceCheck.valueText.online' : 'deviceCheck.valueText.offline'));
      add('server', m.ingest?.display ?? t('deviceCheck.valueText.notSet'));
      if (m.ingest) {
        if (m.ingest.dnsMs !== null) add('dns', `${m.ingest.dnsMs.toFixed(1)} ms`);
        add('connect', fixed(m.ingest.medianMs, 1, ' ms'));
        add('jitter', fixed(m.ingest.jitterMs, 1, ' ms'));
        add('attempts', t('deviceCheck.valueText.ofAttempts', { ok: m.ingest.ok, attempts: m.ingest.ok + m.ingest.failed }));
      }
      add('obsTelemetry', t(`deviceCheck.valueText.telemetry.${m.obs.state}`));
      add('interfaces', m.interfaces.length > 0 ? m.interfaces.join('，') : t('deviceCheck.valueText.none'));
      break;
    }
    case 'disk': {
      const m = result.measured;
      add('free', m.freeBytes === null ? '—' : formatBytes(m.freeBytes));
      add('recordable', m.recordableMinutes === null ? '—' : t('deviceCheck.valueText.minutes', { minutes: Math.floor(m.recordableMinutes) }));
      add('need', t('deviceCheck.valueText.forTask', { need: formatBytes(m.needBytes), minutes: m.taskMinutes }));
      add('dir', m.dir === '' ? '—' : m.dir);
      break;
    }
    case 'obs': {
      const m = result.measured;
      add('state', t(`deviceCheck.valueText.obsState.${m.state}`) + (m.url ? ` · ${m.url}` : ''));
      if (m.obsVersion) add('version', `OBS ${m.obsVersion} · obs-websocket ${m.webSocketVersion ?? '—'}`);
      if (m.state === 'connected') {
        add('scene', m.programScene ?? '—');
        add('cameraSource', m.cameraSource === null ? t('deviceCheck.valueText.none') : m.cameraSource + (m.cameraVisible === false ? t('deviceCheck.valueText.hidden') : ''));
        add('micInput', m.micInput === null ? t('deviceCheck.valueText.none') : m.micInput + (m.micMuted === true ? t('deviceCheck.valueText.muted') : ''));
      }
      break;
    }
  }
  return rows;
}
