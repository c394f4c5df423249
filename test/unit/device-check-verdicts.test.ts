// Verdicts of each device-check item at and around the limits of the thresholds table, and the record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRecord,
  DeviceCheckRecord,
  EMPTY_ITEMS,
  itemResult,
  judgeCamera,
  judgeDisk,
  judgeMicrophone,
  judgeNetwork,
  judgeObs,
  judgeSpeakers,
  thresholdRows,
  THRESHOLDS,
  worst,
  type CameraMeasured,
  type DiskMeasured,
  type MicrophoneMeasured,
  type NetworkMeasured,
  type ObsMeasured,
  type SpeakersMeasured,
  type Thresholds,
} from '../../scenarios/device-check/index.ts';

const browser = { transport: 'websocket' } as const;
const codes = (j: { findings: { code: string }[] }) => j.findings.map((f) => f.code);

const camera: CameraMeasured = {
  status: 'measured', error: null, deviceId: 'c1', deviceLabel: 'USB Camera', width: 1280, height: 720, settingsFps: 30,
  deliveredFps: 29.8, frames: 44, sampleMs: 1500, meanLuma: 120, lumaStdDev: 40, maxFrameDiff: 1.2, meanFrameDiff: 0.9, frozen: false,
};
const mic: MicrophoneMeasured = {
  status: 'measured', error: null, deviceId: 'm1', deviceLabel: 'USB Mic', sampleRate: 48000, quietMs: 2000, noiseFloorDbfs: -65,
  speechPhase: 'done', readingMs: 3100, speechActiveMs: 2000, speechLevelDbfs: -22, snrDb: 43, peakDbfs: -4, clippingRatio: 0,
  clippedSamples: 0, samples: 240000, digitalSilence: false,
};
const speakers: SpeakersMeasured = {
  status: 'played', error: null, sinkId: 'default', sinkLabel: '扬声器', sinkSelectable: true, sinkApplied: true, toneMs: 1200,
  outputPeakDbfs: -12, outputLatencyMs: 20, heard: true, answerMs: 800,
};
const ingest = { display: 'rtmp://127.0.0.1:1935', host: '127.0.0.1', port: 1935, address: null, dnsMs: null, samples: [1, 1.2, 0.9], errors: [], ok: 3, failed: 0, medianMs: 1, jitterMs: 0.3 };
const network: NetworkMeasured = {
  browserOnline: true, interfaces: ['eth0 IPv4'], ingestError: null,
  ingest,
  obs: { state: 'not_connected', droppedPercent: null, droppedFrames: null, totalFrames: null, congestion: null, bitrateKbps: null, reconnecting: null },
};
const disk: DiskMeasured = {
  status: 'measured', error: null, dir: '/data', freeBytes: 50e9, totalBytes: 100e9, needBytes: 2_660_850_000, kbps: 2628, taskMinutes: 90, margin: 1.5, recordableMinutes: 2536,
};
const obsConnected: ObsMeasured = {
  state: 'connected', url: 'ws://127.0.0.1:4455', errorCode: null, errorMessage: null, obsVersion: '29.1.3', webSocketVersion: '5.1.0',
  programScene: '直播', cameraSource: '摄像头', cameraVisible: true, micInput: '麦克风', micMuted: false, micVolumeDb: 0, bridgeReasons: [],
};

describe('camera', () => {
  it('a good camera passes with its figures in the advice', () => {
    const j = judgeCamera(camera, browser);
    expect(j.verdict).toBe('pass');
    expect(j.findings[0]).toMatchObject({ code: 'camera.ok', adviceKey: 'deviceCheck.advice.camera.ok', params: { width: 1280, height: 720, fps: 29.8, luma: 120 } });
  });

  it('a black picture is too dark (fail), and cannot be called frozen', () => {
    const j = judgeCamera({ ...camera, meanLuma: 0.4, lumaStdDev: 0, frozen: null }, browser);
    expect(j.verdict).toBe('fail');
    expect(codes(j)).toEqual(['camera.dark']);
    expect(j.findings[0]?.level).toBe('fail');
  });

  it('brightness limits come from the table: 35 fails, 69 warns, 70 passes, 191 warns, 226 fails', () => {
    const at = (luma: number) => judgeCamera({ ...camera, meanLuma: luma }, browser).verdict;
    expect([at(34.9), at(35), at(69), at(70), at(190), at(191), at(226)]).toEqual(['fail', 'warn', 'warn', 'pass', 'pass', 'warn', 'fail']);
  });

  it('frame rate and resolution: 20 fps warns, 10 fps fails; 640×480 warns, 640×360 fails', () => {
    expect(judgeCamera({ ...camera, deliveredFps: 20 }, browser).findings[0]).toMatchObject({ code: 'camera.lowFps', level: 'warn' });
    expect(judgeCamera({ ...camera, deliveredFps: 10 }, browser).verdict).toBe('fail');
    expect(judgeCamera({ ...camera, width: 640, height: 480 }, browser).findings[0]).toMatchObject({ code: 'camera.lowResolution', level: 'warn' });
    expect(judgeCamera({ ...camera, width: 640, height: 360 }, browser).verdict).toBe('fail');
  });

  it('a frozen picture fails; no frames fails', () => {
    expect(codes(judgeCamera({ ...camera, frozen: true, maxFrameDiff: 0 }, browser))).toEqual(['camera.frozen']);
    expect(codes(judgeCamera({ ...camera, deliveredFps: null, frames: 0 }, browser))).toEqual(['camera.noFrames']);
  });

  it('a denied permission gets the fix for where the app runs', () => {
    const denied = { ...camera, status: 'denied' as const, error: 'NotAllowedError: Permission denied' };
    expect(codes(judgeCamera(denied, browser))).toEqual(['camera.deniedBrowser']);
    expect(codes(judgeCamera(denied, { transport: 'ipc' }))).toEqual(['camera.deniedDesktop']);
    expect(judgeCamera({ ...camera, status: 'missing' }, browser).findings[0]).toMatchObject({ code: 'camera.missing', level: 'fail' });
  });

  it('a different table changes the verdict (no limit lives outside THRESHOLDS)', () => {
    const strict: Thresholds = { ...THRESHOLDS, camera: { ...THRESHOLDS.camera, fpsPass: { ...THRESHOLDS.camera.fpsPass, value: 30 } } };
    expect(judgeCamera(camera, browser, strict).verdict).toBe('warn');
  });
});

describe('microphone', () => {
  it('a good microphone passes with level, noise and SNR', () => {
    const j = judgeMicrophone(mic, browser);
    expect(j.verdict).toBe('pass');
    expect(j.findings[0]?.params).toEqual({ level: -22, noise: -65, snr: 43 });
  });

  it('digital silence and a dead-quiet signal fail before anything else', () => {
    expect(codes(judgeMicrophone({ ...mic, digitalSilence: true }, browser))).toEqual(['microphone.digitalSilence']);
    expect(codes(judgeMicrophone({ ...mic, peakDbfs: -75 }, browser))).toEqual(['microphone.silent']);
  });

  it('clipping, noise, quiet speech and a low SNR each get their own advice', () => {
    expect(judgeMicrophone({ ...mic, clippingRatio: 0.002 }, browser).findings[0]).toMatchObject({ code: 'microphone.clipping', level: 'warn', params: { percent: 0.2 } });
    expect(judgeMicrophone({ ...mic, clippingRatio: 0.05 }, browser).verdict).toBe('fail');
    expect(judgeMicrophone({ ...mic, noiseFloorDbfs: -45, snrDb: 23 }, browser).findings[0]).toMatchObject({ code: 'microphone.noisy', level: 'warn' });
    expect(judgeMicrophone({ ...mic, speechLevelDbfs: -38, snrDb: 27 }, browser).findings[0]).toMatchObject({ code: 'microphone.quiet', level: 'warn' });
    expect(judgeMicrophone({ ...mic, speechLevelDbfs: -50, snrDb: 15 }, browser).verdict).toBe('fail');
    expect(judgeMicrophone({ ...mic, snrDb: 15 }, browser).findings[0]).toMatchObject({ code: 'microphone.lowSnr', level: 'warn' });
    expect(judgeMicrophone({ ...mic, snrDb: 5 }, browser).verdict).toBe('fail');
  });

  it('no speech heard fails; a skipped reading warns; a gated quiet phase is only a note', () => {
    expect(codes(judgeMicrophone({ ...mic, speechLevelDbfs: null, speechActiveMs: 0, snrDb: null, speechPhase: 'timeout' }, browser))).toEqual(['microphone.noSpeech']);
    expect(judgeMicrophone({ ...mic, speechPhase: 'not_run' }, browser).verdict).toBe('warn');
    const gated = judgeMicrophone({ ...mic, noiseFloorDbfs: -120, snrDb: 98 }, browser);
    expect(gated.verdict).toBe('pass');
    expect(codes(gated)).toEqual(['microphone.ok', 'microphone.quietIsZero']);
  });
});

describe('speakers', () => {
  it('heard passes; not heard fails; no answer warns; nothing at the output fails', () => {
    expect(judgeSpeakers(speakers).verdict).toBe('pass');
    expect(codes(judgeSpeakers({ ...speakers, heard: false }))).toEqual(['speakers.notHeard']);
    expect(judgeSpeakers({ ...speakers, heard: null }).verdict).toBe('warn');
    expect(codes(judgeSpeakers({ ...speakers, outputPeakDbfs: -80 }))).toContain('speakers.noOutput');
    expect(judgeSpeakers({ ...speakers, sinkSelectable: false, sinkApplied: false }).findings.map((f) => f.level)).toEqual(['pass', 'info']);
  });
});

describe('network', () => {
  it('a fast ingest server passes; OBS telemetry missing is said as a note, not hidden', () => {
    const j = judgeNetwork(network);
    expect(j.verdict).toBe('pass');
    expect(codes(j)).toEqual(['network.ok', 'network.obsNotConnected']);
  });

  it('no ingest server set warns; a bad address or an unreachable server fails', () => {
    expect(codes(judgeNetwork({ ...network, ingest: null }))).toEqual(['network.noIngest', 'network.obsNotConnected']);
    expect(judgeNetwork({ ...network, ingest: null, ingestError: '端口无效' }).verdict).toBe('fail');
    const down = { ...ingest, samples: [null, null], errors: ['ECONNREFUSED'], ok: 0, failed: 2, medianMs: null, jitterMs: null };
    expect(judgeNetwork({ ...network, ingest: down }).findings[0]).toMatchObject({ code: 'network.unreachable', params: { error: 'ECONNREFUSED' } });
  });

  it('slow connects and jitter by the table; OBS dropped frames and congestion when streaming', () => {
    const slow = { ...ingest, medianMs: 150, jitterMs: 120 };
    expect(judgeNetwork({ ...network, ingest: slow }).findings.map((f) => [f.code, f.level])).toEqual([
      ['network.slowConnect', 'warn'],
      ['network.jitter', 'fail'],
      ['network.obsNotConnected', 'info'],
    ]);
    const streaming = { state: 'streaming' as const, droppedPercent: 2, droppedFrames: 30, totalFrames: 1500, congestion: 0.6, bitrateKbps: 2500, reconnecting: false };
    expect(judgeNetwork({ ...network, obs: streaming }).findings.map((f) => [f.code, f.level])).toEqual([
      ['network.obsDropped', 'warn'],
      ['network.obsCongestion', 'fail'],
    ]);
  });

  it('offline fails', () => {
    expect(judgeNetwork({ ...network, browserOnline: false }).verdict).toBe('fail');
    expect(judgeNetwork({ ...network, interfaces: [] }).findings[0]?.code).toBe('network.offline');
  });
});

describe('disk', () => {
  it('enough with margin passes, enough without margin warns, less fails', () => {
    expect(judgeDisk(disk).verdict).toBe('pass');
    expect(judgeDisk({ ...disk, freeBytes: 2e9 }).findings[0]).toMatchObject({ code: 'disk.low', level: 'warn', params: { free: '2.0 GB', need: '2.7 GB' } });
    expect(judgeDisk({ ...disk, freeBytes: 1e9 }).verdict).toBe('fail');
    expect(judgeDisk({ ...disk, status: 'error', freeBytes: null, error: 'ENOENT' }).findings[0]?.code).toBe('disk.error');
  });
});

describe('OBS', () => {
  it('never passes without a connection', () => {
    for (const state of ['bridge_missing', 'not_configured', 'not_connected', 'connecting', 'failed'] as const) {
      expect(judgeObs({ ...obsConnected, state }).verdict).not.toBe('pass');
    }
    expect(codes(judgeObs({ ...obsConnected, state: 'not_configured' }))).toEqual(['obs.notConfigured']);
    expect(judgeObs({ ...obsConnected, state: 'failed', errorCode: 'auth_failed' }).findings[0]).toMatchObject({ code: 'obs.auth', level: 'fail' });
    expect(judgeObs({ ...obsConnected, state: 'failed', errorCode: 'password_required' }).findings[0]).toMatchObject({ code: 'obs.auth', level: 'warn' });
    expect(codes(judgeObs({ ...obsConnected, state: 'not_connected', errorCode: 'not_running' }))).toEqual(['obs.notRunning']);
  });

  it('connected: the scene needs a visible camera and an unmuted mic', () => {
    expect(judgeObs(obsConnected).verdict).toBe('pass');
    expect(codes(judgeObs({ ...obsConnected, cameraSource: null, micInput: null }))).toEqual(['obs.noCamera', 'obs.noMic']);
    expect(judgeObs({ ...obsConnected, micMuted: true }).verdict).toBe('fail');
    const lag = { ...obsConnected, bridgeReasons: [{ code: 'render_lag', level: 'warn' as const, message: '渲染延迟丢帧 3%' }, { code: 'no_camera', level: 'warn' as const, message: 'x' }] };
    expect(judgeObs(lag).findings).toEqual([expect.objectContaining({ code: 'obs.bridge', level: 'warn', params: { message: '渲染延迟丢帧 3%', code: 'render_lag' } })]);
  });
});

describe('verdict properties', () => {
  const level = fc.constantFrom('info', 'pass', 'warn', 'fail');
  it('an item verdict is the worst non-info finding, and every item says something', () => {
    fc.assert(
      fc.property(
        fc.record({ luma: fc.double({ min: 0, max: 255, noNaN: true }), fps: fc.double({ min: 0, max: 120, noNaN: true }), w: fc.integer({ min: 16, max: 4096 }), h: fc.integer({ min: 16, max: 4096 }), frozen: fc.option(fc.boolean()) }),
        ({ luma, fps, w, h, frozen }) => {
          const j = judgeCamera({ ...camera, meanLuma: luma, deliveredFps: fps, width: w, height: h, frozen }, browser);
          expect(j.findings.length).toBeGreaterThan(0);
          expect(j.verdict).toBe(worst(j.findings.map((f) => f.level).filter((l) => l !== 'info')));
        },
      ),
    );
    // worst() is the maximum in pass < warn < fail, whatever the order.
    fc.assert(
      fc.property(fc.array(level), (levels) => {
        const verdicts = levels.filter((l) => l !== 'info');
        const expected = verdicts.includes('fail') ? 'fail' : verdicts.includes('warn') ? 'warn' : 'pass';
        expect(worst(verdicts)).toBe(expected);
        expect(worst([...verdicts].reverse())).toBe(expected);
      }),
    );
  });

  it('more light never makes a dark picture worse (monotone below the bright limits)', () => {
    const rank = { pass: 0, warn: 1, fail: 2 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 150, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), (luma, more) => {
        const a = judgeCamera({ ...camera, meanLuma: luma }, browser).verdict;
        const b = judgeCamera({ ...camera, meanLuma: Math.min(190, luma + more) }, browser).verdict;
        expect(rank[b]).toBeLessThanOrEqual(rank[a]);
      }),
    );
  });
});

describe('record', () => {
  it('builds a record that parses, carries the thresholds and says how long the trainee took', () => {
    const t0 = 1_750_000_000_000;
    const items = {
      ...EMPTY_ITEMS,
      camera: itemResult('camera', camera, judgeCamera(camera, browser), { startedAt: t0 + 100, finishedAt: t0 + 1800, attempt: 1 }),
      microphone: itemResult('microphone', mic, judgeMicrophone(mic, browser), { startedAt: t0 + 100, finishedAt: t0 + 5400, attempt: 2 }),
      disk: itemResult('disk', { ...disk, freeBytes: 2e9 }, judgeDisk({ ...disk, freeBytes: 2e9 }), { startedAt: t0, finishedAt: t0 + 3, attempt: 1 }),
    };
    const record = buildRecord({ id: 'dc-20250615-abcdef', startedAt: t0, finishedAt: t0 + 61_000, items, context: { transport: 'websocket', userAgent: 'test', language: 'zh-CN', workType: 'B', level: 5 } });
    expect(DeviceCheckRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(record).toMatchObject({ traineeMs: 61_000, readingMs: 3100, overall: 'warn', complete: false, skills: ['5:1.2.1', '5:6.1.1', '5:6.1.2', '4:1.2.5'] });
    expect(record.items.camera?.durationMs).toBe(1700);
    expect(record.thresholds['camera.lumaDarkFail']).toBe(35);
    expect(Object.keys(record.thresholds)).toHaveLength(thresholdRows().length);
  });

  it('rejects what a file name or JSON cannot hold, saying where', () => {
    const bad = DeviceCheckRecord.safeParse({ ...buildRecord({ id: '../../etc', startedAt: 0, finishedAt: 1, items: EMPTY_ITEMS, context: { transport: null, userAgent: '', language: 'zh-CN', workType: null, level: null } }) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['id']);
    const nan = itemResult('camera', { ...camera, meanLuma: Number.NaN }, judgeCamera(camera, browser), { startedAt: 0, finishedAt: 1, attempt: 1 });
    const parsed = DeviceCheckRecord.shape.items.shape.camera.safeParse(nan);
    expect(parsed.error?.issues[0]?.path).toEqual(['measured', 'meanLuma']);
  });

  it('every threshold has a unit and a rule in Chinese', () => {
    for (const row of thresholdRows()) {
      expect(row.unit, `${row.group}.${row.key}`).not.toBe('');
      expect(row.rule, `${row.group}.${row.key}`).toMatch(/[\u4e00-\u9fff]/);
      expect(Number.isFinite(row.value)).toBe(true);
    }
  });
});
